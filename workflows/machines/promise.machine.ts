/**
 * Approval on a written promise (告知承诺制, 国办发〔2020〕42号): the enterprise signs a 承诺书 that
 * it meets the item's conditions, the item's department approves on it, then checks the promise
 * by a due instant (事中事后核查). A promise found false ends in `false`: the engine revokes the
 * approval (撤销), orders a correction (责令整改) and writes a credit record. Overdue is the
 * post-check's red card; the department can still check.
 */
import { type StateValueFrom, assign, setup } from 'xstate';
import type { Stamp, TimeStamp } from './events';

export interface PromiseContext {
  itemId: string;
  departmentId: string;
  enterpriseId: string;
  /** The conditions the enterprise promised, as its 承诺书 states them. */
  conditions: string[];
  postCheckWithinDays: number;
  signedAt: string;
  signedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  checkDueAt: string | null;
  overdueAt: string | null;
  checkedAt: string | null;
  checkedBy: string | null;
  /** The department's note on a verified promise, or why it is false. */
  finding: string | null;
}

export type PromiseEvent =
  | ({ type: 'APPROVE_ON_PROMISE'; checkDueAt: string } & Stamp)
  | ({ type: 'VERIFY'; note?: string } & Stamp)
  | ({ type: 'FIND_FALSE'; reason: string } & Stamp)
  | ({ type: 'OVERDUE' } & TimeStamp)
  | ({ type: 'CANCEL' } & TimeStamp);

export type PromiseInput = Pick<PromiseContext, 'itemId' | 'departmentId' | 'enterpriseId' | 'conditions' | 'postCheckWithinDays' | 'signedAt' | 'signedBy'>;

export const promiseMachine = setup({
  types: { context: {} as PromiseContext, events: {} as PromiseEvent, input: {} as PromiseInput },
  actions: {
    check: assign(({ event }) =>
      event.type === 'VERIFY' || event.type === 'FIND_FALSE'
        ? { checkedAt: event.at, checkedBy: event.actor.userId, finding: event.type === 'VERIFY' ? (event.note ?? null) : event.reason }
        : {},
    ),
  },
  guards: {
    byOwnDepartment: ({ context, event }) => 'actor' in event && event.actor.role === 'department' && event.actor.departmentId === context.departmentId,
  },
}).createMachine({
  id: 'promise',
  context: ({ input }) => ({
    ...input,
    approvedAt: null,
    approvedBy: null,
    checkDueAt: null,
    overdueAt: null,
    checkedAt: null,
    checkedBy: null,
    finding: null,
  }),
  initial: 'signed',
  states: {
    /** The 承诺书 is signed; the department may approve on it (or decide the review otherwise). */
    signed: {
      on: {
        APPROVE_ON_PROMISE: {
          guard: 'byOwnDepartment',
          target: 'pendingCheck',
          actions: assign(({ event }) => ({ approvedAt: event.at, approvedBy: event.actor.userId, checkDueAt: event.checkDueAt })),
        },
        CANCEL: 'cancelled',
      },
    },
    /** Approved on the promise; the department checks it by `checkDueAt`. */
    pendingCheck: {
      on: {
        VERIFY: { guard: 'byOwnDepartment', target: 'verified', actions: 'check' },
        FIND_FALSE: { guard: 'byOwnDepartment', target: 'false', actions: 'check' },
        OVERDUE: { target: 'overdue', actions: assign({ overdueAt: ({ event }) => event.at }) },
      },
    },
    /** The post-check's due instant passed (red card); the check is still owed. */
    overdue: {
      on: {
        VERIFY: { guard: 'byOwnDepartment', target: 'verified', actions: 'check' },
        FIND_FALSE: { guard: 'byOwnDepartment', target: 'false', actions: 'check' },
      },
    },
    verified: { type: 'final' },
    /** The promise was false: the approval is revoked (撤销) and a credit record written. */
    false: { type: 'final' },
    /** The review was decided otherwise or the project ended before an approval on the promise. */
    cancelled: { type: 'final' },
  },
});

/** The machine's states, as stored in `value`. */
export type PromiseStatus = StateValueFrom<typeof promiseMachine>;
/** A post-check is owed: the project is not over while one is. */
export const POST_CHECK_OPEN: ReadonlySet<PromiseStatus> = new Set(['pendingCheck', 'overdue']);
