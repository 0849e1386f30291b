/**
 * `POST /api/definitions/{id}/plan`: the planned schedule (预排工期) a registration would get,
 * without registering anything, so the coordinator sees it before confirming (web workbench).
 * Same checks and planner as `POST /api/projects` (service/projects/registration.ts).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { checkAttributes, DefinitionError, planSchedule, type DefinitionRegistry } from '../../definitions/process';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, jsonBody } from '../openapi';
import { ZDefinitionParams } from './definitions.types';
import { ZCreateProject } from './projects.types';

export const ZPlanPreviewRequest = ZCreateProject.pick({ definitionVersion: true, attributes: true, preparationDays: true })
  .strict()
  .openapi('PlanPreviewRequest');
export const ZPlanPreview = z.object({ plan: z.unknown() }).openapi('PlanPreview');

const preview = createRoute({
  method: 'post',
  path: '/api/definitions/{id}/plan',
  tags: ['definitions'],
  summary: 'Preview the planned schedule (预排工期) of a project with these attributes, starting today; registers nothing',
  security: BEARER,
  request: { params: ZDefinitionParams, body: jsonBody(ZPlanPreviewRequest) },
  responses: { 200: json(ZPlanPreview, 'the plan'), ...errorResponses(400, 401, 404, 415) },
});

export function planPreviewRoutes(app: OpenAPIHono<AppEnv>, deps: { definitions: DefinitionRegistry; calendar: () => WorkingCalendar; now: () => Date }): void {
  app.openapi(preview, (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const definition = deps.definitions.get(id, body.definitionVersion);
    if (!definition) throw AppError.notFound(`process definition '${id}'${body.definitionVersion ? ` version ${body.definitionVersion}` : ''}`);
    const problems = checkAttributes(definition, body.attributes, { requireAll: true });
    if (problems.length > 0) throw AppError.validation(problems.map(({ path, message }) => ({ path, message })));
    const calendar = deps.calendar();
    try {
      return c.json(
        { plan: planSchedule(definition, body.attributes, calendar.dateOf(deps.now().getTime()), calendar, { preparationDays: body.preparationDays }) },
        200,
      );
    } catch (err) {
      if (err instanceof DefinitionError) throw AppError.validation(err.problems.map(({ path, message }) => ({ path, message })));
      throw err;
    }
  });
}
