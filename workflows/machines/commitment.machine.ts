/**
 * A tolerance commitment (容缺承诺): a tolerable material accepted as missing at intake,
 * to be supplied by the enterprise and accepted by the item's department before its due
 * instant. When the due instant passes, the material's consequence applies and the
 * coordinator is alerted; it is never silently ignored. A late supply still lifts it.
 */
import { type StateValueFrom, assign, setup } from 'xstate';
import type { Stamp, TimeStamp } from './events';

export interface CommitmentContext {
  itemId: string;
  materialId: string;
  departmentId: string;
  enterpriseId: string;
  dueAt: string;
  consequence: 'withhold-results' | 'suspend-approval';
  expiredAt: string | null;
  rejection: string | null;
}

export type CommitmentEvent =
  | ({ type: 'SUPPLY' } & Stamp)
  | ({ type: 'ACCEPT_SUPPLY' } & Stamp)
  | ({ type: 'REJECT_SUPPLY'; reason: string } & Stamp)
  | ({ type: 'EXPIRE' } & TimeStamp)
  | ({ type: 'CANCEL' } & TimeStamp);

export const commitmentMachine = setup({
  types: {
    context: {} as CommitmentContext,
    events: {} as CommitmentEvent,
    input: {} as Omit<CommitmentContext, 'expiredAt' | 'rejection'>,
  },
  guards: {
    byOwnEnterprise: ({ context, event }) => 'actor' in event && event.actor.role === 'enterprise' && event.actor.enterpriseId === context.enterpriseId,
    byOwnDepartment: ({ context, event }) => 'actor' in event && event.actor.role === 'department' && event.actor.departmentId === context.departmentId,
  },
}).createMachine({
  id: 'commitment',
  context: ({ input }) => ({ ...input, expiredAt: null, rejection: null }),
  initial: 'open',
  states: {
    open: {
      on: {
        SUPPLY: { guard: 'byOwnEnterprise', target: 'supplied' },
        EXPIRE: { target: 'expired', actions: assign({ expiredAt: ({ event }) => event.at }) },
        CANCEL: 'cancelled',
      },
    },
    supplied: {
      on: {
        ACCEPT_SUPPLY: { guard: 'byOwnDepartment', target: 'fulfilled' },
        REJECT_SUPPLY: {
          guard: 'byOwnDepartment',
          target: 'open',
          actions: assign({ rejection: ({ event }) => event.reason }),
        },
        CANCEL: 'cancelled',
      },
    },
    /** The consequence holds until a late supply is accepted. */
    expired: {
      on: {
        SUPPLY: { guard: 'byOwnEnterprise', target: 'supplied' },
        CANCEL: 'cancelled',
      },
    },
    fulfilled: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

/** The machine's states, as stored in `value` (derived from the machine, not written again). */
export type CommitmentStatus = StateValueFrom<typeof commitmentMachine>;
