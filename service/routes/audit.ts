/** `GET /api/supervision/backfill` (coordinators): decisions that look typed in after the fact (体外循环), with the evidence. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { DefinitionRegistry } from '../../definitions/process';
import type { BackfillAudit } from '../audit/gather';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json, ZNoQuery } from '../openapi';
import { departmentNames } from '../projects/names';
import { ZBackfillReport } from './audit.types';

const backfill = createRoute({
  method: 'get',
  path: '/api/supervision/backfill',
  tags: ['supervision'],
  summary:
    'Back-fill detection (coordinators only): decisions signed long before they were recorded, bursts of overdue decisions, approvals with no file opened',
  security: BEARER,
  request: { query: ZNoQuery },
  responses: { 200: json(ZBackfillReport, 'the flags, newest decision first'), ...errorResponses(400, 401, 403, 503) },
});

export function auditRoutes(app: OpenAPIHono<AppEnv>, deps: { audit?: BackfillAudit; definitions: DefinitionRegistry }): void {
  app.openapi(backfill, async (c) => {
    if (c.get('user').role !== 'coordinator') throw new AppError('FORBIDDEN', 'back-fill detection is for coordinators');
    if (!deps.audit) throw new AppError('UNAVAILABLE', 'back-fill detection needs the approval engine and the read model');
    const report = await deps.audit.report();
    const names = departmentNames(deps.definitions);
    return c.json(
      {
        generatedAt: report.generatedAt,
        thresholds: report.thresholds,
        total: report.flags.length,
        byRule: report.byRule,
        flags: report.flags.map((f) => ({ ...f, departmentName: names.get(f.departmentId) ?? null })),
      },
      200,
    );
  });
}
