/**
 * What the `view` query returns: the project's state as people read it — stages, reviews
 * with due instants, remaining working days and card colour, commitments, results, history.
 * The actions an actor may take now come from allowed-actions.ts (re-exported here).
 */
import type { TPlan } from '../../definitions/process/plan';
import { z } from 'zod';
import { signoffView, ZSignoffView } from './signoff-view';
import { appealRights, INTAKE_REFUSAL_REASONS, type TIntakeRefusalReason } from '../../definitions/legal/intake-refusal';
import { readItemLadder, ZSupervisionOrder, ZViolationCard } from './card-ladder';
import { readClock } from './clock';
import { ZAction, type TAction } from './action';
export { actionsByAudience, allowedActions, type TAudience } from './allowed-actions';
import { ZHistoryEntry } from './history';
import { REVIEW_DONE } from '../machines/review.machine';
import { sharedView, ZSharedView } from './shared-view';
import { ZIssuedResult, ZRating } from './state';
import type { ProjectEngine } from './project-engine';
import { jointView, ZJointAcceptanceView } from './joint-view';
import { postCheckCard } from './post-check';

/** `warning` (预警) only on items under a card ladder that has it. */
const ZCard = z.enum(['green', 'warning', 'yellow', 'red']);

export const ZReviewView = z.object({
  itemId: z.string(),
  title: z.string(),
  stageId: z.string(),
  departmentId: z.string(),
  status: z.string(),
  early: z.boolean(),
  startedAt: z.string().nullable(),
  legalLimit: z.number(),
  promisedLimit: z.number(),
  /** Present once the review runs: the legal clock's reading now. */
  clock: z
    .object({
      promisedDueAt: z.string(),
      legalDueAt: z.string(),
      elapsed: z.number(),
      remaining: z.number(),
      legalRemaining: z.number(),
      card: ZCard,
      paused: z.boolean(),
      provisional: z.boolean(),
      extensionDays: z.number(),
    })
    .nullable(),
  conditions: z.string().nullable(),
  reason: z.string().nullable(),
  correction: z.object({ materials: z.array(z.string()), reason: z.string() }).nullable(),
  special: z.object({ kind: z.string(), days: z.number(), reason: z.string(), endsAt: z.string() }).nullable(),
  /** An extension asked for and waiting for its approver (行政许可法 art. 42); absent when none. */
  extensionRequest: z
    .object({ kind: z.enum(['department', 'joint']), days: z.number(), reason: z.string(), requestedBy: z.string(), at: z.string() })
    .optional(),
  /** The item's sign-off chain (承办 → 审核 → 批准); absent on items decided in one step. */
  signoffChain: z.array(z.string()).optional(),
  /** The open sign-off round: the draft, the signatures so far, the step due, the last send-back; absent when none. */
  signoff: ZSignoffView.optional(),
  /** Who in the department holds the task now; absent while it is in the department's pool. */
  assignee: z.object({ userId: z.string(), at: z.string(), by: z.string() }).optional(),
});
export type TReviewView = z.infer<typeof ZReviewView>;

export { ZAction, type TAction };

