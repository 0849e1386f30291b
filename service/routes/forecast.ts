/**
 * Foresight (issue 17): `GET /api/projects/:id/forecast` (the Monte Carlo forecast of a project),
 * `GET /api/projects/:id/holders` (who holds each open thread now) and
 * `GET /api/supervision/forecasts` (coordinators: active projects at risk first). Computed on
 * read from the project's view, its definition version and the read model's observations;
 * nothing is recorded in the workflow.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { DefinitionRegistry, TProcessDefinition } from '../../definitions/process';
import type { ReadModelStore } from '../../db/read-model/store';
import { forecastSubjects } from '../../db/read-model/forecast-subjects';
import { reviewObservations } from '../../db/read-model/observations';
import type { TProjectView } from '../../workflows/engine/view';
import { forecastProject, limitsOf, type TForecast, type TForecastSpec, type TForecastView } from '../../workflows/forecast/forecast';
import { indexObservations, NO_OBSERVATIONS, type TObservationIndex } from '../../workflows/forecast/observations';
import { holderNamesOf, whoHoldsIt } from '../../workflows/holders/holders';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json } from '../openapi';
import { assertVisible, viewFor } from '../projects/access';
import type { ProjectGateway } from '../projects/gateway';
import type { TPublicUser } from '../users/store';
import { ZProjectParams } from './projects.types';
import { decodeRiskPage, encodeRiskPage, ZForecastAnswer, ZHolders, ZRiskList, ZRiskQuery } from './forecast.types';

/** Observations are re-read at most this often: they move with decisions, not with page loads. */
const OBSERVATIONS_TTL_MS = 60_000;
const DEFAULT_RISK_LIMIT = 50;

const forecast = createRoute({
  method: 'get',
  path: '/api/projects/{id}/forecast',
  tags: ['projects'],
  summary:
    'The forecast (Monte Carlo, 1,000 runs, fixed seed): P10/P50/P90 finish dates, and the chance of keeping each stage and the whole project within its promised and ceiling limits; `basis` says what each review is drawn from',
  security: BEARER,
  request: { params: ZProjectParams },
  responses: { 200: json(ZForecastAnswer, 'the forecast'), ...errorResponses(400, 401, 404, 503) },
});

const holders = createRoute({
  method: 'get',
  path: '/api/projects/{id}/holders',
  tags: ['projects'],
  summary: 'Who holds it now: one sentence (Chinese and English) per open thread — holder, rule, due instant with working days left, contact',
  security: BEARER,
  request: { params: ZProjectParams },
  responses: { 200: json(ZHolders, 'the open threads, stages first'), ...errorResponses(400, 401, 404, 503) },
});

const risks = createRoute({
  method: 'get',
  path: '/api/supervision/forecasts',
  tags: ['work'],
  summary:
    'Active projects forecast from the read model alone, a page at a time (newest registered first; `nextPageToken` for the next): on each page the most likely to miss their ceiling first (coordinators only)',
  security: BEARER,
  request: { query: ZRiskQuery },
  responses: { 200: json(ZRiskList, 'projects at risk first'), ...errorResponses(400, 401, 403, 503) },
});

export interface ForecastDeps {
  projects: ProjectGateway;
  definitions: DefinitionRegistry;
  /** The official calendar in force now: future dates are best told with the newest notice. */
  calendar: () => WorkingCalendar;
  readModel?: ReadModelStore;
  now: () => Date;
}

export function forecastRoutes(app: OpenAPIHono<AppEnv>, deps: ForecastDeps): void {
  let cached: { at: number; index: TObservationIndex } | undefined;
  const observations = async (): Promise<TObservationIndex> => {
    if (!deps.readModel) return NO_OBSERVATIONS;
    const t = deps.now().getTime();
    if (!cached || t - cached.at > OBSERVATIONS_TTL_MS)
      cached = { at: t, index: indexObservations(await reviewObservations(deps.readModel.db, deps.calendar())) };
    return cached.index;
  };

  const definitionOf = (view: TProjectView): TProcessDefinition => {
    const definition = deps.definitions.get(view.definition.id, view.definition.version);
    if (!definition) throw new AppError('CONFLICT', `the project's definition ${view.definition.id} v${view.definition.version} is not loaded`);
    return definition;
  };

  /** The spec the project runs (recorded at registration), its view and its definition version's limits. */
  const forecastOf = (view: TForecastView, spec: TForecastSpec, index: TObservationIndex, definition: TProcessDefinition): TForecast => {
    return forecastProject({
      view,
      spec,
      limits: limitsOf(definition),
      calendar: deps.calendar(),
      observations: index,
      now: deps.now().toISOString(),
    });
  };

  const visibleView = async (user: TPublicUser, id: string) => {
    const view = await deps.projects.view(id);
    assertVisible(user, view, id);
    return view;
  };

  app.openapi(forecast, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const view = await visibleView(user, id);
    const answer = forecastOf(view, await deps.projects.spec(id), await observations(), definitionOf(view));
    // A department reads what its own reviews are drawn from, as it reads only its own reviews.
    if (user.role === 'department') answer.basis.items = answer.basis.items.filter((b) => b.departmentId === user.departmentId);
    return c.json(answer, 200);
  });

  app.openapi(holders, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const view = await visibleView(user, id);
    const now = deps.now().toISOString();
    return c.json({ holders: whoHoldsIt(viewFor(user, view), holderNamesOf(definitionOf(view)), deps.calendar(), now), asOf: now }, 200);
  });

  app.openapi(risks, async (c) => {
    const user = c.get('user');
    if (user.role !== 'coordinator') throw new AppError('FORBIDDEN', 'forecasts across projects are for coordinators');
    if (!deps.readModel) throw new AppError('UNAVAILABLE', 'the read model (PostgreSQL) is not configured');
    const { limit, pageToken } = c.req.valid('query');
    const db = deps.readModel.db;
    const page = await deps.readModel.listProjects({}, { status: 'active' }, limit ?? DEFAULT_RISK_LIMIT, pageToken ? decodeRiskPage(pageToken) : undefined);
    const [index, subjects] = await Promise.all([
      observations(),
      forecastSubjects(
        db,
        page.projects.map((p) => p.id),
        (id, version) => deps.definitions.get(id, version),
      ),
    ]);
    const forecast = page.projects.flatMap((p) => {
      // A project whose definition is not loaded here (or with no review rows yet) has nothing to forecast from.
      const subject = subjects.get(p.id);
      if (!subject) return [];
      const f = forecastOf(subject.view, subject.spec, index, subject.definition);
      return [
        {
          projectId: p.id,
          title: p.title,
          enterpriseName: p.enterpriseName,
          projectCode: p.projectCode,
          stageId: p.stageId,
          missCeiling: Math.round((1 - f.ceiling.probability) * 1000) / 1000,
          missPromised: Math.round((1 - f.promised.probability) * 1000) / 1000,
          finish: f.finish,
          ceiling: f.ceiling,
        },
      ];
    });
    forecast.sort((a, b) => b.missCeiling - a.missCeiling || b.missPromised - a.missPromised || a.finish.p90.localeCompare(b.finish.p90));
    return c.json(
      { asOf: deps.now().toISOString(), projects: forecast, total: page.total, ...(page.next ? { nextPageToken: encodeRiskPage(page.next) } : {}) },
      200,
    );
  });
}
