/**
 * Projects: register (`POST /api/projects`), list (visibility), read (queries), history,
 * and every decision as one command endpoint (`POST /api/projects/:id/events`, the `decide`
 * Update) with `Idempotency-Key`; `POST /api/projects/:id/rating` is the `rate` command;
 * `POST /api/projects/:id/calendar/refresh` (coordinator) the `refreshCalendar` Update.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { DefinitionRegistry } from '../../definitions/process';
import type { TCommand } from '../../workflows/model/commands';
import type { TProjectView } from '../../workflows/engine/view';
import type { TDecisionResult } from '../../workflows/decision-result';
import { z } from 'zod';
import type { ReadModelStore, TProjectCursor } from '../../db/read-model/store';
import type { AppEnv } from '../auth/middleware';
import type { TokenIssuer } from '../auth/tokens';
import { AppError } from '../errors';
import { fingerprintOf, type IdempotencyStore } from '../idempotency';
import type { ProjectCodeRegister } from '../projects/project-codes';
import type { QuotaStore } from '../quotas';
import { BEARER, errorResponses, json, jsonBody } from '../openapi';
import { actionsFor, assertMayCommand, assertVisible, historyFor, mayCommand, viewFor } from '../projects/access';
import { assertAssignable } from '../projects/assignment';
import { checkProjectCode } from '../projects/project-code';
import { DecisionPending, type ProjectGateway } from '../projects/gateway';
import { registrationInput } from '../projects/registration';
import { assertMayPromise, withoutBarredPromises } from '../projects/promise-bar';
import type { CreditRecordStore } from '../../db/credit-records';
import { commandKey, pendingBody, updateIdOf, ZDecisionPending } from './decisions';
import { scopeOf } from '../projects/scope';
import { stepEnds, stepStarts, timedStep } from '../step-timing';
import { actorOf, type TPublicUser, type UserDirectory } from '../users/store';
import type { EnterpriseDirectory } from '../enterprises/store';
import { namedHistory } from '../projects/names';
import { projectPark, withProvider } from '../projects/intermediaries';
import type { ParkRegister, ProviderDirectory } from '../../db/intermediaries';
import {
  ZCommand,
  ZCommandHeaders,
  ZCreatedProject,
  ZCreateProject,
  ZHistory,
  ZListQuery,
  ZDecisionAnswer,
  ZProjectDetail,
  ZProjectList,
  ZProjectParams,
  ZRating,
} from './projects.types';

const tags = ['projects'];

const create = createRoute({
  method: 'post',
  path: '/api/projects',
  tags,
  summary: 'Register a project (coordinator, or an enterprise for itself): definition, attributes, planned schedule',
  security: BEARER,
  request: { body: jsonBody(ZCreateProject) },
  responses: { 201: json(ZCreatedProject, 'registered; the workflow runs'), ...errorResponses(400, 401, 403, 409, 415, 429, 503) },
});

const list = createRoute({
  method: 'get',
  path: '/api/projects',
  tags,
  summary: 'Projects the caller may see, newest first, from the read model; filters, paging and the true total',
  security: BEARER,
  request: { query: ZListQuery },
  responses: { 200: json(ZProjectList, 'one page'), ...errorResponses(400, 401, 503) },
});

const detail = createRoute({
  method: 'get',
  path: '/api/projects/{id}',
  tags,
  summary: 'The project as the caller may read it, with the actions the caller may take now',
  security: BEARER,
  request: { params: ZProjectParams },
  responses: { 200: json(ZProjectDetail, 'the project'), ...errorResponses(400, 401, 404, 503) },
});

const history = createRoute({
  method: 'get',
  path: '/api/projects/{id}/history',
  tags,
  summary: 'The audit timeline: who, role, when, what, why',
  security: BEARER,
  request: { params: ZProjectParams },
  responses: { 200: json(ZHistory, 'the timeline'), ...errorResponses(400, 401, 404, 503) },
});

const events = createRoute({
  method: 'post',
  path: '/api/projects/{id}/events',
  tags,
  summary: 'Send one decision (tagged union on `type`); checked here and by the workflow, answered with what it changed and the new version',
  security: BEARER,
  request: { params: ZProjectParams, headers: ZCommandHeaders, body: jsonBody(ZCommand) },
  responses: {
    200: json(ZDecisionAnswer, 'applied: what it changed, the new version and what the caller may do now'),
    202: json(ZDecisionPending, 'sent, not settled in time: poll Location (or resend with the returned Idempotency-Key)'),
    ...errorResponses(400, 401, 403, 404, 409, 415, 422, 503),
  },
});

const rating = createRoute({
  method: 'post',
  path: '/api/projects/{id}/rating',
  tags,
  summary: "The enterprise's rating of a finished stage (好差评)",
  security: BEARER,
  request: { params: ZProjectParams, headers: ZCommandHeaders, body: jsonBody(ZRating) },
  responses: {
    200: json(ZDecisionAnswer, 'recorded: what it changed and the new version'),
    202: json(ZDecisionPending, 'sent, not settled in time: poll Location (or resend with the returned Idempotency-Key)'),
    ...errorResponses(400, 401, 403, 404, 409, 415, 422, 503),
  },
});

const refresh = createRoute({
  method: 'post',
  path: '/api/projects/{id}/calendar/refresh',
  tags,
  summary: "Recompute the project's deadlines with the calendar in force now (coordinator), e.g. after a new year's notice was loaded",
  security: BEARER,
  request: { params: ZProjectParams },
  responses: { 200: json(ZProjectDetail, 'refreshed; the new state'), ...errorResponses(400, 401, 403, 404, 409, 503) },
});

/** What a list page token carries: where the page ended and which list it belongs to. */
const ZPageClaims = z.object({ after: z.object({ registeredAt: z.string(), projectId: z.string() }), list: z.string() });

