/**
 * One department's review of one item in one project. The clock runs in `inReview`, stops
 * in `correction` (补正) and `specialProcedure` (特别程序, 行政许可法 art. 45), and an
 * extension (延期, art. 42) moves the due date: asked by the department and approved by its
 * head (art. 42(1)), or asked by the coordinator for joint handling and approved for the local
 * government head (art. 42(2)); before that, granted by a coordinator alone (`EXTEND`, kept for
 * recorded projects). Final states are the department's decision.
 */
import { type StateValueFrom, assign, setup } from 'xstate';
import type { TClockState } from '../../definitions/clock';
import { extendClock, pauseClock, resumeClock, startClock, stopClock } from '../engine/clock';
import type { Stamp, TimeStamp } from './events';

export interface ReviewContext {
  itemId: string;
  departmentId: string;
  enterpriseId: string;
  legalLimit: number;
  promisedLimit: number;
  yellowAt: number;
  /** Started as a technical pre-review during the previous stage (提前介入). */
  early: boolean;
  clock: TClockState | null;
  conditions: string | null;
  reason: string | null;
  correction: { materials: string[]; reason: string } | null;
  special: { kind: string; days: number; reason: string; endsAt: string } | null;
  /** An extension asked for and not yet decided (absent on reviews from before requests). */
  extensionRequest?: TExtensionRequest | null;
}

/** Art. 42(1) `department` (≤ 10 days, the body's head approves) or 42(2) `joint` (≤ 15, the government head). */
export interface TExtensionRequest {
  kind: 'department' | 'joint';
  days: number;
  reason: string;
  requestedBy: string;
  at: string;
}

export type ReviewEvent =
  | ({ type: 'DISPATCH'; early: boolean } & TimeStamp)
  | ({ type: 'APPROVE'; conditions?: string } & Stamp)
  | ({ type: 'REJECT'; reason: string } & Stamp)
  | ({ type: 'REQUEST_CORRECTION'; materials: string[]; reason: string } & Stamp)
  | ({ type: 'ANSWER_CORRECTION' } & Stamp)
  | ({ type: 'START_SPECIAL'; kind: string; days: number; reason: string; endsAt: string } & Stamp)
  | ({ type: 'END_SPECIAL' } & Stamp)
  | ({ type: 'SPECIAL_ELAPSED' } & TimeStamp)
  | ({ type: 'EXTEND'; days: number; reason: string } & Stamp)
  | ({ type: 'REQUEST_EXTENSION'; kind: TExtensionRequest['kind']; days: number; reason: string } & Stamp)
  | ({ type: 'APPROVE_EXTENSION' } & Stamp)
  | ({ type: 'DECLINE_EXTENSION' } & Stamp)
  | ({ type: 'CANCEL'; reason: string } & TimeStamp)
  /** 撤销: an approval made on a promise found false; the enterprise corrects (责令整改) and the item is decided again. */
  | ({ type: 'REVOKE'; reason: string } & Stamp);

export type ReviewInput = Omit<ReviewContext, 'clock' | 'conditions' | 'reason' | 'correction' | 'special' | 'early'>;

