/** `GET /api/tasks` (every role's inbox) and `GET /api/supervision` (coordinators; `?format=csv`). */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, ZNoQuery } from '../openapi';
import type { ProjectGateway } from '../projects/gateway';
import { supervision, supervisionCsv } from '../projects/supervision';
import { inbox } from '../projects/tasks';
import { ZSupervision, ZSupervisionQuery, ZTaskList } from './work.types';

const tasks = createRoute({
  method: 'get',
  path: '/api/tasks',
  tags: ['work'],
  summary: "The caller's inbox, most urgent first: a department's reviews, a coordinator's intakes, results to issue, red cards and expired commitments, an enterprise's applications, corrections and ratings",
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZTaskList, 'the inbox'), ...errorResponses(400, 401, 503) },
});

const report = createRoute({
  method: 'get',
  path: '/api/supervision',
  tags: ['work'],
  summary: 'Electronic supervision statistics (coordinators only); `?format=csv` for export',
  security: BEARER,
  request: { query: ZSupervisionQuery },
  responses: {
    200: { description: 'the statistics', content: { 'application/json': { schema: ZSupervision }, 'text/csv': { schema: { type: 'string' as const } } } },
    ...errorResponses(400, 401, 403, 503),
  },
});

export function workRoutes(app: OpenAPIHono<AppEnv>, deps: { projects: ProjectGateway; now: () => Date }): void {
  app.openapi(tasks, async (c) => c.json({ tasks: await inbox(deps.projects, c.get('user')) }, 200));

  app.openapi(report, async (c) => {
    if (c.get('user').role !== 'coordinator') throw new AppError('FORBIDDEN', 'supervision statistics are for coordinators');
    const result = await supervision(deps.projects, deps.now());
    if (c.req.valid('query').format === 'csv') {
      c.header('Content-Disposition', `attachment; filename="supervision-${result.generatedAt.slice(0, 10)}.csv"`);
      return c.body(supervisionCsv(result), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json(result, 200);
  });
}
