/**
 * Delivery (送达) of one item's decision to the enterprise, 行政许可法 art. 44: the licence (or
 * the refusal) within 10 working days of the decision. The clock is the legal clock of the
 * reviews (same counting, same cards); the coordinator records how it was delivered, since the
 * one window hands out every result (统一出件).
 */
import { type StateValueFrom, assign, setup } from 'xstate';
import type { TClockState } from '../../definitions/clock';
import { stopClock } from '../engine/clock';
import type { Stamp } from './events';

export type TDeliveryWay = 'collected' | 'mailed' | 'electronic';

export interface DeliveryContext {
  itemId: string;
  stageId: string;
  departmentId: string;
  /** What is delivered: the licence (准予) or the decision refusing it (不予). */
  outcome: 'granted' | 'refused';
  decidedAt: string;
  clock: TClockState;
  delivery: { way: TDeliveryWay; note: string | null; by: string; at: string } | null;
}

export type DeliveryEvent = { type: 'DELIVER'; way: TDeliveryWay; note?: string } & Stamp;

export const deliveryMachine = setup({
  types: { context: {} as DeliveryContext, events: {} as DeliveryEvent, input: {} as Omit<DeliveryContext, 'delivery'> },
}).createMachine({
  id: 'delivery',
  context: ({ input }) => ({ ...input, delivery: null }),
  initial: 'open',
  states: {
    open: {
      on: {
        DELIVER: {
          guard: ({ event }) => event.actor.role === 'coordinator',
          target: 'delivered',
          actions: assign({
            clock: ({ context, event }) => stopClock(context.clock, event.at),
            delivery: ({ event }) => ({ way: event.way, note: event.note ?? null, by: event.actor.userId, at: event.at }),
          }),
        },
      },
    },
    delivered: { type: 'final' },
  },
});

export type DeliveryStatus = StateValueFrom<typeof deliveryMachine>;