export const ZProjectView = z.object({
  projectId: z.string(),
  title: z.string(),
  enterpriseId: z.string(),
  /** 项目代码; absent when registered without one (so the answers of projects from before codes are unchanged). */
  projectCode: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()),
  definition: z.object({ id: z.string(), version: z.number(), hash: z.string() }),
  calendarFingerprint: z.string(),
  status: z.enum(['active', 'complete', 'rejected', 'withdrawn']),
  currentStageId: z.string(),
  worstCard: ZCard,
  nextDueAt: z.string().nullable(),
  registeredAt: z.string(),
  stages: z.array(
    z.object({
      stageId: z.string(),
      title: z.string(),
      status: z.string(),
      leadDepartmentId: z.string(),
      submittedAt: z.string().nullable(),
      intakeDueAt: z.string().nullable(),
      acceptedAt: z.string().nullable(),
      acceptance: z.string().nullable(),
      returnNotice: z.string().nullable(),
      /** The last refusal to accept (不予受理) with its reasons and the rights of appeal (art. 38); absent when none. */
      refusal: z.object({ reasonCode: z.string(), label: z.string(), reason: z.string(), at: z.string(), rights: z.string() }).optional(),
      issuedAt: z.string().nullable(),
      endReason: z.string().nullable(),
      missing: z.array(z.object({ itemId: z.string(), materialId: z.string(), kind: z.string() })),
      skipped: z.array(z.object({ itemId: z.string(), reason: z.string() })),
      form: z.record(z.string(), z.unknown()).nullable(),
      materials: z.array(z.string()),
    }),
  ),
  reviews: z.array(ZReviewView),
  commitments: z.array(
    z.object({
      itemId: z.string(),
      materialId: z.string(),
      departmentId: z.string(),
      status: z.string(),
      dueAt: z.string(),
      consequence: z.string(),
      expiredAt: z.string().nullable(),
      rejection: z.string().nullable(),
    }),
  ),
  /** Written promises (告知承诺) by item: the 承诺书, the approval on it and its post-check; absent on projects without any. */
  promises: z
    .array(
      z.object({
        itemId: z.string(),
        departmentId: z.string(),
        status: z.string(),
        conditions: z.array(z.string()),
        signedAt: z.string(),
        approvedAt: z.string().nullable(),
        checkDueAt: z.string().nullable(),
        checkedAt: z.string().nullable(),
        finding: z.string().nullable(),
        /** The post-check's card: yellow from POST_CHECK_YELLOW_AT working days before it is due (patch `legal`), red once overdue. */
        card: ZCard,
      }),
    )
    .optional(),
  results: z.array(ZIssuedResult),
  /** Delivery of each decided item (送达, art. 44) with its clock and card; absent on projects from before. */
  deliveries: z
    .array(
      z.object({
        itemId: z.string(),
        stageId: z.string(),
        outcome: z.enum(['granted', 'refused']),
        status: z.enum(['open', 'delivered']),
        decidedAt: z.string(),
        dueAt: z.string(),
        remaining: z.number(),
        card: ZCard,
        delivery: z.object({ way: z.enum(['collected', 'mailed', 'electronic']), note: z.string().nullable(), by: z.string(), at: z.string() }).nullable(),
      }),
    )
    .optional(),
  ratings: z.array(ZRating),
  /** Joint acceptances (联合验收) by stage: each department's part, the rectification loop and the clock; absent on projects without one. */
  joint: z.array(ZJointAcceptanceView).optional(),
  /** 督办 on this project's reviews, each with whether its review is still open; absent when none was issued. */
  supervisionOrders: z.array(ZSupervisionOrder.extend({ open: z.boolean() })).optional(),
  /** Violation cards (not about time); absent when none was given. */
  violationCards: z.array(ZViolationCard).optional(),
  /**
   * The planned schedule (预排工期) made at registration, carried as it was recorded and
   * validated by ZPlan then; typed for readers (not `z.custom`, which OpenAPI cannot describe).
   */
  plan: (z.unknown() as z.ZodType<TPlan>).optional(),
  historyLength: z.number(),
  // Issue 16: the park, materials satisfied once for many, intermediary services (shared-view.ts).
  ...ZSharedView.shape,
});
export type TProjectView = z.infer<typeof ZProjectView>;
export { ZHistoryEntry };

const CARD_ORDER = { green: 0, warning: 1, yellow: 2, red: 3 } as const;
const RUNNING = new Set(['inReview', 'correction', 'specialProcedure']);