export const reviewMachine = setup({
  types: { context: {} as ReviewContext, events: {} as ReviewEvent, input: {} as ReviewInput },
  actions: {
    extend: assign({
      clock: ({ context, event }) => {
        if (event.type !== 'EXTEND') return context.clock;
        return extendClock(context.clock!, { days: event.days, reason: event.reason, approvedBy: event.actor.userId, at: event.at });
      },
    }),
    request: assign({
      extensionRequest: ({ event }) =>
        event.type === 'REQUEST_EXTENSION' ? { kind: event.kind, days: event.days, reason: event.reason, requestedBy: event.actor.userId, at: event.at } : null,
    }),
    approveRequest: assign({
      clock: ({ context, event }) => {
        const r = context.extensionRequest!;
        return extendClock(context.clock!, { days: r.days, reason: r.reason, approvedBy: 'actor' in event ? event.actor.userId : '', at: event.at });
      },
      extensionRequest: null,
    }),
    declineRequest: assign({ extensionRequest: null }),
    endSpecial: assign({
      clock: ({ context, event }) => resumeClock(context.clock!, event.at),
      special: null,
    }),
    /**
     * A revoked approval: the decision is void, so the item is back under review with a new
     * clock from the revocation, paused while the enterprise corrects (责令整改).
     */
    revoke: assign(({ context, event }) => {
      if (event.type !== 'REVOKE') return {};
      const clock = startClock({ at: event.at, legalLimit: context.legalLimit, promisedLimit: context.promisedLimit, yellowAt: context.yellowAt });
      return {
        clock: pauseClock(clock, { kind: 'correction', reason: event.reason, at: event.at }),
        conditions: null,
        reason: event.reason,
        correction: { materials: [], reason: event.reason },
      };
    }),
    cancel: assign({
      clock: ({ context, event }) => (context.clock ? stopClock(context.clock, event.at) : null),
      reason: ({ event }) => (event.type === 'CANCEL' ? event.reason : null),
    }),
  },
  guards: {
    byOwnDepartment: ({ context, event }) => 'actor' in event && event.actor.role === 'department' && event.actor.departmentId === context.departmentId,
    byOwnEnterprise: ({ context, event }) => 'actor' in event && event.actor.role === 'enterprise' && event.actor.enterpriseId === context.enterpriseId,
    byCoordinator: ({ event }) => 'actor' in event && event.actor.role === 'coordinator',
    /** One request at a time, by whom its kind says: the item's department, or a coordinator for joint handling. */
    mayRequest: ({ context, event }) =>
      !context.extensionRequest &&
      event.type === 'REQUEST_EXTENSION' &&
      (event.kind === 'department'
        ? event.actor.role === 'department' && event.actor.departmentId === context.departmentId
        : event.actor.role === 'coordinator'),
    /** The authority art. 42 names for the open request: the department's head, or the government head. */
    byApprovingAuthority: ({ context, event }) => {
      const r = context.extensionRequest;
      if (!r || !('actor' in event)) return false;
      const a = event.actor;
      return r.kind === 'department'
        ? a.role === 'department' && a.departmentId === context.departmentId && a.leader === true
        : a.role === 'coordinator' && a.governmentHead === true;
    },
  },
}).createMachine({
  id: 'review',
  context: ({ input }) => ({ ...input, early: false, clock: null, conditions: null, reason: null, correction: null, special: null }),
  initial: 'pending',
  states: {
    /** Waiting for its stage's intake, its dependencies, or earlier results. */
    pending: {
      on: {
        DISPATCH: {
          target: 'inReview',
          actions: assign({
            early: ({ event }) => event.early,
            clock: ({ context, event }) =>
              startClock({ at: event.at, legalLimit: context.legalLimit, promisedLimit: context.promisedLimit, yellowAt: context.yellowAt }),
          }),
        },
        CANCEL: { target: 'cancelled', actions: assign({ reason: ({ event }) => event.reason }) },
      },
    },
    inReview: {
      on: {
        APPROVE: [
          {
            guard: ({ context, event }) => event.actor.role === 'department' && event.actor.departmentId === context.departmentId && !event.conditions,
            target: 'approved',
            actions: assign({ clock: ({ context, event }) => stopClock(context.clock!, event.at) }),
          },
          {
            guard: 'byOwnDepartment',
            target: 'approvedWithConditions',
            actions: assign({
              clock: ({ context, event }) => stopClock(context.clock!, event.at),
              conditions: ({ event }) => event.conditions ?? null,
            }),
          },
        ],
        REJECT: {
          guard: 'byOwnDepartment',
          target: 'rejected',
          actions: assign({ clock: ({ context, event }) => stopClock(context.clock!, event.at), reason: ({ event }) => event.reason }),
        },
        REQUEST_CORRECTION: {
          guard: 'byOwnDepartment',
          target: 'correction',
          actions: assign({
            clock: ({ context, event }) => pauseClock(context.clock!, { kind: 'correction', reason: event.reason, at: event.at }),
            correction: ({ event }) => ({ materials: event.materials, reason: event.reason }),
          }),
        },
        START_SPECIAL: {
          guard: 'byOwnDepartment',
          target: 'specialProcedure',
          actions: assign({
            clock: ({ context, event }) => pauseClock(context.clock!, { kind: 'special-procedure', reason: event.reason, at: event.at }),
            special: ({ event }) => ({ kind: event.kind, days: event.days, reason: event.reason, endsAt: event.endsAt }),
          }),
        },
        EXTEND: { guard: 'byCoordinator', actions: 'extend' },
        REQUEST_EXTENSION: { guard: 'mayRequest', actions: 'request' },
        APPROVE_EXTENSION: { guard: 'byApprovingAuthority', actions: 'approveRequest' },
        DECLINE_EXTENSION: { guard: 'byApprovingAuthority', actions: 'declineRequest' },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    /** 补正: the enterprise corrects; the clock does not count meanwhile. */
    correction: {
      on: {
        ANSWER_CORRECTION: {
          guard: 'byOwnEnterprise',
          target: 'inReview',
          actions: assign({ clock: ({ context, event }) => resumeClock(context.clock!, event.at), correction: null }),
        },
        EXTEND: { guard: 'byCoordinator', actions: 'extend' },
        REQUEST_EXTENSION: { guard: 'mayRequest', actions: 'request' },
        APPROVE_EXTENSION: { guard: 'byApprovingAuthority', actions: 'approveRequest' },
        DECLINE_EXTENSION: { guard: 'byApprovingAuthority', actions: 'declineRequest' },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    /** 特别程序: expert review, hearing, public notice…; ends when announced or earlier by the department. */
    specialProcedure: {
      on: {
        END_SPECIAL: { guard: 'byOwnDepartment', target: 'inReview', actions: 'endSpecial' },
        SPECIAL_ELAPSED: { target: 'inReview', actions: 'endSpecial' },
        EXTEND: { guard: 'byCoordinator', actions: 'extend' },
        REQUEST_EXTENSION: { guard: 'mayRequest', actions: 'request' },
        APPROVE_EXTENSION: { guard: 'byApprovingAuthority', actions: 'approveRequest' },
        DECLINE_EXTENSION: { guard: 'byApprovingAuthority', actions: 'declineRequest' },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    // Not final: an approval on a promise found false is revoked (REVOKE); nothing else moves them.
    approved: { on: { REVOKE: { guard: 'byOwnDepartment', target: 'correction', actions: 'revoke' } } },
    approvedWithConditions: { on: { REVOKE: { guard: 'byOwnDepartment', target: 'correction', actions: 'revoke' } } },
    rejected: { type: 'final' },
    /** The stage ended without this review (withdrawal, another review's rejection). */
    cancelled: { type: 'final' },
  },
});

/** The machine's states, as stored in `value` (derived from the machine, not written again). */
export type ReviewStatus = StateValueFrom<typeof reviewMachine>;
export const REVIEW_DONE: ReadonlySet<ReviewStatus> = new Set(['approved', 'approvedWithConditions', 'rejected', 'cancelled']);