/** The caller and filters a token was made for: a token is good only for the same list. */
const listKey = (user: TPublicUser, filter: object) => fingerprintOf([user.username, filter]);

async function decodePageToken(tokens: TokenIssuer, token: string, list: string): Promise<TProjectCursor> {
  const claims = ZPageClaims.safeParse(await tokens.verifyPage(token));
  if (!claims.success || claims.data.list !== list) {
    throw AppError.validation([{ path: 'query.pageToken', message: 'not a nextPageToken of this list (or older than a day): start from the first page' }]);
  }
  return claims.data.after;
}

export interface ProjectDeps {
  projects: ProjectGateway;
  /** Registration needs a confirmed entry; a project's page shows its enterprise's name. */
  enterprises: EnterpriseDirectory;
  /** The display names history entries show for who acted. */
  users: UserDirectory;
  /** Lists (PostgreSQL); without it the list answers UNAVAILABLE. */
  readModel?: ReadModelStore;
  tokens: TokenIssuer;
  definitions: DefinitionRegistry;
  /** The calendar in force now; a new project keeps its snapshot for its deadlines. */
  calendar: () => WorkingCalendar;
  now: () => Date;
  /** Idempotency-Key records (PostgreSQL): a retried command applies once across replicas and restarts. */
  idempotency: IdempotencyStore<TDecisionResult>;
  /** An enterprise's registrations per day; none counted without it. */
  quotas?: QuotaStore;
  /** Each 项目代码 registers one project. */
  projectCodes: ProjectCodeRegister;
  /** Called after the workflow took a decision (a bad rating opens a follow-up case); none without it. */
  afterDecision?: (projectId: string, command: TCommand) => Promise<void>;
  /** 告知承诺 credit records: an uncleared one bars the enterprise's signPromise (service/projects/promise-bar.ts). */
  credit: CreditRecordStore;
  /** 中介超市 and 区域评估 (issue 16): the provider a selection names, the park a project is registered in. */
  providers?: ProviderDirectory;
  parks?: ParkRegister;
}

/**
 * A project is registered only for an enterprise of the directory that a coordinator has confirmed.
 * @throws AppError VALIDATION (not listed) or CONFLICT (listed, not yet confirmed), naming enterpriseId
 */
async function assertRegistrable(enterprises: EnterpriseDirectory, enterpriseId: string, user: TPublicUser): Promise<void> {
  const entry = await enterprises.get(enterpriseId);
  if (!entry) {
    const message =
      user.role === 'enterprise'
        ? 'your enterprise is not in the enterprise directory yet: ask to be listed (POST /api/enterprises) and wait for a coordinator to confirm it'
        : 'not in the enterprise directory: pick a listed enterprise, or add it first';
    throw AppError.validation([{ path: 'enterpriseId', message }], 'the enterprise is not in the directory');
  }
  if (entry.status !== 'confirmed') {
    throw new AppError('CONFLICT', `${entry.name} is waiting for a coordinator to confirm its directory entry`, [
      { path: 'enterpriseId', message: 'listed but not yet confirmed by a coordinator' },
    ]);
  }
}

