/**
 * `GET /api/tasks` (every role's inbox), `GET /api/supervision` (coordinators; `?format=csv`) and
 * `GET /api/supervision/undelivered` (coordinators: notifications and hand-overs that could not be delivered).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import contentDisposition from 'content-disposition';
import type { AppEnv } from '../auth/middleware';
import { AppError } from '../errors';
import { BEARER, errorResponses, json } from '../openapi';
import type { ReadModelStore } from '../../db/read-model/store';
import { audienceOf } from '../projects/scope';
import { supervisionCsv } from '../projects/supervision';
import { intermediaryTime } from '../projects/intermediary-time';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { departmentNames } from '../projects/names';
import type { DefinitionRegistry } from '../../definitions/process';
import { ZSupervision, ZSupervisionQuery, ZTaskList, ZTaskQuery, ZUndeliveredList } from './work.types';
import { ZUndelivered } from '../../activities/undelivered';
import type { BackfillAudit } from '../audit/gather';
import { ON_BEHALF_OF } from '../agents/gate';
import { agentInboxScopes } from '../agents/inbox';
import type { DelegationStore } from '../agents/store';

/** The newest entries of the dead-letter list shown at once. */
const UNDELIVERED_SHOWN = 500;

const tasks = createRoute({
  method: 'get',
  path: '/api/tasks',
  tags: ['work'],
  summary:
    "The caller's inbox from the read model, most urgent first (paged, with the true total): a department's reviews, a coordinator's intakes, results to issue, red cards and expired commitments, an enterprise's applications, corrections and ratings",
  security: BEARER,
  request: { query: ZTaskQuery },
  responses: { 200: json(ZTaskList, 'one page of the inbox, with the number of all tasks in it'), ...errorResponses(400, 401, 503) },
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

const undelivered = createRoute({
  method: 'get',
  path: '/api/supervision/undelivered',
  tags: ['work'],
  summary: 'Notifications and hand-overs whose delivery failed after every retry (the dead-letter list; coordinators only), newest first',
  security: BEARER,
  responses: { 200: json(ZUndeliveredList, 'the newest 500 entries and the number of all'), ...errorResponses(401, 403, 503) },
});

/** Back-fill flags of the last gathering, counted for supervision (absent until one has completed). */
function backfillCounts(audit: BackfillAudit | undefined): { total: number; byRule: Record<string, number> } | undefined {
  const report = audit?.latest();
  return report ? { total: report.flags.length, byRule: report.byRule } : undefined;
}

const NO_DELEGATIONS: Pick<DelegationStore, 'ofAgent'> = { ofAgent: async () => [] };

export function workRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: {
    readModel?: ReadModelStore;
    definitions: DefinitionRegistry;
    now: () => Date;
    audit?: BackfillAudit;
    /** An agent's inbox: its delegations in force (none without them: an empty inbox). */
    delegations?: Pick<DelegationStore, 'ofAgent'>;
    calendar: () => WorkingCalendar;
  },
): void {
  const readModel = () => {
    if (!deps.readModel) throw new AppError('UNAVAILABLE', 'the read model (PostgreSQL) is not configured');
    return deps.readModel;
  };

  app.openapi(tasks, async (c) => {
    const { pageSize = 100, page = 1, tab } = c.req.valid('query');
    const user = c.get('user');
    if (tab && user.role !== 'department')
      throw AppError.validation([{ path: 'tab', message: 'tabs are for a department inbox' }], 'tab: department inboxes only');
    // An agent — or a coordinator's 帮办 acting as one (X-On-Behalf-Of) — reads the tasks of the enterprises it acts for.
    const asked = c.req.header(ON_BEHALF_OF);
    const agent = user.role === 'agent' || (user.role === 'coordinator' && asked !== undefined);
    const today = deps.calendar().dateOf(deps.now().getTime());
    const audience = agent ? await agentInboxScopes(deps.delegations ?? NO_DELEGATIONS, user.username, today, asked) : audienceOf(user);
    const inbox = await readModel().tasks(audience, pageSize, (page - 1) * pageSize, tab ? { kind: tab, userId: user.username } : undefined);
    return c.json({ ...inbox, page, pageSize }, 200);
  });

  app.openapi(report, async (c) => {
    if (c.get('user').role !== 'coordinator') throw new AppError('FORBIDDEN', 'supervision statistics are for coordinators');
    const now = deps.now();
    const [stats, services] = await Promise.all([readModel().supervision(now), readModel().intermediaries()]);
    const intermediaries = services.length > 0 ? intermediaryTime(services, deps.calendar(), now) : undefined;
    // The read model keys reviews by department id; people read the department's name.
    const names = departmentNames(deps.definitions);
    const backfill = backfillCounts(deps.audit);
    const result = {
      ...stats,
      byDepartment: stats.byDepartment.map((s) => ({ ...s, title: names.get(s.key) ?? s.title })),
      ...(backfill ? { backfill } : {}),
      ...(intermediaries ? { intermediaries } : {}),
    };
    if (c.req.valid('query').format === 'csv') {
      c.header('Content-Disposition', contentDisposition(`supervision-${result.generatedAt.slice(0, 10)}.csv`));
      return c.body(supervisionCsv(result), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json(result, 200);
  });

  app.openapi(undelivered, async (c) => {
    if (c.get('user').role !== 'coordinator') throw new AppError('FORBIDDEN', 'the dead-letter list is for coordinators');
    const db = readModel().db;
    const base = db.selectFrom('outbox_entries').where('outbox', '=', 'undelivered');
    const [rows, count] = await Promise.all([
      base.select('entry').orderBy('seq', 'desc').limit(UNDELIVERED_SHOWN).execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return c.json({ entries: rows.map((r) => ZUndelivered.parse(r.entry)), total: Number(count.n) }, 200);
  });
}
