/**
 * The HTTP API as a Hono app: `createApp(deps)` wires routes, authentication, validation and
 * the one error handler. Tests call `app.request(...)` in process; service/main.ts serves it.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { DefinitionRegistry } from '../definitions/process';
import type { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { CalendarData } from './calendar-data';
import { type AppEnv, requireUser } from './auth/middleware';
import { serverTiming } from './step-timing';
import type { LoginThrottle } from './auth/rate-limit';
import type { TokenIssuer } from './auth/tokens';
import { AppError, errorResponse, toAppError, zodIssues } from './errors';
import { serveOpenApi } from './openapi';
import { serveWebApp } from './static';
import { loginRoutes, meRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendar';
import { creditRecordRoutes } from './routes/credit-records';
import { intermediaryRoutes } from './routes/intermediaries';
import { decisionRoutes } from './routes/decisions';
import { definitionRoutes } from './routes/definitions';
import { documentRoutes } from './routes/documents';
import { enterpriseRoutes } from './routes/enterprises';
import { forecastRoutes } from './routes/forecast';
import { planPreviewRoutes } from './routes/plan-preview';
import { healthRoutes, type TEngineHealth } from './routes/health';
import { materialRoutes } from './routes/materials';
import { projectRoutes } from './routes/projects';
import { colleagueRoutes } from './routes/colleagues';
import { workRoutes } from './routes/work';
import { auditRoutes } from './routes/audit';
import { delegationRoutes } from './routes/delegations';
import { followUpRoutes } from './routes/follow-up';
import { FollowUpCases } from './follow-up/cases';
import { followUpOfRatings } from './follow-up/ratings';
import type { Db } from '../db/connect';
import { agentGate } from './agents/gate';
import type { DelegationStore } from './agents/store';
import { dryRunRoutes } from './routes/dry-run';
import { migrationRoutes } from './routes/migration';
import { BackfillAudit } from './audit/gather';
import { DEFAULT_BACKFILL_THRESHOLDS, type TBackfillThresholds } from './audit/thresholds';
import { MAX_MATERIAL_BYTES, type MaterialStore } from './materials/store';
import type { ProjectGateway } from './projects/gateway';
import type { ReadModelStore } from '../db/read-model/store';
import type { CreditRecordStore } from '../db/credit-records';
import type { ParkRegister, ProviderDirectory } from '../db/intermediaries';
import type { IdempotencyStore } from './idempotency';
import type { QuotaStore } from './quotas';
import type { ProjectCodeRegister } from './projects/project-codes';
import type { TDecisionResult } from '../workflows/decision-result';
import type { UserDirectory } from './users/store';
import type { EnterpriseDirectory } from './enterprises/store';
import type { DocumentArchive } from '../activities/documents/archive';

export const API_VERSION = '1.0.0';
/** Largest request body accepted (a stage application with its form is a few KiB). */
const MAX_BODY_BYTES = 1024 * 1024;
/** A material upload: the file (checked again after parsing) and the multipart framing. */
const MAX_UPLOAD_BODY_BYTES = MAX_MATERIAL_BYTES + 64 * 1024;
const isUpload = (c: Context) => c.req.method === 'POST' && /^\/api\/projects\/[^/]+\/materials\/?$/.test(c.req.path);