export function projectRoutes(app: OpenAPIHono<AppEnv>, deps: ProjectDeps): void {
  const { idempotency } = deps;

  /** The project if the caller may see it; NOT_FOUND otherwise. */
  const visibleView = async (user: TPublicUser, id: string) => {
    const view = await deps.projects.view(id);
    assertVisible(user, view, id);
    return view;
  };

  const detailOf = async (user: TPublicUser, id: string, view: TProjectView) => ({
    ...viewFor(user, view),
    enterpriseName: (await deps.enterprises.get(view.enterpriseId))?.name ?? null,
    actions: await withoutBarredPromises(deps.credit, user, actionsFor(user, view, await deps.projects.allowedActions(id, actorOf(user)))),
  });

  /** Applies the command once per key (minted when the client sent none); 202 when its outcome is not known in time. */
  const send = async (c: Context<AppEnv>, id: string, command: TCommand, given: string | undefined) => {
    const user = c.get('user');
    // Who may see the project, and everything about the decision, is the workflow validator's to say in the same call: the
    // write path asks nothing first. Only a command of another role is refused here, after the visibility check, so that a
    // project the caller may not see answers 404 whatever is sent to it.
    if (!mayCommand(user, command)) {
      await visibleView(user, id);
      assertMayCommand(user, command);
    }
    if (command.type === 'selectIntermediary' && user.role === 'enterprise') {
      command = await withProvider(deps.providers, command, await visibleView(user, id));
    }
    if (command.type === 'signPromise' && user.role === 'enterprise') {
      // A project the caller may not see stays 404 whatever its own credit record says.
      await visibleView(user, id);
      await assertMayPromise(deps.credit, user, command);
    }
    if (command.type === 'assignTask' || command.type === 'transferTask' || (command.type === 'claimTask' && command.fromDisabled !== undefined)) {
      // A project the caller may not see stays 404 whoever the task is handed to.
      await visibleView(user, id);
      await assertAssignable(deps.users, user, command);
    }
    const key = commandKey(c, given);
    const scope = `${user.username}|${id}|${key}`;
    try {
      stepStarts(c, 'claim');
      const { value, replayed } = await idempotency.run(scope, fingerprintOf(command), async () => {
        stepEnds(c, 'claim');
        try {
          return await timedStep(c, 'update', () => deps.projects.decide(id, actorOf(user), command, updateIdOf(user.username, id, key)));
        } finally {
          stepStarts(c, 'record');
        }
      });
      stepEnds(c, 'record');
      if (replayed) c.header('Idempotent-Replayed', 'true');
      await deps.afterDecision?.(id, command);
      stepStarts(c, 'respond');
      return { status: 200 as const, body: value };
    } catch (err) {
      if (err instanceof DecisionPending) return { status: 202 as const, body: pendingBody(c, id, key) };
      throw err;
    }
  };

  app.openapi(create, async (c) => {
    const user = c.get('user');
    const body = c.req.valid('json');
    if (user.role === 'department') throw new AppError('FORBIDDEN', 'departments do not register projects');
    if (user.role === 'enterprise' && body.enterpriseId !== undefined && body.enterpriseId !== user.enterpriseId) {
      throw new AppError('FORBIDDEN', 'an enterprise registers projects only for itself', [{ path: 'enterpriseId', message: 'not your enterprise' }]);
    }
    // An enterprise's project ids are the service's: a chosen one could probe other enterprises' ids.
    if (user.role === 'enterprise' && body.projectId !== undefined) {
      throw new AppError('FORBIDDEN', 'project ids are assigned by the service for enterprises', [
        { path: 'projectId', message: 'leave it out: the service assigns the id' },
      ]);
    }
    const enterpriseId = user.role === 'enterprise' ? user.enterpriseId! : body.enterpriseId;
    if (!enterpriseId) throw AppError.validation([{ path: 'enterpriseId', message: 'required when a coordinator registers a project' }]);
    await assertRegistrable(deps.enterprises, enterpriseId, user);

    const definition = deps.definitions.get(body.definitionId, body.definitionVersion);
    if (!definition) {
      const known = deps.definitions.versions(body.definitionId);
      throw AppError.validation([
        known.length === 0
          ? { path: 'definitionId', message: `unknown process definition (known: ${deps.definitions.ids().join(', ')})` }
          : { path: 'definitionVersion', message: `no such version (published: ${known.join(', ')})` },
      ]);
    }
    const park = await projectPark(deps.parks, body.parkId);
    const input = registrationInput({
      projectId: body.projectId,
      park,
      title: body.title,
      enterpriseId,
      projectCode: body.projectCode,
      definition,
      attributes: body.attributes,
      preparationDays: body.preparationDays,
      calendar: deps.calendar(),
      registeredBy: actorOf(user),
      now: deps.now(),
    });
    const code = input.projectCode;
    if (code !== undefined) await deps.projectCodes.take(code, input.projectId, deps.now());
    let counted;
    try {
      counted = user.role === 'enterprise' && deps.quotas ? await deps.quotas.registration(enterpriseId) : undefined;
      await deps.projects.start(input);
    } catch (err) {
      if (counted) await deps.quotas!.release(counted);
      if (code !== undefined) await deps.projectCodes.release(code, input.projectId);
      throw err;
    }
    c.header('Location', `/api/projects/${input.projectId}`);
    return c.json(
      {
        id: input.projectId,
        title: input.title,
        enterpriseId,
        definition: input.spec.definition,
        status: 'active' as const,
        registeredAt: input.registeredAt,
        plan: input.plan,
      },
      201,
    );
  });

  app.openapi(list, async (c) => {
    const user = c.get('user');
    const { pageSize, pageToken, ...filter } = c.req.valid('query');
    const key = listKey(user, filter);
    const after = pageToken ? await decodePageToken(deps.tokens, pageToken, key) : undefined;
    if (!deps.readModel) throw new AppError('UNAVAILABLE', 'the read model (PostgreSQL) is not configured');
    const page = await deps.readModel.listProjects(scopeOf(user), filter, pageSize ?? 50, after);
    const nextPageToken = page.next ? await deps.tokens.signPage({ after: page.next, list: key }) : undefined;
    return c.json({ projects: page.projects, total: page.total, ...(nextPageToken ? { nextPageToken } : {}) }, 200);
  });

  app.openapi(detail, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    return c.json(await detailOf(user, id, await visibleView(user, id)), 200);
  });

  app.openapi(history, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const view = await visibleView(user, id);
    const entries = historyFor(user, view, await deps.projects.history(id));
    return c.json(
      { entries: await namedHistory(entries, { users: deps.users, definition: deps.definitions.get(view.definition.id, view.definition.version) }) },
      200,
    );
  });

  app.openapi(events, async (c) => {
    stepEnds(c, 'validate');
    const { id } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const command = c.req.valid('json');
    // A migration's spec is the service's to resolve from a published version (POST /api/projects/{id}/migration), never a caller's.
    if (command.type === 'migrateDefinition' && mayCommand(c.get('user'), command)) {
      throw AppError.validation([{ path: 'type', message: 'send migrations to POST /api/projects/{id}/migration' }]);
    }
    const sent = command.type === 'setProjectCode' ? await sendProjectCode(c, id, command, key) : await send(c, id, command, key);
    return sent.status === 202 ? c.json(sent.body, 202) : c.json(sent.body, 200);
  });

  /**
   * A code given after registration: checked part by part (400 naming projectCode), taken in
   * project_codes like a registration's (409 when another project has it), given back when the
   * workflow refuses it (the project has a code already, or has ended).
   */
  const sendProjectCode = async (c: Context<AppEnv>, id: string, command: Extract<TCommand, { type: 'setProjectCode' }>, key: string | undefined) => {
    const checked = checkProjectCode(command.projectCode);
    if (!checked.ok) throw AppError.validation([{ path: 'projectCode', message: checked.message }], 'the project code is not valid');
    const user = c.get('user');
    if (!mayCommand(user, command)) return send(c, id, command, key);
    await visibleView(user, id);
    await deps.projectCodes.take(checked.code, id, deps.now());
    try {
      return await send(c, id, { ...command, projectCode: checked.code }, key);
    } catch (err) {
      await deps.projectCodes.release(checked.code, id);
      throw err;
    }
  };

  app.openapi(rating, async (c) => {
    const { id } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const sent = await send(c, id, { type: 'rate', ...c.req.valid('json') }, key);
    return sent.status === 202 ? c.json(sent.body, 202) : c.json(sent.body, 200);
  });

  app.openapi(refresh, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    await visibleView(user, id);
    if (user.role !== 'coordinator') throw new AppError('FORBIDDEN', "only a coordinator refreshes a project's calendar");
    return c.json(await detailOf(user, id, await deps.projects.refreshCalendar(id, actorOf(user))), 200);
  });
}