export function projectView(engine: ProjectEngine, now: string): TProjectView {
  const s = engine.raw;
  const calendar = engine.workingCalendar;
  const reviews: TReviewView[] = [];
  for (const stage of s.input.spec.stages) {
    for (const item of stage.items) {
      const r = s.reviews[item.id]!;
      const ctx = r.context;
      const reading = ctx.clock ? readClock(ctx.clock, calendar, now, engine.clockRules) : null;
      reviews.push({
        itemId: item.id,
        title: item.title,
        stageId: stage.id,
        departmentId: item.departmentId,
        status: r.value,
        early: ctx.early,
        startedAt: ctx.clock?.startedAt ?? null,
        legalLimit: item.legalLimit,
        promisedLimit: item.promisedLimit,
        clock: reading
          ? {
              promisedDueAt: reading.promised.dueAt,
              legalDueAt: reading.legal.dueAt,
              elapsed: reading.promised.elapsed,
              remaining: reading.promised.remaining,
              legalRemaining: reading.legal.remaining,
              card: RUNNING.has(r.value) ? (readItemLadder(engine, item.id, now)?.card ?? reading.level) : 'green',
              paused: reading.paused,
              provisional: reading.provisional,
              extensionDays: ctx.clock!.extensions.reduce((sum, e) => sum + e.days, 0),
            }
          : null,
        conditions: ctx.conditions,
        reason: ctx.reason,
        correction: ctx.correction,
        special: ctx.special,
        ...(ctx.extensionRequest ? { extensionRequest: ctx.extensionRequest } : {}),
        ...(item.signoff ? { signoffChain: item.signoff } : {}),
        ...signoffView(s.signoffs?.[item.id]),
        ...(s.assignments?.[item.id] ? { assignee: s.assignments[item.id] } : {}),
      });
    }
  }
  const running = reviews.filter((r) => RUNNING.has(r.status) && r.clock);
  const promises = s.promises
    ? Object.values(s.promises).map((p) => ({
        itemId: p.context.itemId,
        departmentId: p.context.departmentId,
        status: p.value,
        conditions: p.context.conditions,
        signedAt: p.context.signedAt,
        approvedAt: p.context.approvedAt,
        checkDueAt: p.context.checkDueAt,
        checkedAt: p.context.checkedAt,
        finding: p.context.finding,
        card: postCheckCard(engine, p.context.itemId, p),
      }))
    : undefined;
  const deliveries = s.deliveries ? deliveriesView(engine, now) : undefined;
  // An open delivery's card counts too (art. 44): a late licence is the project's worst news.
  const cards = [
    ...running.map((r) => r.clock!.card),
    ...(promises ?? []).map((p) => p.card),
    ...(deliveries ?? []).filter((d) => d.status === 'open').map((d) => d.card),
  ];
  const worstCard = cards.reduce<keyof typeof CARD_ORDER>((w, c) => (CARD_ORDER[c] > CARD_ORDER[w] ? c : w), 'green');
  const dues = running
    .filter((r) => !r.clock!.paused)
    .map((r) => r.clock!.promisedDueAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    projectId: s.input.projectId,
    title: s.input.title,
    enterpriseId: s.input.enterpriseId,
    ...(s.input.projectCode !== undefined ? { projectCode: s.input.projectCode } : {}),
    attributes: s.input.attributes,
    definition: s.input.spec.definition,
    calendarFingerprint: s.calendar.fingerprint,
    status: engine.status(),
    currentStageId: engine.currentStageId(),
    worstCard,
    nextDueAt: dues[0] ?? null,
    registeredAt: s.input.registeredAt,
    stages: s.input.spec.stages.map((stage) => {
      const ctx = s.stages[stage.id]!.context;
      return {
        stageId: stage.id,
        title: stage.title,
        status: s.stages[stage.id]!.value,
        leadDepartmentId: stage.leadDepartmentId,
        submittedAt: ctx.submittedAt,
        intakeDueAt: ctx.intakeDueAt,
        acceptedAt: ctx.acceptedAt,
        acceptance: ctx.acceptance,
        returnNotice: ctx.returnNotice,
        ...(ctx.refusal
          ? {
              refusal: {
                ...ctx.refusal,
                label: INTAKE_REFUSAL_REASONS[ctx.refusal.reasonCode as TIntakeRefusalReason] ?? ctx.refusal.reasonCode,
                rights: appealRights(),
              },
            }
          : {}),
        issuedAt: ctx.issuedAt,
        endReason: ctx.endReason,
        missing: ctx.missing,
        skipped: stage.skipped,
        form: s.forms?.[stage.id]?.form ?? null,
        materials: s.forms?.[stage.id]?.materials ?? [],
      };
    }),
    reviews,
    commitments: Object.values(s.commitments).map((c) => {
      const ctx = c.context;
      return {
        itemId: ctx.itemId,
        materialId: ctx.materialId,
        departmentId: ctx.departmentId,
        status: c.value,
        dueAt: ctx.dueAt,
        consequence: ctx.consequence,
        expiredAt: ctx.expiredAt,
        rejection: ctx.rejection,
      };
    }),
    ...(promises ? { promises } : {}),
    results: s.results,
    ...(deliveries ? { deliveries } : {}),
    ratings: s.ratings,
    ...(s.joint ? { joint: jointView(engine, now) } : {}),
    ...(s.supervisionOrders ? { supervisionOrders: s.supervisionOrders.map((o) => ({ ...o, open: !REVIEW_DONE.has(s.reviews[o.itemId]!.value) })) } : {}),
    ...(s.violationCards ? { violationCards: s.violationCards } : {}),
    plan: s.input.plan as TPlan | undefined,
    historyLength: s.history.length,
    ...sharedView(engine, now),
  };
}

/** Each delivery with its clock read now; a delivered one keeps the card it had when delivered. */
function deliveriesView(engine: ProjectEngine, now: string): NonNullable<TProjectView['deliveries']> {
  return Object.values(engine.raw.deliveries ?? {}).map((d) => {
    const reading = readClock(d.context.clock, engine.workingCalendar, now, engine.clockRules);
    return {
      itemId: d.context.itemId,
      stageId: d.context.stageId,
      outcome: d.context.outcome,
      status: d.value,
      decidedAt: d.context.decidedAt,
      dueAt: reading.legal.dueAt,
      remaining: reading.legal.remaining,
      card: reading.level,
      delivery: d.context.delivery,
    };
  });
}