export interface AppDeps {
  /** The user directory (PostgreSQL), read on every request. */
  users: UserDirectory;
  /** The enterprise directory (PostgreSQL): registration needs a confirmed entry; lists show its names. */
  enterprises: EnterpriseDirectory;
  tokens: TokenIssuer;
  definitions: DefinitionRegistry;
  /**
   * The working-day calendar in force now: the data directory's (coordinators may load notices
   * and overrides through the API), or a fixed one (tests; the calendar write routes answer 503).
   */
  calendar: CalendarData | (() => WorkingCalendar);
  /** Legal documents the worker issued (PostgreSQL); without it the document routes answer UNAVAILABLE. */
  documents?: Pick<DocumentArchive, 'list' | 'get'>;
  /** The files handed in for materials (`<APPROVALS_DATA_DIR>/uploads`); without it the material routes answer UNAVAILABLE. */
  materials?: MaterialStore;
  /** Temporal; without it the project routes answer UNAVAILABLE (reference routes still work). */
  projects?: ProjectGateway;
  /** Lists, inboxes and statistics (PostgreSQL, kept current by the workflows); without it they answer UNAVAILABLE. */
  readModel?: ReadModelStore;
  /** Failed logins, counted in PostgreSQL across replicas. */
  throttle: LoginThrottle;
  /** Registrations and uploads per enterprise (PostgreSQL, across replicas); without it there are no quotas. */
  quotas?: QuotaStore;
  /** Each 项目代码 registers one project (PostgreSQL, across replicas). */
  projectCodes: ProjectCodeRegister;
  /** 告知承诺 credit records (PostgreSQL, written by the worker): the bar on promises and the coordinator's list. */
  credit: CreditRecordStore;
  /** 中介超市 providers and parks with their assessments (区域评估, PostgreSQL); without them their routes answer UNAVAILABLE. */
  providers?: ProviderDirectory;
  parks?: ParkRegister;
  /** Idempotency-Key records of commands, in PostgreSQL across replicas. */
  idempotency: IdempotencyStore<TDecisionResult>;
  /** Delegations to agents (代办, PostgreSQL); without them an agent account can act on nothing. */
  delegations?: DelegationStore;
  /** Where follow-up cases of bad ratings and complaints live (PostgreSQL); without it there are none (the routes answer 404). */
  followUpDb?: Db;
  /** Back-fill detection's thresholds (service/audit/thresholds.ts; defaults when absent). */
  backfillThresholds?: TBackfillThresholds;
  /** Defaults to the gateway's check of Temporal and the worker's polling. */
  engineHealth?: () => Promise<TEngineHealth>;
  /** The client's address for login throttling (the socket's, or a trusted proxy's header). */
  clientAddress?: (c: Context) => string;
  now?: () => Date;
  /** Answers carry a Server-Timing header of their steps (service/step-timing.ts). */
  serverTiming?: boolean;
  /** Called with every unexpected error (the client gets only `INTERNAL`). */
  logError?: (err: unknown, c: Context) => void;
  /** The built web app served at / (default web/dist); `false` serves none. */
  webRoot?: string | false;
}

