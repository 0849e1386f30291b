/** Delivery (送达, 行政许可法 art. 44): one decision delivered once, by the coordinator, its clock stopped at delivery. */
import { deliveryMachine, type DeliveryEvent } from '../../../workflows/machines/delivery.machine';
import { can, start } from '../../../workflows/engine/persisted';
import { startClock } from '../../../definitions/clock';
import type { TActor } from '../../../workflows/model/actor';
import { at, coordinator, department, enterprise, walk } from './support';

const open = () =>
  start(deliveryMachine, {
    itemId: 'eia',
    stageId: 'preparation',
    departmentId: 'ecology-environment',
    outcome: 'granted',
    decidedAt: at('10:00'),
    clock: startClock({ at: at('10:00'), legalLimit: 10, promisedLimit: 10, yellowAt: 3 }),
  });
const deliver = (actor: TActor): DeliveryEvent => ({ type: 'DELIVER', way: 'mailed', note: 'EMS 1234', actor, at: at('16:00', '2026-03-05') });

test('the coordinator delivers once, with the way and note; the clock stops then', () => {
  const delivered = walk(deliveryMachine, open(), [deliver(coordinator)]);
  expect(delivered).toMatchObject({
    value: 'delivered',
    context: { delivery: { way: 'mailed', note: 'EMS 1234', by: 'coord', at: at('16:00', '2026-03-05') } },
  });
  expect(delivered.context.clock.stoppedAt).toBe(at('16:00', '2026-03-05'));
  expect(can(deliveryMachine, delivered, deliver(coordinator))).toBe(false);
  for (const actor of [department, enterprise]) expect([actor.userId, can(deliveryMachine, open(), deliver(actor))]).toEqual([actor.userId, false]);
});
