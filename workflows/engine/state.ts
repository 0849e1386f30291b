/**
 * The project workflow's input and its whole state. The state is plain JSON (machine
 * snapshots as `{ value, context }`) so it crosses continue-as-new unchanged.
 */
import { z } from 'zod';
import { ZCalendarSnapshot } from '../../definitions/calendar/snapshot';
import { ZActor } from '../model/actor';
import { ZProjectSpec } from '../model/spec';
import { ZHistoryEntry } from './history';
import type { AnyStateMachine } from 'xstate';
import type { commitmentMachine } from '../machines/commitment.machine';
import type { promiseMachine } from '../machines/promise.machine';
import type { deliveryMachine } from '../machines/delivery.machine';
import type { jointAcceptanceMachine } from '../machines/joint-acceptance.machine';
import type { reviewMachine } from '../machines/review.machine';
import type { signoffMachine } from '../machines/signoff.machine';
import type { stageMachine } from '../machines/stage.machine';
import type { Persisted } from './persisted';
import { ZSupervisionOrder, ZViolationCard } from './card-ladder';

/**
 * The park a project is located in (区域评估, issue 16) with its assessments as registered when
 * the project was: fixed in the input, so intake decides from history, never from the database.
 */
export const ZProjectPark = z.object({
  id: z.string().min(1),
  name: z.string(),
  assessments: z.array(z.object({ id: z.string(), type: z.string(), scope: z.string(), validFrom: z.string(), validUntil: z.string() })),
});
export type TProjectPark = z.infer<typeof ZProjectPark>;

export const ZProjectInput = z.object({
  projectId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)'),
  title: z.string().trim().min(1).max(200),
  enterpriseId: z.string().min(1),
  /** 项目代码 (GB/T 40058-2021), checked at registration; absent on projects from before it was asked for. */
  projectCode: z.string().max(24).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  spec: ZProjectSpec,
  /** The calendar every deadline of this project is computed with, fixed in history. */
  calendar: ZCalendarSnapshot,
  registeredAt: z.string(),
  registeredBy: ZActor,
  /** The planned schedule (预排工期) made at registration, shown against the actual one. */
  plan: z.unknown().optional(),
  /** The park the project is located in; absent when none was named (and on projects from before parks). */
  park: ZProjectPark.optional(),
});
export type TProjectInput = z.infer<typeof ZProjectInput>;

const ZPersistedShape = z.object({ value: z.string(), context: z.unknown() });
/** A machine's snapshot as stored: checked as `{value, context}`, typed by the machine it belongs to. */
const persisted = <M extends AnyStateMachine>() => z.custom<Persisted<M>>((v) => ZPersistedShape.safeParse(v).success);
export type TStageSnapshot = Persisted<typeof stageMachine>;
export type TReviewSnapshot = Persisted<typeof reviewMachine>;
export type TCommitmentSnapshot = Persisted<typeof commitmentMachine>;
export type TPromiseSnapshot = Persisted<typeof promiseMachine>;
export type TDeliverySnapshot = Persisted<typeof deliveryMachine>;
export type TJointAcceptanceSnapshot = Persisted<typeof jointAcceptanceMachine>;
export type TSignoffSnapshot = Persisted<typeof signoffMachine>;

/** Who holds a department's task (a review) now, since when, and who put it there. */
export const ZAssignment = z.object({ userId: z.string(), at: z.string(), by: z.string() });
export type TAssignment = z.infer<typeof ZAssignment>;

/** A result of an approved item, issued with its stage's others (统一出件). */
export const ZIssuedResult = z.object({
  resultId: z.string(),
  title: z.string(),
  itemId: z.string(),
  stageId: z.string(),
  issuedAt: z.string().nullable(),
  conditions: z.string().nullable(),
  /** 撤销: the approval behind it was made on a promise found false; the result is no longer valid. */
  revokedAt: z.string().optional(),
  revocation: z.string().optional(),
});
/** The enterprise's rating of an ended stage (好差评). */
export const ZRating = z.object({ stageId: z.string(), score: z.number(), comment: z.string(), at: z.string(), by: z.string() });

export const ZProjectState = z.object({
  input: ZProjectInput,
  calendar: ZCalendarSnapshot,
  stages: z.record(z.string(), persisted<typeof stageMachine>()),
  reviews: z.record(z.string(), persisted<typeof reviewMachine>()),
  commitments: z.record(z.string(), persisted<typeof commitmentMachine>()),
  /** Written promises (告知承诺) by item; absent until the first is signed (states from before it replay unchanged). */
  promises: z.record(z.string(), persisted<typeof promiseMachine>()).optional(),
  /** Delivery of each decided item (送达, art. 44), by item id; rules ≥ 3 only, so absent on projects from before. */
  deliveries: z.record(z.string(), persisted<typeof deliveryMachine>()).optional(),
  /** Joint acceptances (联合验收) by stage id; absent until one opens (so states from before replay unchanged). */
  joint: z.record(z.string(), persisted<typeof jointAcceptanceMachine>()).optional(),
  /** The open sign-off round of each item with a chain (承办 → 审核 → 批准), by item id; absent until the first draft. */
  signoffs: z.record(z.string(), persisted<typeof signoffMachine>()).optional(),
  /** Who holds each department task, by item id; absent until the first claim (states from before replay unchanged). */
  assignments: z.record(z.string(), ZAssignment).optional(),
  results: z.array(ZIssuedResult),
  ratings: z.array(ZRating),
  /** Last card notified per review, so each change is announced once (`warning` only under a card ladder). */
  cards: z.record(z.string(), z.enum(['green', 'warning', 'yellow', 'red'])),
  /** 督办 issued by coordinators, oldest first; absent until the first (states from before replay unchanged). */
  supervisionOrders: z.array(ZSupervisionOrder).optional(),
  /** Violation cards given by coordinators (not about time); absent until the first. */
  violationCards: z.array(ZViolationCard).optional(),
  /** Reminders (催办) sent per review, as working days before the promised due date; absent until the first. */
  reminded: z.record(z.string(), z.array(z.number().int())).optional(),
  /** 多测合一: each survey type's first supply (stage, material, instant); absent until one is supplied. */
  surveys: z.record(z.string(), z.object({ stageId: z.string(), materialId: z.string(), at: z.string() })).optional(),
  /** 中介超市: the provider the enterprise chose for each intermediary service, with the agreed delivery date. */
  intermediaries: z
    .record(z.string(), z.object({ providerId: z.string(), providerName: z.string(), deliveryOn: z.string(), selectedAt: z.string() }))
    .optional(),
  forms: z.record(z.string(), z.object({ form: z.record(z.string(), z.unknown()), materials: z.array(z.string()) })).optional(),
  history: z.array(ZHistoryEntry),
  seq: z.number().int(),
  /** Counter for effect keys (idempotency of notifications across retries). */
  effectSeq: z.number().int().optional(),
  /**
   * The engine's rules version this project runs under (ENGINE_RULES), fixed at creation so a
   * rule change never alters a running project's decisions or timers; absent means 1.
   */
  rules: z.number().int().optional(),
  /** Characters recorded in `history` (summaries and reasons): the state's budget (STATE_BUDGET). */
  historyChars: z.number().int().optional(),
});
export type TProjectState = z.infer<typeof ZProjectState>;
