/**
 * 预排工期 with intermediary services (中介服务, issue 16): each service is a window of the
 * enterprise's time apart from government time; moved earlier it runs beside the preparation
 * stage, otherwise the stage it serves opens only once the deliverable is in. Government working
 * days are never increased by it.
 */
import { parseDefinition, PlanError, planSchedule, wuhanIndustrial, ZPlan, type TPlan } from '../../../definitions/process';
import { parkDefinition } from '../../fixtures/park-definition';
import { fakeCalendar } from './fake-calendar';

const attributes = { floorArea: 5000, investment: 50000, eiaCategory: 'form', annualEnergyTce: 300, annualElectricityMwh: 2000 };
const START = '2026-03-02';

/** The park fixture's fire-design service with `days` working days, moved into preparation or not. */
function withService(days: number, movedEarlier: boolean) {
  const d = parkDefinition();
  const service = d.stages[1].intermediaries[0];
  service.days = days;
  if (!movedEarlier) delete service.startsIn;
  return parseDefinition(d);
}
const government = (plan: TPlan) => ({
  items: plan.items.map((i) => [i.itemId, i.start, i.due]),
  stages: plan.stages.map((s) => [s.stageId, s.governmentWorkdays]),
  total: plan.governmentWorkdays,
});

const plain = planSchedule(parseDefinition(wuhanIndustrial), attributes, START, fakeCalendar);

describe('an 8-day fire design moved into preparation', () => {
  const plan = planSchedule(withService(8, true), attributes, START, fakeCalendar);

  test('runs beside the preparation stage, from the project start, as intermediary time', () => {
    expect(ZPlan.parse(plan)).toEqual(plan);
    expect(plan.intermediaries).toEqual([
      expect.objectContaining({
        serviceId: 'fire-design-service',
        stageId: 'construction-approval',
        startsInStageId: 'preparation',
        movedEarlier: true,
        start: '2026-03-02',
        end: '2026-03-12',
        workdays: 8,
        status: 'planned',
        delaysOpening: false,
      }),
    ]);
    expect(plan.intermediaryWorkdays).toBe(8);
  });

  test('delays nothing: every government date and the government working days are those of the plan without it', () => {
    expect(government(plan)).toEqual(government(plain));
    expect(plan.stages[1]).toMatchObject({ opens: '2026-03-16' });
    expect(plan.stages[1]!.waitsForService).toBeUndefined();
    expect(plan.end).toBe(plain.end);
  });
});

describe('the same service not moved earlier', () => {
  const plan = planSchedule(withService(8, false), attributes, START, fakeCalendar);

  test('starts when preparation for its stage begins and holds the stage opening until delivery', () => {
    expect(plan.intermediaries![0]).toMatchObject({
      startsInStageId: 'construction-approval',
      movedEarlier: false,
      start: '2026-03-16',
      end: '2026-03-26',
      delaysOpening: true,
    });
    expect(plan.stages[1]).toMatchObject({ opens: '2026-03-26', waitsForService: 'fire-design-service' });
    expect(plan.end > plain.end).toBe(true);
    expect(plan.spanWorkdays).toBeGreaterThan(plain.spanWorkdays);
  });

  test('the waiting is not government time: no stage and not the project count more government working days', () => {
    plan.stages.forEach((s, k) => expect(s.governmentWorkdays).toBeLessThanOrEqual(plain.stages[k]!.governmentWorkdays));
    expect(plan.governmentWorkdays).toBeLessThanOrEqual(plain.governmentWorkdays);
    expect(plan.governmentWorkdays).toBeLessThanOrEqual(plan.totalBudget);
  });
});

describe('a chosen provider', () => {
  test('the agreed delivery date ends the window; a late agreement delays the stage', () => {
    const plan = planSchedule(withService(8, true), attributes, START, fakeCalendar, {
      intermediaries: { 'fire-design-service': { selectedOn: '2026-03-03', deliveryOn: '2026-03-20' } },
    });
    expect(plan.intermediaries![0]).toMatchObject({ start: '2026-03-03', end: '2026-03-20', status: 'agreed', workdays: 13, delaysOpening: true });
    expect(plan.stages[1]).toMatchObject({ opens: '2026-03-20', waitsForService: 'fire-design-service' });
  });

  test('re-planned as of a day past the agreed date, the delivery is expected no earlier than that day', () => {
    const plan = planSchedule(withService(8, true), attributes, START, fakeCalendar, {
      asOf: '2026-03-25',
      intermediaries: { 'fire-design-service': { selectedOn: '2026-03-03', deliveryOn: '2026-03-20' } },
    });
    expect(plan.intermediaries![0]).toMatchObject({ end: '2026-03-25', status: 'agreed' });
  });

  test('an unknown service or a bad date is a PlanError naming it', () => {
    const bad = () => planSchedule(withService(8, true), attributes, START, fakeCalendar, { intermediaries: { nope: { deliveryOn: '2026-02-30' } } });
    expect(bad).toThrow(PlanError);
    expect(bad).toThrow(/intermediaries\.nope/);
  });
});

test('a definition without intermediary services plans no windows', () => {
  expect(plain.intermediaries).toBeUndefined();
  expect(plain.intermediaryWorkdays).toBeUndefined();
});
