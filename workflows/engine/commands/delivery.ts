/**
 * Delivery (送达, 行政许可法 art. 44): each decided item's licence, or its refusal, reaches the
 * enterprise within 10 working days of the decision. For a granted item the decision takes
 * effect when the stage's results are issued together (统一出件: the window issues every
 * licence of the stage at once), for a refused one when the department refuses. The
 * coordinator records the delivery, with its way; the clock and its cards are the reviews'.
 */
import { startClock } from '../clock';
import { deliveryMachine } from '../../machines/delivery.machine';
import { type TOffer, rightfulActor } from '../action';
import { can, start, step } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { LEGAL_ACTS_RULES } from '../guards';
import { DecisionRefused } from '../refusal';
import type { THandlers } from './handler';

/** Art. 44: ten days from the decision; the same yellow warning as a short review. */
export const DELIVERY_LIMIT_DAYS = 10;
export const DELIVERY_YELLOW_AT = 3;

const WAY_LABEL = { collected: '窗口领取', mailed: '邮寄送达', electronic: '电子送达' } as const;

/** Opens the delivery clock of a decided item (projects under LEGAL_ACTS_RULES or later). */
export function openDelivery(engine: ProjectEngine, itemId: string, outcome: 'granted' | 'refused', now: string): void {
  if (engine.rules < LEGAL_ACTS_RULES) return;
  const { item, stage } = engine.specItem(itemId);
  const clock = startClock({ at: now, legalLimit: DELIVERY_LIMIT_DAYS, promisedLimit: DELIVERY_LIMIT_DAYS, yellowAt: DELIVERY_YELLOW_AT });
  engine.raw.deliveries = {
    ...(engine.raw.deliveries ?? {}),
    [itemId]: start(deliveryMachine, { itemId, stageId: stage.id, departmentId: item.departmentId, outcome, decidedAt: now, clock }),
  };
}

export const deliveryHandlers: THandlers<'deliverResult'> = {
  deliverResult(engine, actor, command, now) {
    const { itemId, way, note } = command;
    const { item } = engine.specItem(itemId);
    const delivery = engine.raw.deliveries?.[itemId];
    if (!delivery) throw new DecisionRefused(`itemId: no decision of ${itemId} waits for delivery`, 'NOT_ALLOWED_NOW', 'itemId');
    const next = step(deliveryMachine, delivery, { type: 'DELIVER', actor, at: now, way, ...(note ? { note } : {}) });
    if (!next) throw new DecisionRefused(`itemId: the decision of ${itemId} is already delivered`, 'NOT_ALLOWED_NOW', 'itemId');
    engine.raw.deliveries = { ...engine.raw.deliveries, [itemId]: next };
    const what = delivery.context.outcome === 'granted' ? 'licence' : 'refusal decision';
    engine.record(actor, now, 'resultDelivered', `${what} delivered (${WAY_LABEL[way]})${note ? `: ${note}` : ''}`, { itemId });
    engine.notify('enterprise', `${item.title}: ${what} delivered (${WAY_LABEL[way]})`, now);
  },
};

/** The deliveries open now: the coordinator's. */
export function deliveryOffers(engine: ProjectEngine): TOffer[] {
  const actor = rightfulActor(engine, 'deliverResult');
  return Object.values(engine.raw.deliveries ?? {})
    .filter((d) => can(deliveryMachine, d, { type: 'DELIVER', actor, at: '', way: 'collected' }))
    .map((d) => ({ action: { type: 'deliverResult', itemId: d.context.itemId }, departmentId: d.context.departmentId }));
}
