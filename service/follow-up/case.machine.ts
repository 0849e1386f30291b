/**
 * A follow-up case (好差评 回访整改; 投诉 handled the same way): a bad rating (1–2 of 5) or a
 * complaint is called back, verified, then corrected or explained by the department concerned
 * — which may appeal instead, the coordinator deciding the appeal — and closed. Each step has
 * its own working-day limit (FOLLOW_UP_LIMITS) and card. Pure: the service keeps the snapshot
 * in PostgreSQL and steps it with workflows/engine/persisted.ts, as the engine does its machines.
 */
import { type StateValueFrom, assign, setup } from 'xstate';
import type { Stamp } from '../../workflows/machines/events';

/**
 * Working days each step may take. 国办发〔2019〕51号 asks that every bad rating be called back,
 * verified and put right, without fixing the days; these are this product's defaults (11 working
 * days in all without an appeal), to be set per city.
 */
export const FOLLOW_UP_LIMITS = { callBack: 1, verify: 3, remedy: 5, appeal: 3, closing: 2 } as const;
export type TFollowUpStep = keyof typeof FOLLOW_UP_LIMITS;

export type TCaseKind = 'rating' | 'complaint';
export type TRemedy = 'corrected' | 'explained' | 'appealUpheld';

export interface FollowUpContext {
  kind: TCaseKind;
  /** The department concerned (the rated stage's lead, or the one that acted in the event complained of); null: the coordinator remedies. */
  departmentId: string | null;
  remedy: TRemedy | null;
}

type Note = { note: string } & Stamp;
export type FollowUpEvent =
  | ({ type: 'CALL_BACK' } & Note)
  | ({ type: 'VERIFY' } & Note)
  | ({ type: 'CORRECT' } & Note)
  | ({ type: 'EXPLAIN' } & Note)
  | ({ type: 'APPEAL' } & Note)
  | ({ type: 'UPHOLD_APPEAL' } & Note)
  | ({ type: 'DISMISS_APPEAL' } & Note)
  | ({ type: 'CLOSE' } & Note);
export type TFollowUpEventType = FollowUpEvent['type'];

export const followUpMachine = setup({
  types: { context: {} as FollowUpContext, events: {} as FollowUpEvent, input: {} as Omit<FollowUpContext, 'remedy'> },
  guards: {
    coordinator: ({ event }) => event.actor.role === 'coordinator',
    /** The department concerned remedies; without one, the coordinator. */
    remedier: ({ context, event }) =>
      context.departmentId === null
        ? event.actor.role === 'coordinator'
        : event.actor.role === 'department' && event.actor.departmentId === context.departmentId,
    concernedDepartment: ({ context, event }) =>
      context.departmentId !== null && event.actor.role === 'department' && event.actor.departmentId === context.departmentId,
  },
}).createMachine({
  id: 'followUp',
  context: ({ input }) => ({ ...input, remedy: null }),
  initial: 'callBack',
  states: {
    callBack: { on: { CALL_BACK: { guard: 'coordinator', target: 'verify' } } },
    verify: { on: { VERIFY: { guard: 'coordinator', target: 'remedy' } } },
    remedy: {
      on: {
        CORRECT: { guard: 'remedier', target: 'closing', actions: assign({ remedy: 'corrected' as const }) },
        EXPLAIN: { guard: 'remedier', target: 'closing', actions: assign({ remedy: 'explained' as const }) },
        APPEAL: { guard: 'concernedDepartment', target: 'appeal' },
      },
    },
    appeal: {
      on: {
        UPHOLD_APPEAL: { guard: 'coordinator', target: 'closing', actions: assign({ remedy: 'appealUpheld' as const }) },
        DISMISS_APPEAL: { guard: 'coordinator', target: 'remedy' },
      },
    },
    closing: { on: { CLOSE: { guard: 'coordinator', target: 'closed' } } },
    closed: { type: 'final' },
  },
});

export type TFollowUpState = StateValueFrom<typeof followUpMachine>;
export const FOLLOW_UP_EVENTS = [
  'CALL_BACK',
  'VERIFY',
  'CORRECT',
  'EXPLAIN',
  'APPEAL',
  'UPHOLD_APPEAL',
  'DISMISS_APPEAL',
  'CLOSE',
] as const satisfies readonly TFollowUpEventType[];
