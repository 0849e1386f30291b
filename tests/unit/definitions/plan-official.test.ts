/**
 * The acceptance check: the default definition planned from a given start on the
 * official working-day calendar keeps its critical path within 39 working days.
 */
import { defaultCalendar } from '../../../definitions/calendar/official';
import { getDefinition, planSchedule } from '../../../definitions/process';
import { fakeCalendar, isWorkday } from './fake-calendar';

const wuhan = getDefinition('wuhan-industrial')!;
const attributes = { floorArea: 20000, investment: 80000, eiaCategory: 'report', annualEnergyTce: 1500 };

test('the Wuhan plan from 2026-03-02 on the official calendar: critical path within 39 working days', () => {
  const plan = planSchedule(wuhan, attributes, '2026-03-02', defaultCalendar());
  expect(plan.governmentWorkdays).toBeLessThanOrEqual(39);
  expect(plan.withinBudget).toBe(true);
  expect(plan.provisional).toBe(false);
  for (const item of plan.items) expect([item.itemId, defaultCalendar().isWorkday(item.due) || item.promisedLimit === 0]).toEqual([item.itemId, true]);
});

test('the official calendar and the test fake agree on 2026, so the fake-calendar plans hold on the real one', () => {
  const official = defaultCalendar();
  for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    expect([date, official.isWorkday(date)]).toEqual([date, isWorkday(date)]);
  }
  const small = { floorArea: 5000, investment: 50000, eiaCategory: 'form', annualEnergyTce: 300, annualElectricityMwh: 2000 };
  const { definition: _a, ...onOfficial } = planSchedule(wuhan, small, '2026-03-02', official);
  const { definition: _b, ...onFake } = planSchedule(wuhan, small, '2026-03-02', fakeCalendar);
  expect(onOfficial).toEqual(onFake);
});
