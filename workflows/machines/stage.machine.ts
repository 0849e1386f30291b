/**
 * A stage of a project: one application (one form), intake (受理) by the coordinator,
 * parallel reviews (并联审批), results issued together (统一出件). Intake not decided within
 * its limit counts as accepted (行政许可法 art. 32) and is recorded as such. A refusal to accept
 * (不予受理, art. 32) ends that application, never deemed accepted; the enterprise may file a new
 * one (a new application is a new act with its own intake limit) or withdraw.
 */
import { type StateValueFrom, and, assign, setup } from 'xstate';
import type { Stamp, TimeStamp } from './events';

export interface MissingMaterial {
  itemId: string;
  materialId: string;
  kind: 'core' | 'tolerable';
}

export interface StageContext {
  stageId: string;
  enterpriseId: string;
  /** What the last application left out, computed by the engine at submission. */
  missing: MissingMaterial[];
  submittedAt: string | null;
  intakeDueAt: string | null;
  acceptedAt: string | null;
  acceptance: 'complete' | 'tolerance' | 'deemed' | null;
  returnNotice: string | null;
  /** The last refusal to accept (不予受理): its reason code, reasons and instant; absent on stages from before refusals. */
  refusal?: { reasonCode: string; reason: string; at: string } | null;
  issuedAt: string | null;
  endReason: string | null;
}

export type StageEvent =
  | { type: 'UNLOCK' }
  | ({ type: 'SUBMIT'; missing: MissingMaterial[]; intakeDueAt: string } & Stamp)
  | ({ type: 'ACCEPT' } & Stamp)
  | ({ type: 'ACCEPT_WITH_TOLERANCE' } & Stamp)
  | ({ type: 'RETURN'; notice: string } & Stamp)
  | ({ type: 'REFUSE'; reasonCode: string; reason: string } & Stamp)
  | ({ type: 'INTAKE_DEADLINE' } & TimeStamp)
  | ({ type: 'REVIEWS_DONE' } & TimeStamp)
  | ({ type: 'REVIEW_REJECTED'; reason: string } & TimeStamp)
  | ({ type: 'ISSUE'; withheld: boolean } & Stamp)
  | ({ type: 'WITHDRAW'; reason: string } & Stamp)
  /** A review approved on a promise found false was revoked before the results went out: the stage reviews again. */
  | ({ type: 'REOPEN' } & TimeStamp);

export const stageMachine = setup({
  types: { context: {} as StageContext, events: {} as StageEvent, input: {} as { stageId: string; enterpriseId: string } },
  actions: {
    recordSubmission: assign(({ context, event }) =>
      event.type === 'SUBMIT'
        ? { missing: event.missing, submittedAt: event.at, intakeDueAt: event.intakeDueAt, returnNotice: null, ...(context.refusal ? { refusal: null } : {}) }
        : {},
    ),
    recordAcceptance: assign(({ event }, params: { acceptance: NonNullable<StageContext['acceptance']> }) => ({
      acceptedAt: 'at' in event ? event.at : null,
      acceptance: params.acceptance,
    })),
    recordEnd: assign({ endReason: ({ event }) => (event.type === 'WITHDRAW' ? event.reason : null) }),
  },
  guards: {
    byOwnEnterprise: ({ context, event }) => 'actor' in event && event.actor.role === 'enterprise' && event.actor.enterpriseId === context.enterpriseId,
    byCoordinator: ({ event }) => 'actor' in event && event.actor.role === 'coordinator',
    nothingMissing: ({ context }) => context.missing.length === 0,
    /** 容缺受理: something is missing, and none of it is core (land, environment, safety, quality). */
    onlyTolerableMissing: ({ context }) => context.missing.length > 0 && context.missing.every((m) => m.kind === 'tolerable'),
  },
}).createMachine({
  id: 'stage',
  context: ({ input }) => ({
    ...input,
    missing: [],
    submittedAt: null,
    intakeDueAt: null,
    acceptedAt: null,
    acceptance: null,
    returnNotice: null,
    refusal: null,
    issuedAt: null,
    endReason: null,
  }),
  initial: 'locked',
  states: {
    /** An earlier stage is not complete yet. */
    locked: { on: { UNLOCK: 'awaitingApplication' } },
    awaitingApplication: {
      on: {
        SUBMIT: { guard: 'byOwnEnterprise', target: 'intake', actions: 'recordSubmission' },
        WITHDRAW: { guard: 'byOwnEnterprise', target: 'withdrawn', actions: 'recordEnd' },
      },
    },
    intake: {
      on: {
        ACCEPT: {
          guard: and(['byCoordinator', 'nothingMissing']),
          target: 'inReview',
          actions: { type: 'recordAcceptance', params: { acceptance: 'complete' } },
        },
        ACCEPT_WITH_TOLERANCE: {
          guard: and(['byCoordinator', 'onlyTolerableMissing']),
          target: 'inReview',
          actions: { type: 'recordAcceptance', params: { acceptance: 'tolerance' } },
        },
        RETURN: {
          guard: 'byCoordinator',
          target: 'returned',
          actions: assign({ returnNotice: ({ event }) => event.notice }),
        },
        REFUSE: {
          guard: 'byCoordinator',
          target: 'refused',
          actions: assign({ refusal: ({ event }) => ({ reasonCode: event.reasonCode, reason: event.reason, at: event.at }) }),
        },
        // Art. 32: not decided within the limit → accepted from receipt. Missing core
        // materials stay missing: their reviews will ask for correction.
        INTAKE_DEADLINE: { target: 'inReview', actions: { type: 'recordAcceptance', params: { acceptance: 'deemed' } } },
        WITHDRAW: { guard: 'byOwnEnterprise', target: 'withdrawn', actions: 'recordEnd' },
      },
    },
    /** Returned with one complete list of what is missing (一次告知); the enterprise resubmits. */
    returned: {
      on: {
        SUBMIT: { guard: 'byOwnEnterprise', target: 'intake', actions: 'recordSubmission' },
        WITHDRAW: { guard: 'byOwnEnterprise', target: 'withdrawn', actions: 'recordEnd' },
      },
    },
    /** Refused (不予受理): this application ended; a new one starts a new intake. No INTAKE_DEADLINE here. */
    refused: {
      on: {
        SUBMIT: { guard: 'byOwnEnterprise', target: 'intake', actions: 'recordSubmission' },
        WITHDRAW: { guard: 'byOwnEnterprise', target: 'withdrawn', actions: 'recordEnd' },
      },
    },
    inReview: {
      on: {
        REVIEWS_DONE: 'readyToIssue',
        REVIEW_REJECTED: { target: 'rejected', actions: assign({ endReason: ({ event }) => event.reason }) },
        WITHDRAW: { guard: 'byOwnEnterprise', target: 'withdrawn', actions: 'recordEnd' },
      },
    },
    /** All reviews approved; results go out together (统一出件) unless withheld by an expired commitment. */
    readyToIssue: {
      on: {
        ISSUE: {
          guard: ({ event }) => event.actor.role === 'coordinator' && !event.withheld,
          target: 'complete',
          actions: assign({ issuedAt: ({ event }) => event.at }),
        },
        REOPEN: 'inReview',
        WITHDRAW: { guard: 'byOwnEnterprise', target: 'withdrawn', actions: 'recordEnd' },
      },
    },
    complete: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

/** The machine's states, as stored in `value` (derived from the machine, not written again). */
export type StageStatus = StateValueFrom<typeof stageMachine>;
