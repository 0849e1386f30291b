/**
 * 预排工期: the planned schedule of a Wuhan project on a working-day calendar (a fake with the
 * 2026 holidays here; the CLI test uses the official one): item dates along dependencies, stage
 * windows, the critical path, the enterprise's preparation, re-planning from actual progress.
 */
import { definitionRef, parseDefinition, PlanError, planSchedule, wuhanIndustrial, ZPlan, type TPlan } from '../../../definitions/process';
import { fakeCalendar } from './fake-calendar';

const wuhan = parseDefinition(wuhanIndustrial);
const attributes = { floorArea: 5000, investment: 50000, eiaCategory: 'form', annualEnergyTce: 300, annualElectricityMwh: 2000 };
const item = (plan: TPlan, id: string) => {
  const found = plan.items.find((i) => i.itemId === id);
  if (!found) throw new Error(`${id} not planned`);
  return found;
};
const dates = (plan: TPlan, id: string) => {
  const i = item(plan, id);
  return [i.start, i.due];
};

describe('a project registered on Monday 2026-03-02', () => {
  const plan = planSchedule(wuhan, attributes, '2026-03-02', fakeCalendar);

  test('records the definition it was planned under', () => {
    expect(plan.definition).toEqual(definitionRef(wuhan));
    expect(ZPlan.parse(plan)).toEqual(plan);
  });

  test('items start when their stage opens or their predecessors finish, and are due after their promised working days', () => {
    expect(dates(plan, 'project-filing')).toEqual(['2026-03-02', '2026-03-02']);
    expect(dates(plan, 'land-pre-review')).toEqual(['2026-03-02', '2026-03-09']);
    expect(dates(plan, 'land-use-planning-permit')).toEqual(['2026-03-09', '2026-03-16']);
    expect(dates(plan, 'eia-form-approval')).toEqual(['2026-03-02', '2026-03-16']);
    expect(item(plan, 'land-use-planning-permit')).toMatchObject({ waitsFor: { kind: 'item', itemId: 'land-pre-review' }, legalDue: '2026-04-07' });
  });

  test('technical reviews start early, during the previous stage, once the site opinion exists (提前介入)', () => {
    expect(item(plan, 'drawing-review')).toMatchObject({
      start: '2026-03-09',
      due: '2026-03-23',
      earlyStart: true,
      waitsFor: { kind: 'item', itemId: 'land-pre-review' },
    });
    expect(dates(plan, 'construction-permit')).toEqual(['2026-03-23', '2026-03-26']);
  });

  test('the Qingming holidays (4–6 April) are not working days', () => {
    expect(dates(plan, 'completion-filing')).toEqual(['2026-04-02', '2026-04-08']);
    expect(dates(plan, 'first-registration')).toEqual(['2026-04-08', '2026-04-15']);
  });

  test('stage windows, the critical path and government working days within the 39-day ceiling', () => {
    expect(plan.stages.map((s) => [s.stageId, s.opens, s.start, s.end, s.governmentWorkdays, s.withinBudget])).toEqual([
      ['preparation', '2026-03-02', '2026-03-02', '2026-03-16', 10, true],
      ['construction-approval', '2026-03-16', '2026-03-09', '2026-03-26', 8, true],
      ['acceptance', '2026-03-26', '2026-03-26', '2026-04-15', 13, true],
    ]);
    expect(plan.criticalPath).toEqual([
      'land-pre-review',
      'land-use-planning-permit',
      'construction-planning-permit',
      'construction-permit',
      'planning-verification',
      'completion-filing',
      'first-registration',
    ]);
    expect(plan.items.filter((i) => i.critical).map((i) => i.itemId)).toEqual(plan.criticalPath);
    expect(plan).toMatchObject({ governmentWorkdays: 31, totalBudget: 39, withinBudget: true, end: '2026-04-15', spanWorkdays: 31, provisional: false });
  });

  test('items whose conditions are not met are skipped with the reason', () => {
    expect(plan.skipped.map((s) => s.itemId)).toEqual([
      'eia-report-approval',
      'energy-review',
      'civil-air-defence-design-review',
      'civil-air-defence-acceptance',
    ]);
    expect(plan.items).toHaveLength(13);
  });
});

