/**
 * A project as the read model stores it: the summary row for lists, each review with its
 * clock, card and due instant, commitments, results, ratings and every audience's inbox
 * tasks. The workflow builds these whenever the project changes (decisions and timers alike)
 * and hands them to the `publishProjectRows` activity with a rising `seq`, so a late or
 * retried write never replaces a newer one. Pure and deterministic: runs in the workflow.
 */
import { z } from 'zod';
import type { ProjectEngine } from '../engine/project-engine';
import { actionsByAudience, projectView, type TProjectView } from '../engine/view';
import { intermediaryRows, ZIntermediaryRow } from './intermediaries';
import { CARD_RANK, tasksOf, ZCard, ZTask } from './tasks';

/** An instant as the engine writes it (`…T24:00:00+08:00` for the end of a working day). */
const ZInstant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant');

export const ZProjectRow = z.object({
  projectId: z.string().min(1).max(64),
  title: z.string().max(200),
  enterpriseId: z.string().max(64),
  /** Absent for a project without a code (and in rows published before codes were kept). */
  projectCode: z.string().max(24).optional(),
  definitionId: z.string().max(100),
  /** Absent in rows published before it was kept. */
  definitionVersion: z.number().int().positive().optional(),
  stageId: z.string().max(100),
  status: z.enum(['active', 'complete', 'rejected', 'withdrawn']),
  worstCard: ZCard,
  nextDueAt: ZInstant.nullable(),
  registeredAt: ZInstant,
  departments: z.array(z.string()),
  pendingDepartments: z.array(z.string()),
});

export const ZReviewRow = z.object({
  itemId: z.string(),
  stageId: z.string(),
  departmentId: z.string(),
  title: z.string(),
  status: z.string(),
  early: z.boolean(),
  startedAt: ZInstant.nullable(),
  promisedDueAt: ZInstant.nullable(),
  legalDueAt: ZInstant.nullable(),
  elapsed: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
  card: ZCard.nullable(),
  paused: z.boolean(),
  promisedLimit: z.number().int(),
  legalLimit: z.number().int(),
  yellowCards: z.number().int(),
  redCards: z.number().int(),
  /** 送达 (art. 44): when the decision must reach the enterprise, and when it did; absent before a decision (and on projects before rules 3). */
  deliveryDueAt: ZInstant.optional(),
  deliveredAt: ZInstant.nullable().optional(),
  /** Under a card ladder only (issue 15): what supervision counts beyond yellow and red, and the latest 督办's deadline. */
  ladder: z
    .object({
      warningCards: z.number().int(),
      violationYellowCards: z.number().int(),
      violationRedCards: z.number().int(),
      reminders: z.number().int(),
      supervisionOrders: z.number().int(),
      supervisionDeadlineAt: ZInstant.nullable(),
    })
    .optional(),
});

export const ZReadModelRows = z.object({
  /** The workflow's publication counter (carried across continue-as-new). */
  seq: z.number().int().nonnegative(),
  project: ZProjectRow,
  reviews: z.array(ZReviewRow),
  commitments: z.array(
    z.object({
      itemId: z.string(),
      materialId: z.string(),
      departmentId: z.string(),
      status: z.string(),
      dueAt: ZInstant,
      consequence: z.string(),
      expiredAt: ZInstant.nullable(),
    }),
  ),
  results: z.array(z.object({ resultId: z.string(), itemId: z.string(), stageId: z.string(), title: z.string(), issuedAt: ZInstant.nullable() })),
  ratings: z.array(z.object({ stageId: z.string(), score: z.number().int(), comment: z.string(), at: ZInstant, by: z.string() })),
  /** Every audience's inbox on this project, in the order the engine found them. */
  tasks: z.array(z.object({ audience: z.string(), task: ZTask })),
  /** Intermediary services (中介服务), counted apart from government time; absent on projects without any. */
  intermediaries: z.array(ZIntermediaryRow).optional(),
});
export type TReadModelRows = z.infer<typeof ZReadModelRows>;
export type TReadModelContent = Omit<TReadModelRows, 'seq'>;

const RUNNING = new Set(['inReview', 'specialProcedure']);

