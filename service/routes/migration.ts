/**
 * One project moved to a newer published version of its definition (issue 17 item 4), by a
 * coordinator: `GET /api/projects/{id}/migration` is the dry run for that project (what would
 * change, and whether it can move), `POST` moves it — 409 with the dry run's reasons when it
 * cannot. The workflow judges again with the same comparison (workflows/migration/compare.ts) on
 * its own state, so a project that changed in between is refused there.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { DefinitionRegistry } from '../../definitions/process';
import type { TProjectView } from '../../workflows/engine/view';
import type { AppEnv } from '../auth/middleware';
import { migrationCommand, planMigration, UnknownVersion } from '../definitions/migration';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody } from '../openapi';
import { assertVisible } from '../projects/access';
import { DecisionPending, type ProjectGateway } from '../projects/gateway';
import { actorOf } from '../users/store';
import { commandKey, pendingBody, updateIdOf, ZDecisionPending } from './decisions';
import { ZMigrationPreview, ZMigrationQuery, ZMigrationRequest } from './migration.types';
import { ZCommandHeaders, ZDecisionAnswer, ZProjectParams } from './projects.types';

const tags = ['definitions'];

const preview = createRoute({
  method: 'get',
  path: '/api/projects/{id}/migration',
  tags,
  summary: 'The dry run of moving this project to a newer version of its definition (coordinators only; nothing is changed)',
  security: BEARER,
  request: { params: ZProjectParams, query: ZMigrationQuery },
  responses: { 200: json(ZMigrationPreview, 'the target version (null when none is newer) and what would change'), ...errorResponses(400, 401, 403, 404) },
});

const migrate = createRoute({
  method: 'post',
  path: '/api/projects/{id}/migration',
  tags,
  summary: 'Move this project to a newer version of its definition, recorded in its history (coordinators only); 409 with the reasons when it cannot move',
  security: BEARER,
  request: { params: ZProjectParams, headers: ZCommandHeaders, body: jsonBody(ZMigrationRequest) },
  responses: {
    200: json(ZDecisionAnswer, 'moved: what it changed and the new version'),
    202: json(ZDecisionPending, 'sent, not settled in time: poll Location'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function migrationRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { projects: ProjectGateway; definitions: DefinitionRegistry; calendar: () => WorkingCalendar },
): void {
  /** The project, seen by a coordinator: 404 for one the caller may not see, 403 for anyone else who may. */
  const coordinatorsView = async (c: { get(key: 'user'): AppEnv['Variables']['user'] }, id: string): Promise<TProjectView> => {
    const user = c.get('user');
    const view = await deps.projects.view(id);
    assertVisible(user, view, id);
    if (user.role !== 'coordinator') throw new AppError('FORBIDDEN', 'only a coordinator moves a project to another definition version');
    return view;
  };

  const planOf = async (view: TProjectView, version: number | undefined) => {
    try {
      return await planMigration({ gateway: deps.projects, definitions: deps.definitions, calendar: deps.calendar() }, view, version);
    } catch (err) {
      if (err instanceof UnknownVersion) throw AppError.notFound(err.message);
      throw err;
    }
  };

  app.openapi(preview, async (c) => {
    const { id } = c.req.valid('param');
    const view = await coordinatorsView(c, id);
    const { dryRun } = await planOf(view, c.req.valid('query').version);
    return c.json({ current: view.definition, target: dryRun ? dryRun.to : null, dryRun: dryRun ?? null }, 200);
  });

  app.openapi(migrate, async (c) => {
    const { id } = c.req.valid('param');
    const view = await coordinatorsView(c, id);
    const body = c.req.valid('json');
    const plan = await planOf(view, body.version);
    if (!plan.target || !plan.dryRun || plan.target.version <= view.definition.version) {
      throw new AppError('CONFLICT', `the project runs ${view.definition.id} v${view.definition.version}; no newer version to move to`, [
        { path: 'version', message: 'not newer than the project’s version' },
      ]);
    }
    const report = plan.dryRun;
    if (!report.canMove) {
      throw new AppError(
        'CONFLICT',
        `the project cannot move to ${report.to.id} v${report.to.version}`,
        report.blockers.map((b) => ({ path: b.itemId ?? b.stageId ?? 'version', message: b.reason })),
      );
    }
    const user = c.get('user');
    const key = commandKey(c, c.req.valid('header')['idempotency-key']);
    const command = migrationCommand(view, { target: plan.target, dryRun: report }, body.reason);
    try {
      return c.json(await deps.projects.decide(id, actorOf(user), command, updateIdOf(user.username, id, key)), 200);
    } catch (err) {
      if (err instanceof DecisionPending) return c.json(pendingBody(c, id, key), 202);
      throw err;
    }
  });
}
