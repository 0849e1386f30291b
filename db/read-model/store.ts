/**
 * The read model in PostgreSQL: every list, inbox and statistic reads these tables, never
 * the workflows. Writes come from the workflows' `publishProjectRows` activity: a project's
 * rows are replaced as a whole, in one transaction, and only by a higher `seq`, so retried and
 * late writes are harmless and a project never shows half of one state and half of another.
 */
import { type Expression, type ExpressionBuilder, sql, type SqlBool, type Transaction } from 'kysely';
import type { Db } from '../connect';
import type { Database } from '../schema';
import { CARD_RANK, type TCard, type TTask } from '../../workflows/read-model/tasks';
import type { TReadModelRows } from '../../workflows/read-model/rows';
import type { TIntermediaryRow } from '../../workflows/read-model/intermediaries';

/** One row of a project list. */
export interface TProjectSummary {
  id: string;
  title: string;
  enterpriseId: string;
  /** From the enterprise directory; null for a project whose enterprise is not listed (from before the directory). */
  enterpriseName: string | null;
  /** 项目代码; null for a project registered without one. */
  projectCode: string | null;
  stageId: string;
  status: string;
  worstCard: string;
  pendingDepartments: string[];
  nextDueAt: string | null;
  registeredAt: string | null;
}

/** Who is asking: an enterprise sees its own projects, a department those it has an item in. */
export interface TListScope {
  enterpriseId?: string;
  departmentId?: string;
  /** Only these projects (an agent's listed delegation). */
  projectIds?: readonly string[];
}

export interface TProjectFilter {
  stage?: string;
  status?: string;
  card?: string;
  /** A department with a review running now. */
  department?: string;
  enterprise?: string;
  /** Exactly this 项目代码. */
  projectCode?: string;
  /** Part of the title, of the enterprise's name or of the project code. */
  text?: string;
}

/** Where the previous page ended (newest first: registered_at desc, project_id desc). */
export interface TProjectCursor {
  registeredAt: string;
  projectId: string;
}

export interface TStat {
  key: string;
  title: string;
  dispatched: number;
  completed: number;
  early: number;
  earlyCompletionRate: number | null;
  yellowCards: number;
  redCards: number;
  avgWorkdaysUsed: number | null;
  avgPromisedLimit: number | null;
  avgLegalLimit: number | null;
  /** Decisions delivered by their due instant (行政许可法 art. 44: 10 working days), after it, and not yet delivered. */
  deliveredInTime: number;
  deliveredLate: number;
  deliveryOpen: number;
  /** Card ladder levels and tools (issue 15): warnings, violation cards, reminders (催办) and 督办 issued. */
  warningCards: number;
  violationYellowCards: number;
  violationRedCards: number;
  reminders: number;
  supervisionOrders: number;
}

/** A review under a 督办 that is not decided yet, with the 督办's deadline. */
export interface TOpenSupervisionOrder {
  projectId: string;
  projectTitle: string;
  /** 项目代码, null for a project registered without one: every export names the project by it. */
  projectCode: string | null;
  itemId: string;
  title: string;
  departmentId: string;
  deadlineAt: string;
  /** The deadline has passed (the ladder's red card, where it has one counted from it). */
  overdue: boolean;
}

export interface TSupervision {
  generatedAt: string;
  projects: { total: number; byStatus: Record<string, number>; byStage: Record<string, number> };
  byDepartment: TStat[];
  byItem: TStat[];
  /** The reviews of each enterprise's projects, keyed by its credit code and titled by its name. */
  byEnterprise: TStat[];
  /** 督办 on reviews not decided yet, earliest deadline first. */
  openSupervisionOrders: TOpenSupervisionOrder[];
  ratings: {
    count: number;
    average: number | null;
    bad: {
      projectId: string;
      projectTitle: string;
      projectCode: string | null;
      enterpriseId: string;
      enterpriseName: string | null;
      stageId: string;
      score: number;
      comment: string;
      at: string;
    }[];
  };
}

/** An intermediary service as the read model keeps it, with its project's title. */
export type TIntermediaryServiceRow = TIntermediaryRow & { projectId: string; projectTitle: string; projectCode: string | null };

/** Writes a project's intermediary services (its old ones were deleted with its other rows). */
async function writeIntermediaries(trx: Transaction<Database>, projectId: string, rows: readonly TIntermediaryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('project_intermediaries')
    .values(
      rows.map((x) => ({
        project_id: projectId,
        service_id: x.serviceId,
        stage_id: x.stageId,
        title: x.title,
        provider_name: x.providerName,
        selected_at: x.selectedAt,
        delivery_on: x.deliveryOn,
        delivered_at: x.deliveredAt,
      })),
    )
    .execute();
}