/** The rows of the project now (without `seq`, which the workflow assigns when they changed). */
export function readModelContent(engine: ProjectEngine, now: string, view: TProjectView = projectView(engine, now)): TReadModelContent {
  const cards = new Map<string, { yellow: number; red: number }>();
  for (const h of engine.raw.history) {
    if (h.itemId === undefined || (h.type !== 'yellowCard' && h.type !== 'redCard')) continue;
    const c = cards.get(h.itemId) ?? { yellow: 0, red: 0 };
    if (h.type === 'yellowCard') c.yellow += 1;
    else c.red += 1;
    cards.set(h.itemId, c);
  }
  const tasks: TReadModelContent['tasks'] = [];
  if (view.status === 'active') {
    for (const [audience, actions] of actionsByAudience(engine, now)) for (const task of tasksOf(audience, view, actions)) tasks.push({ audience, task });
    // Follow-up with no action of the coordinator's own (red cards, expired commitments).
    if (!tasks.some((t) => t.audience === 'coordinator')) for (const task of tasksOf('coordinator', view, [])) tasks.push({ audience: 'coordinator', task });
  }
  return {
    project: {
      projectId: view.projectId,
      title: view.title,
      enterpriseId: view.enterpriseId,
      // Only when there is one: a project without a code publishes the rows it published before codes.
      ...(view.projectCode !== undefined ? { projectCode: view.projectCode } : {}),
      definitionId: view.definition.id,
      // Constant through a run (a migration changes the rows anyway), so it moves no publication: replay-safe.
      definitionVersion: view.definition.version,
      stageId: view.currentStageId,
      status: view.status,
      worstCard: view.worstCard,
      nextDueAt: view.nextDueAt,
      registeredAt: view.registeredAt,
      departments: [...new Set(view.reviews.map((r) => r.departmentId))].sort(),
      pendingDepartments: [...new Set(view.reviews.filter((r) => RUNNING.has(r.status)).map((r) => r.departmentId))].sort(),
    },
    reviews: view.reviews.map((r) => ({
      itemId: r.itemId,
      stageId: r.stageId,
      departmentId: r.departmentId,
      title: r.title,
      status: r.status,
      early: r.early,
      startedAt: r.startedAt,
      promisedDueAt: r.clock?.promisedDueAt ?? null,
      legalDueAt: r.clock?.legalDueAt ?? null,
      elapsed: r.clock?.elapsed ?? null,
      remaining: r.clock?.remaining ?? null,
      card: r.clock?.card ?? null,
      paused: r.clock?.paused ?? false,
      promisedLimit: r.promisedLimit,
      legalLimit: r.legalLimit,
      yellowCards: cards.get(r.itemId)?.yellow ?? 0,
      redCards: cards.get(r.itemId)?.red ?? 0,
      ...deliveryOf(view, r.itemId),
      ...ladderOf(engine, r.itemId),
    })),
    commitments: view.commitments.map((c) => ({
      itemId: c.itemId,
      materialId: c.materialId,
      departmentId: c.departmentId,
      status: c.status,
      dueAt: c.dueAt,
      consequence: c.consequence,
      expiredAt: c.expiredAt,
    })),
    results: view.results.map((r) => ({ resultId: r.resultId, itemId: r.itemId, stageId: r.stageId, title: r.title, issuedAt: r.issuedAt })),
    ratings: view.ratings.map((r) => ({ stageId: r.stageId, score: r.score, comment: r.comment, at: r.at, by: r.by })),
    tasks,
    ...intermediaryRows(engine, view),
  };
}

export { CARD_RANK };

/**
 * Supervision's ladder figures of a review under a card ladder, or of one given a 督办 (any
 * definition takes one); nothing for the others (their rows stay as they were).
 */
function ladderOf(engine: ProjectEngine, itemId: string): { ladder?: NonNullable<TReadModelRows['reviews'][number]['ladder']> } {
  const s = engine.raw;
  const own = <T extends { itemId?: string }>(list: readonly T[] | undefined) => (list ?? []).filter((x) => x.itemId === itemId);
  const orders = own(s.supervisionOrders);
  if (!engine.specItem(itemId).item.cardLadder && orders.length === 0) return {};
  const violations = own(s.violationCards);
  return {
    ladder: {
      warningCards: own(s.history).filter((h) => h.type === 'warningCard').length,
      violationYellowCards: violations.filter((v) => v.level === 'yellow').length,
      violationRedCards: violations.filter((v) => v.level === 'red').length,
      reminders: s.reminded?.[itemId]?.length ?? 0,
      supervisionOrders: orders.length,
      supervisionDeadlineAt: orders.at(-1)?.deadlineAt ?? null,
    },
  };
}

/** A decided item's delivery, as supervision counts it (in time, late, open); nothing when there is none. */
function deliveryOf(view: TProjectView, itemId: string): { deliveryDueAt?: string; deliveredAt?: string | null } {
  const d = view.deliveries?.find((x) => x.itemId === itemId);
  return d ? { deliveryDueAt: d.dueAt, deliveredAt: d.delivery?.at ?? null } : {};
}