const TARGET_PREFIX: Record<string, string | undefined> = { json: undefined, query: 'query', param: 'path', header: 'header' };

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const now = deps.now ?? (() => new Date());
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw AppError.validation(zodIssues(result.error, TARGET_PREFIX[result.target]));
    },
  });

  app.onError((err, c) => {
    const error = toAppError(err);
    if (error.code === 'INTERNAL') (deps.logError ?? ((e: unknown) => console.error('[service]', e)))(err, c);
    return errorResponse(c, error);
  });
  app.notFound((c) => errorResponse(c, new AppError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`)));

  if (deps.serverTiming) app.use('/api/*', serverTiming());

  // Every response, the API's and the web app's: no framing, no sniffing, no referrer, and a CSP
  // for the built app (its scripts and styles are same-origin files; antd injects <style> elements).
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
    }),
  );

  const limit = (maxSize: number, what: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `the body is larger than ${what}`);
      },
    });
  const jsonLimit = limit(MAX_BODY_BYTES, `${MAX_BODY_BYTES} bytes`);
  const uploadLimit = limit(MAX_UPLOAD_BODY_BYTES, `a ${MAX_MATERIAL_BYTES / 1024 / 1024} MiB file allows`);
  app.use('/api/*', (c, next) => (isUpload(c) ? uploadLimit(c, next) : jsonLimit(c, next)));

  const projects = deps.projects ?? unavailable();
  const calendarData = deps.calendar instanceof CalendarData ? deps.calendar : undefined;
  const calendar = calendarData ? () => calendarData.calendar() : (deps.calendar as () => WorkingCalendar);
  // Public: health, the OpenAPI document, login.
  healthRoutes(app, { engineHealth: deps.engineHealth ?? (deps.projects ? () => deps.projects!.health() : undefined) });
  serveOpenApi(app, API_VERSION);
  loginRoutes(app, {
    users: deps.users,
    tokens: deps.tokens,
    throttle: deps.throttle,
    clientAddress: deps.clientAddress ?? (() => 'unknown'),
    now,
  });

  // Everything else needs a token.
  const authenticated = requireUser({ users: deps.users, tokens: deps.tokens, now });
  for (const path of [
    '/api/me',
    '/api/definitions',
    '/api/definitions/*',
    '/api/calendar',
    '/api/calendar/*',
    '/api/projects',
    '/api/projects/*',
    '/api/tasks',
    '/api/colleagues',
    '/api/supervision',
    '/api/supervision/*',
    '/api/enterprises',
    '/api/enterprises/*',
    '/api/credit-records',
    '/api/credit-records/*',
    '/api/delegations',
    '/api/delegations/*',
    '/api/follow-up-cases',
    '/api/follow-up-cases/*',
    '/api/providers',
    '/api/providers/*',
    '/api/parks',
    '/api/parks/*',
  ]) {
    app.use(path, authenticated);
    // After authentication: an agent reaches only its delegated projects, as their enterprise.
    app.use(path, agentGate({ delegations: deps.delegations ?? { ofAgent: async () => [] }, projects, calendar, now }));
  }
  meRoutes(app);
  dryRunRoutes(app, { projects, readModel: deps.readModel, definitions: deps.definitions, calendar, now });
  definitionRoutes(app, deps);
  calendarRoutes(app, { calendar, calendarData });
  decisionRoutes(app, { projects });
  const followUp = deps.followUpDb ? new FollowUpCases(deps.followUpDb, calendar, now) : undefined;
  enterpriseRoutes(app, { enterprises: deps.enterprises, now });
  projectRoutes(app, {
    projects,
    enterprises: deps.enterprises,
    users: deps.users,
    readModel: deps.readModel,
    tokens: deps.tokens,
    definitions: deps.definitions,
    calendar,
    now,
    idempotency: deps.idempotency,
    quotas: deps.quotas,
    projectCodes: deps.projectCodes,
    credit: deps.credit,
    ...(followUp ? { afterDecision: followUpOfRatings({ cases: followUp, projects }) } : {}),
    providers: deps.providers,
    parks: deps.parks,
  });
  if (followUp) followUpRoutes(app, { cases: followUp, projects });
  creditRecordRoutes(app, { credit: deps.credit, now });
  if (deps.delegations) delegationRoutes(app, { delegations: deps.delegations, users: deps.users, enterprises: deps.enterprises, now });
  intermediaryRoutes(app, { providers: deps.providers, parks: deps.parks, now });
  const audit =
    deps.projects && deps.readModel
      ? new BackfillAudit({
          gateway: deps.projects,
          readModel: deps.readModel,
          calendar,
          thresholds: deps.backfillThresholds ?? DEFAULT_BACKFILL_THRESHOLDS,
          now,
        })
      : undefined;
  workRoutes(app, { readModel: deps.readModel, definitions: deps.definitions, now, audit, delegations: deps.delegations, calendar });
  colleagueRoutes(app, { users: deps.users });
  auditRoutes(app, { audit, definitions: deps.definitions });
  forecastRoutes(app, { projects, definitions: deps.definitions, calendar, readModel: deps.readModel, now });
  migrationRoutes(app, { projects, definitions: deps.definitions, calendar });
  materialRoutes(app, { projects, materials: deps.materials, now, quotas: deps.quotas });
  documentRoutes(app, { projects, documents: deps.documents });
  planPreviewRoutes(app, { definitions: deps.definitions, calendar, now });
  if (deps.webRoot !== false) serveWebApp(app, deps.webRoot);
  return app;
}

/** A gateway whose every call answers UNAVAILABLE: the service runs without Temporal (tests, outages). */
function unavailable(): ProjectGateway {
  const refuse = async () => {
    throw new AppError('UNAVAILABLE', 'the approval engine (Temporal) is not configured');
  };
  return new Proxy({}, { get: () => refuse }) as ProjectGateway;
}