/** A rating at or below this is "bad" and listed for follow-up (差评). */
export const BAD_RATING = 2;
const DONE = ['approved', 'approvedWithConditions', 'rejected'];

const round = (value: unknown, places: number): number | null => {
  if (value === null || value === undefined) return null;
  const f = 10 ** places;
  return Math.round(Number(value) * f) / f;
};
const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** The inbox's task with its enterprise's name from the directory (null when not listed) and its project's code (null when none). */
export type TNamedTask = TTask & { enterpriseName: string | null; projectCode: string | null };
/** A department's inbox tab (issue 15): its user's tasks, the pool (held by nobody, or by a disabled user), or colleagues' tasks. */
export type TInboxTab = { kind: 'mine' | 'unassigned' | 'others'; userId: string };
/** One audience's tasks, only those of `projectIds` when given: an agent's inbox joins its delegations' (service/agents/inbox.ts). */
export type TInboxScope = { audience: string; projectIds?: string[] };

/** A project's rows besides its `projects` row: replaced as a whole with each newer seq. */
const ROW_TABLES = ['project_reviews', 'project_commitments', 'project_results', 'project_ratings', 'project_tasks', 'project_intermediaries'] as const;

/** LIKE's own wildcards in a caller's text are matched literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class ReadModelStore {
  constructor(readonly db: Db) {}

  /**
   * Replaces the project's rows unless the stored ones are as new or newer (or newer, with
   * `replaceEqual`: a rebuild rewrites rows of the same seq from the workflow's own copy).
   * @returns whether the rows were written
   */
  async write(rows: TReadModelRows, options: { replaceEqual?: boolean } = {}): Promise<boolean> {
    const p = rows.project;
    const projectRow = {
      project_id: p.projectId,
      seq: rows.seq,
      title: p.title,
      enterprise_id: p.enterpriseId,
      project_code: p.projectCode ?? null,
      definition_id: p.definitionId,
      definition_version: p.definitionVersion ?? null,
      stage_id: p.stageId,
      status: p.status,
      worst_card: p.worstCard,
      card_rank: CARD_RANK[p.worstCard],
      next_due_at: p.nextDueAt,
      registered_at: p.registeredAt,
      departments: p.departments,
      pending_departments: p.pendingDepartments,
    };
    return this.db.transaction().execute(async (trx) => {
      const { project_id: _id, ...update } = projectRow;
      const applied = await trx
        .insertInto('projects')
        .values(projectRow)
        .onConflict((oc) =>
          oc
            .column('project_id')
            .doUpdateSet({ ...update, updated_at: sql`now()` })
            .where('projects.seq', options.replaceEqual ? '<=' : '<', (eb) => eb.ref('excluded.seq')),
        )
        .returning('project_id')
        .executeTakeFirst();
      // The row lock taken by the upsert orders concurrent writers of one project.
      if (!applied) return false;
      const id = p.projectId;
      // The old rows of every table in one statement (data-modifying CTEs), not one round trip each (issue 12).
      const deletes = ROW_TABLES.map((table, i) => sql`${sql.id(`gone_${i}`)} as (delete from ${sql.table(table)} where project_id = ${id})`);
      await sql`with ${sql.join(deletes)} select 1`.execute(trx);
      if (rows.reviews.length > 0) {
        await trx
          .insertInto('project_reviews')
          .values(
            rows.reviews.map((r) => ({
              project_id: id,
              item_id: r.itemId,
              stage_id: r.stageId,
              department_id: r.departmentId,
              title: r.title,
              status: r.status,
              early: r.early,
              started_at: r.startedAt,
              promised_due_at: r.promisedDueAt,
              legal_due_at: r.legalDueAt,
              elapsed: r.elapsed,
              remaining: r.remaining,
              card: r.card,
              paused: r.paused,
              promised_limit: r.promisedLimit,
              legal_limit: r.legalLimit,
              yellow_cards: r.yellowCards,
              red_cards: r.redCards,
              delivery_due_at: r.deliveryDueAt ?? null,
              delivered_at: r.deliveredAt ?? null,
              ...(r.ladder
                ? {
                    warning_cards: r.ladder.warningCards,
                    violation_yellow_cards: r.ladder.violationYellowCards,
                    violation_red_cards: r.ladder.violationRedCards,
                    reminders: r.ladder.reminders,
                    supervision_orders: r.ladder.supervisionOrders,
                    supervision_deadline_at: r.ladder.supervisionDeadlineAt,
                  }
                : {}),
            })),
          )
          .execute();
      }
      if (rows.commitments.length > 0) {
        await trx
          .insertInto('project_commitments')
          .values(
            rows.commitments.map((c) => ({
              project_id: id,
              item_id: c.itemId,
              material_id: c.materialId,
              department_id: c.departmentId,
              status: c.status,
              due_at: c.dueAt,
              consequence: c.consequence,
              expired_at: c.expiredAt,
            })),
          )
          .execute();
      }
      if (rows.results.length > 0) {
        await trx
          .insertInto('project_results')
          .values(
            rows.results.map((r) => ({ project_id: id, result_id: r.resultId, item_id: r.itemId, stage_id: r.stageId, title: r.title, issued_at: r.issuedAt })),
          )
          .execute();
      }
      if (rows.ratings.length > 0) {
        await trx
          .insertInto('project_ratings')
          .values(rows.ratings.map((r) => ({ project_id: id, stage_id: r.stageId, score: r.score, comment: r.comment, rated_at: r.at, rated_by: r.by })))
          .execute();
      }
      if (rows.tasks.length > 0) {
        await trx
          .insertInto('project_tasks')
          .values(
            rows.tasks.map(({ audience, task: t }, position) => ({
              project_id: id,
              audience,
              position,
              kind: t.kind,
              stage_id: t.stageId,
              item_id: t.itemId,
              material_id: t.materialId,
              title: t.title,
              status: t.status,
              due_at: t.dueAt,
              due_instant: t.dueAt,
              remaining_workdays: t.remainingWorkdays,
              card: t.card,
              card_rank: CARD_RANK[t.card ?? 'green'],
              paused: t.paused,
              actions: t.actions,
              assignee: t.assignee ?? null,
            })),
          )
          .execute();
      }
      await writeIntermediaries(trx, id, rows.intermediaries ?? []);
      return true;
    });
  }

  /** Every intermediary service of every project, with its project's title, oldest project first (supervision counts their time). */
  async intermediaries(): Promise<TIntermediaryServiceRow[]> {
    const rows = await this.db
      .selectFrom('project_intermediaries as x')
      .innerJoin('projects as p', 'p.project_id', 'x.project_id')
      .select([
        'x.project_id',
        'p.title as project_title',
        'p.project_code',
        'x.service_id',
        'x.stage_id',
        'x.title',
        'x.provider_name',
        'x.selected_at',
        'x.delivery_on',
        'x.delivered_at',
      ])
      .orderBy('p.registered_at')
      .orderBy('x.project_id')
      .orderBy('x.service_id')
      .execute();
    return rows.map((r) => ({
      projectId: r.project_id,
      projectTitle: r.project_title,
      projectCode: r.project_code,
      serviceId: r.service_id,
      stageId: r.stage_id,
      title: r.title,
      providerName: r.provider_name,
      selectedAt: iso(r.selected_at),
      deliveryOn: r.delivery_on,
      deliveredAt: iso(r.delivered_at),
    }));
  }

  /** One page of projects, newest first, with the number of all that match. */
  async listProjects(
    scope: TListScope,
    filter: TProjectFilter,
    pageSize: number,
    after?: TProjectCursor,
  ): Promise<{ projects: TProjectSummary[]; total: number; next?: TProjectCursor }> {
    // Names from the enterprise directory (same database): a left join, so a project of an unlisted enterprise still shows.
    const base = this.db.selectFrom('projects as p').leftJoin('enterprises as e', 'e.id', 'p.enterprise_id');
    const where = (eb: ExpressionBuilder<Database & { p: Database['projects']; e: Database['enterprises'] }, 'p' | 'e'>) => {
      const and: Expression<SqlBool>[] = [];
      if (scope.enterpriseId !== undefined) and.push(eb('p.enterprise_id', '=', scope.enterpriseId));
      if (scope.departmentId !== undefined) and.push(eb('p.departments', '@>', sql<string[]>`array[${scope.departmentId}]::text[]`));
      if (scope.projectIds !== undefined) and.push(scope.projectIds.length === 0 ? sql<SqlBool>`false` : eb('p.project_id', 'in', [...scope.projectIds]));
      if (filter.stage) and.push(eb('p.stage_id', '=', filter.stage));
      if (filter.status) and.push(eb('p.status', '=', filter.status));
      if (filter.card) and.push(eb('p.worst_card', '=', filter.card));
      if (filter.department) and.push(eb('p.pending_departments', '@>', sql<string[]>`array[${filter.department}]::text[]`));
      if (filter.enterprise) and.push(eb('p.enterprise_id', '=', filter.enterprise));
      if (filter.projectCode) and.push(eb('p.project_code', '=', filter.projectCode));
      if (filter.text) {
        const like = likePattern(filter.text);
        and.push(sql<SqlBool>`(p.title ilike ${like} or e.name ilike ${like} or p.project_code ilike ${like})`);
      }
      return eb.and(and);
    };
    let page = base.selectAll('p').select('e.name as enterprise_name').where(where);
    if (after) {
      page = page.where((eb) =>
        eb.or([
          eb('p.registered_at', '<', new Date(after.registeredAt)),
          eb.and([eb('p.registered_at', '=', new Date(after.registeredAt)), eb('p.project_id', '<', after.projectId)]),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      page
        .orderBy('p.registered_at', 'desc')
        .orderBy('p.project_id', 'desc')
        .limit(pageSize + 1)
        .execute(),
      base
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(where)
        .executeTakeFirstOrThrow(),
    ]);
    const more = rows.length > pageSize;
    const projects = rows.slice(0, pageSize).map((r) => ({
      id: r.project_id,
      title: r.title,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      projectCode: r.project_code,
      stageId: r.stage_id,
      status: r.status,
      worstCard: r.worst_card,
      pendingDepartments: r.pending_departments,
      nextDueAt: iso(r.next_due_at),
      registeredAt: iso(r.registered_at),
    }));
    const last = projects[projects.length - 1];
    return { projects, total: Number(count.n), ...(more && last ? { next: { registeredAt: last.registeredAt!, projectId: last.id } } : {}) };
  }

  /** An audience's inbox, most urgent first (red, yellow, green; fewest working days left; earliest due). */
  /** @param audience whose inbox, or the scopes an agent's inbox joins (none: an empty inbox) */
  async tasks(audience: string | TInboxScope[], pageSize: number, offset = 0, tab?: TInboxTab): Promise<{ tasks: TNamedTask[]; total: number }> {
    const scopes = typeof audience === 'string' ? [{ audience }] : audience;
    // A task held by a disabled user is back in the pool: nothing waits on someone who cannot sign in.
    const held = sql<boolean>`t.assignee is not null and exists (select 1 from users u where u.username = t.assignee and u.disabled_at is null)`;
    const inbox = this.db
      .selectFrom('project_tasks as t')
      .innerJoin('projects as p', 'p.project_id', 't.project_id')
      .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .where((eb) =>
        eb.or(
          scopes.map((x) =>
            x.projectIds === undefined
              ? eb('t.audience', '=', x.audience)
              : eb.and([eb('t.audience', '=', x.audience), eb('t.project_id', 'in', x.projectIds.length > 0 ? x.projectIds : [''])]),
          ),
        ),
      )
      .where('p.status', '=', 'active')
      .$if(tab?.kind === 'mine', (q) => q.where(held).where('t.assignee', '=', tab!.userId))
      .$if(tab?.kind === 'unassigned', (q) => q.where(sql<boolean>`not (${held})`))
      .$if(tab?.kind === 'others', (q) => q.where(held).where('t.assignee', '!=', tab!.userId));
    const [rows, count] = await Promise.all([
      inbox
        .select([
          't.project_id',
          'p.title as project_title',
          'p.enterprise_id',
          'e.name as enterprise_name',
          'p.project_code',
          't.kind',
          't.stage_id',
          't.item_id',
          't.material_id',
          't.title',
          't.status',
          't.due_at',
          't.remaining_workdays',
          't.card',
          't.paused',
          't.actions',
          't.assignee',
        ])
        .orderBy('t.card_rank')
        .orderBy(sql`t.remaining_workdays nulls last`)
        .orderBy(sql`t.due_instant nulls last`)
        .orderBy('t.project_id')
        .orderBy('t.position')
        .limit(pageSize)
        .offset(offset)
        .execute(),
      inbox.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      tasks: rows.map((r) => ({
        kind: r.kind,
        projectId: r.project_id,
        projectTitle: r.project_title,
        enterpriseId: r.enterprise_id,
        enterpriseName: r.enterprise_name,
        projectCode: r.project_code,
        stageId: r.stage_id,
        itemId: r.item_id,
        materialId: r.material_id,
        title: r.title,
        status: r.status,
        dueAt: r.due_at,
        remainingWorkdays: r.remaining_workdays,
        card: r.card as TCard | null,
        paused: r.paused,
        actions: r.actions,
        ...(r.assignee !== null ? { assignee: r.assignee } : {}),
      })),
    };
  }

  /** 电子监察 statistics over every project, computed in SQL. */
  async supervision(now: Date): Promise<TSupervision> {
    // Rows per department (titled by its id here: the names are the definitions', the service adds them), per item (by its
    // title) and per enterprise, keyed by its public credit code and titled by its name (its internal id only when not listed).
    const KEYS = {
      department: { group: sql<string>`r.department_id`, key: sql<string>`r.department_id`, title: sql<string>`r.department_id` },
      item: { group: sql<string>`r.item_id`, key: sql<string>`r.item_id`, title: sql<string>`min(r.title)` },
      enterprise: {
        group: sql<string>`p.enterprise_id`,
        key: sql<string>`coalesce(min(e.credit_code), p.enterprise_id)`,
        title: sql<string>`coalesce(min(e.name), p.enterprise_id)`,
      },
    };
    const stat = (by: keyof typeof KEYS) =>
      this.db
        .selectFrom('project_reviews as r')
        .innerJoin('projects as p', 'p.project_id', 'r.project_id')
        .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
        .select([
          KEYS[by].key.as('key'),
          KEYS[by].title.as('title'),
          sql<number>`count(*) filter (where r.promised_due_at is not null)`.as('dispatched'),
          sql<number>`count(*) filter (where r.promised_due_at is not null and r.status in (${sql.join(DONE)}))`.as('completed'),
          sql<number>`count(*) filter (where r.promised_due_at is not null and r.status in (${sql.join(DONE)}) and r.elapsed < r.promised_limit)`.as('early'),
          sql<number>`coalesce(sum(r.yellow_cards), 0)`.as('yellow'),
          sql<number>`coalesce(sum(r.red_cards), 0)`.as('red'),
          sql<string | null>`avg(r.elapsed) filter (where r.promised_due_at is not null and r.status in (${sql.join(DONE)}))`.as('used'),
          sql<string | null>`avg(r.promised_limit) filter (where r.promised_due_at is not null)`.as('promised'),
          sql<string | null>`avg(r.legal_limit) filter (where r.promised_due_at is not null)`.as('legal'),
          sql<number>`count(*) filter (where r.delivered_at <= r.delivery_due_at)`.as('deliveredInTime'),
          sql<number>`count(*) filter (where r.delivered_at > r.delivery_due_at)`.as('deliveredLate'),
          sql<number>`count(*) filter (where r.delivery_due_at is not null and r.delivered_at is null)`.as('deliveryOpen'),
          sql<number>`coalesce(sum(r.warning_cards), 0)`.as('warning'),
          sql<number>`coalesce(sum(r.violation_yellow_cards), 0)`.as('violationYellow'),
          sql<number>`coalesce(sum(r.violation_red_cards), 0)`.as('violationRed'),
          sql<number>`coalesce(sum(r.reminders), 0)`.as('reminders'),
          sql<number>`coalesce(sum(r.supervision_orders), 0)`.as('supervisionOrders'),
        ])
        .groupBy(KEYS[by].group)
        .orderBy(KEYS[by].group)
        .execute();
    const [byStatus, byStage, byDepartment, byItem, byEnterprise, ratingTotals, bad, orders] = await Promise.all([
      this.db
        .selectFrom('projects')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute(),
      this.db
        .selectFrom('projects')
        .select(['stage_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'active')
        .groupBy('stage_id')
        .execute(),
      stat('department'),
      stat('item'),
      stat('enterprise'),
      this.db
        .selectFrom('project_ratings')
        .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.avg<string | null>('score').as('average')])
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('project_ratings as r')
        .innerJoin('projects as p', 'p.project_id', 'r.project_id')
        .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
        .select([
          'r.project_id',
          'p.title',
          'p.project_code',
          'p.enterprise_id',
          'e.name as enterprise_name',
          'r.stage_id',
          'r.score',
          'r.comment',
          'r.rated_at',
        ])
        .where('r.score', '<=', BAD_RATING)
        .orderBy('r.rated_at')
        .orderBy('r.project_id')
        .execute(),
      this.db
        .selectFrom('project_reviews as r')
        .innerJoin('projects as p', 'p.project_id', 'r.project_id')
        .select(['r.project_id', 'p.title as project_title', 'p.project_code', 'r.item_id', 'r.title', 'r.department_id', 'r.supervision_deadline_at'])
        .where('r.supervision_deadline_at', 'is not', null)
        .where('r.status', 'not in', [...DONE, 'cancelled'])
        .orderBy('r.supervision_deadline_at')
        .orderBy('r.project_id')
        .execute(),
    ]);
    const stats = (rows: Awaited<ReturnType<typeof stat>>): TStat[] =>
      rows.map((r) => {
        const completed = Number(r.completed);
        const early = Number(r.early);
        return {
          key: String(r.key),
          title: String(r.title),
          dispatched: Number(r.dispatched),
          completed,
          early,
          earlyCompletionRate: completed === 0 ? null : round(early / completed, 3),
          yellowCards: Number(r.yellow),
          redCards: Number(r.red),
          avgWorkdaysUsed: round(r.used, 1),
          avgPromisedLimit: round(r.promised, 1),
          avgLegalLimit: round(r.legal, 1),
          deliveredInTime: Number(r.deliveredInTime),
          deliveredLate: Number(r.deliveredLate),
          deliveryOpen: Number(r.deliveryOpen),
          warningCards: Number(r.warning),
          violationYellowCards: Number(r.violationYellow),
          violationRedCards: Number(r.violationRed),
          reminders: Number(r.reminders),
          supervisionOrders: Number(r.supervisionOrders),
        };
      });
    const count = Number(ratingTotals.n);
    return {
      generatedAt: now.toISOString(),
      projects: {
        total: byStatus.reduce((sum, r) => sum + Number(r.n), 0),
        byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
        byStage: Object.fromEntries(byStage.map((r) => [r.stage_id, Number(r.n)])),
      },
      byDepartment: stats(byDepartment),
      byItem: stats(byItem),
      byEnterprise: stats(byEnterprise),
      openSupervisionOrders: orders.map((o) => ({
        projectId: o.project_id,
        projectTitle: o.project_title,
        projectCode: o.project_code,
        itemId: o.item_id,
        title: o.title,
        departmentId: o.department_id,
        deadlineAt: o.supervision_deadline_at!.toISOString(),
        overdue: o.supervision_deadline_at!.getTime() <= now.getTime(),
      })),
      ratings: {
        count,
        average: count === 0 ? null : round(ratingTotals.average, 2),
        bad: bad.map((r) => ({
          projectId: r.project_id,
          projectTitle: r.title,
          projectCode: r.project_code,
          enterpriseId: r.enterprise_id,
          enterpriseName: r.enterprise_name,
          stageId: r.stage_id,
          score: r.score,
          comment: r.comment,
          at: r.rated_at.toISOString(),
        })),
      },
    };
  }

  /** The stored seq of a project (undefined when it has no rows yet). */
  async seqOf(projectId: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('projects').select('seq').where('project_id', '=', projectId).executeTakeFirst();
    return row ? Number(row.seq) : undefined;
  }

  /** Every row of every table, in a stable order: what a rebuild must reproduce. */
  async dump(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    const order: Record<string, string[]> = {
      projects: ['project_id'],
      project_reviews: ['project_id', 'item_id'],
      project_commitments: ['project_id', 'item_id', 'material_id'],
      project_results: ['project_id', 'result_id'],
      project_ratings: ['project_id', 'stage_id'],
      project_tasks: ['project_id', 'audience', 'position'],
      project_intermediaries: ['project_id', 'service_id'],
    };
    for (const [table, keys] of Object.entries(order)) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.join(keys.map((k) => sql.ref(k)))}`.execute(this.db);
      out[table] = rows.rows.map(({ updated_at: _u, ...r }) => r);
    }
    return out;
  }

  /** Removes the projects not written since `since` and not in `keep` (gone from Temporal). @returns how many */
  async removeOthers(keep: ReadonlySet<string>, since: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('projects')
      .where('updated_at', '<', since)
      .where(sql<SqlBool>`not (project_id = any(${[...keep]}::text[]))`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Empties every table. */
  async clear(): Promise<void> {
    await sql`truncate projects, project_reviews, project_commitments, project_results, project_ratings, project_tasks, project_intermediaries`.execute(
      this.db,
    );
  }
}