test("the enterprise's own preparation delays a stage's opening but is not government time", () => {
  const plan = planSchedule(wuhan, attributes, '2026-03-02', fakeCalendar, { preparationDays: { acceptance: 60 } });
  const acceptance = plan.stages[2]!;
  // 60 working days after 26 March, skipping Qingming (6 Apr), Labour Day (1, 4, 5 May; Sat 9 May works)
  // and Dragon Boat (19 Jun).
  expect(acceptance).toMatchObject({ preparationDays: 60, opens: '2026-06-24' });
  expect(plan.governmentWorkdays).toBe(31);
  expect(plan.spanWorkdays).toBe(91);
});

test('re-planning from actual progress keeps actual dates and moves the rest', () => {
  const plan = planSchedule(wuhan, attributes, '2026-03-02', fakeCalendar, {
    actuals: {
      'project-filing': { startedOn: '2026-03-02', completedOn: '2026-03-02' },
      'land-pre-review': { startedOn: '2026-03-02', completedOn: '2026-03-04' },
    },
  });
  expect(item(plan, 'land-pre-review')).toMatchObject({ status: 'completed', due: '2026-03-04', waitsFor: { kind: 'actual' } });
  expect(dates(plan, 'land-use-planning-permit')).toEqual(['2026-03-04', '2026-03-11']);

  const late = planSchedule(wuhan, attributes, '2026-03-02', fakeCalendar, { actuals: { 'land-pre-review': { startedOn: '2026-03-02' } }, asOf: '2026-03-20' });
  // Still running on the 20th, past its due of the 9th: it finishes no earlier than today.
  expect(item(late, 'land-pre-review')).toMatchObject({ status: 'in-progress', due: '2026-03-20' });
  expect(item(late, 'land-use-planning-permit').start).toBe('2026-03-20');
  expect(late.asOf).toBe('2026-03-20');
});

test('a plan reaching into a year whose holiday notice is not loaded is provisional', () => {
  const plan = planSchedule(wuhan, attributes, '2026-12-01', fakeCalendar);
  expect(plan.provisional).toBe(true);
  expect(plan.end > '2026-12-31').toBe(true);
  expect(planSchedule(wuhan, attributes, '2026-03-02', fakeCalendar).provisional).toBe(false);
});

test('bad input is refused with every problem', () => {
  expect(() => planSchedule(wuhan, { floorArea: 'big', height: 3 }, '2026-3-2', fakeCalendar, { preparationDays: { design: 5 } })).toThrow(PlanError);
  try {
    planSchedule(wuhan, { floorArea: 'big', height: 3 }, '2026-3-2', fakeCalendar, {
      preparationDays: { design: 5 },
      actuals: { 'energy-review': { completedOn: '2026-03-05' } },
    });
  } catch (err) {
    expect((err as PlanError).problems).toEqual([
      { path: 'start', message: "expected a date YYYY-MM-DD, got '2026-3-2'" },
      { path: 'attributes.floorArea', message: 'expected a number, got "big"' },
      { path: 'attributes.height', message: expect.stringMatching(/^unknown attribute 'height'/) },
      { path: 'preparationDays.design', message: expect.stringMatching(/^unknown stage 'design'/) },
    ]);
  }
  expect.assertions(2);
});

test('a date that does not exist, or one outside the calendar, is a planning problem, not a crash', () => {
  expect(() => planSchedule(wuhan, attributes, '2026-02-30', fakeCalendar)).toThrow(/start: expected a date YYYY-MM-DD, got '2026-02-30'/);
  const narrow = {
    ...fakeCalendar,
    addWorkdays: (date: string, n: number) => {
      if (date < '2020-01-01') throw new RangeError(`${date} is outside the calendar`);
      return fakeCalendar.addWorkdays(date, n);
    },
  };
  try {
    planSchedule(wuhan, attributes, '2019-06-03', narrow);
    throw new Error('planned outside the calendar');
  } catch (err) {
    expect(err).toBeInstanceOf(PlanError);
    expect((err as PlanError).problems).toEqual([{ path: 'calendar', message: '2019-06-03 is outside the calendar' }]);
  }
});
