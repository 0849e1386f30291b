/**
 * The forecast's model: observed days drive the dates, dependencies serialise, holidays move
 * them, corrections wait for the enterprise, the seed fixes the answer, and without observations
 * the definition's promised limits stand in and say so.
 */
import { projectView } from '../../../workflows/engine/view';
import { forecastProject, ZForecast, type TForecastLimits } from '../../../workflows/forecast/forecast';
import { indexObservations, NO_OBSERVATIONS, type TObservation } from '../../../workflows/forecast/observations';
import type { TProjectSpec, TSpecItem } from '../../../workflows/model/spec';
import { at, calendar, fileAndAccept, newEngine } from './world';

const item = (id: string, departmentId: string, promisedLimit: number, dependsOn: string[] = []): TSpecItem => ({
  id,
  title: id,
  departmentId,
  legalLimit: promisedLimit * 2,
  promisedLimit,
  yellowAt: 1,
  materials: [{ id: `${id}-form`, title: `${id} 申请表`, kind: 'core' }],
  results: [{ id: `${id}-result`, title: `${id} 批复` }],
  dependsOn,
  requiresResults: [],
  earlyStart: false,
});

const oneStage = (items: TSpecItem[]): TProjectSpec => ({
  definition: { id: 'forecast-test', version: 1, hash: 'test' },
  intakeLimit: 5,
  stages: [{ id: 'only', title: '唯一阶段', leadDepartmentId: 'a', formFields: [], skipped: [], items }],
});
const limits = (budget: number): TForecastLimits => ({ total: budget, stages: { only: budget } });
const always = (departmentId: string, itemId: string, days: number, n = 20): TObservation[] =>
  Array.from({ length: n }, () => ({ departmentId, itemId, days, promisedLimit: 10 }));

/** The project accepted on `date` (its reviews dispatched) and forecast at 10:00 that day. */
function forecastFrom(spec: TProjectSpec, date: string, observations: TObservation[], budget = 39, seed?: number) {
  const engine = newEngine(spec, date);
  fileAndAccept(engine, 'only', at(date));
  return forecastProject({
    view: projectView(engine, at(date)),
    spec,
    limits: limits(budget),
    calendar,
    observations: indexObservations({ reviews: observations, queues: {} }),
    now: at(date),
    seed,
  });
}

describe('forecast of a project', () => {
  it('a department that always takes 3 working days finishes the item 3 working days after dispatch', () => {
    // Monday 2026-03-02: three working days later is Thursday 2026-03-05; results issued that day or the next.
    const f = forecastFrom(oneStage([item('a', 'dept-a', 10)]), '2026-03-02', always('dept-a', 'a', 3));
    expect(ZForecast.parse(f)).toEqual(f);
    expect(f.finish.p10).toBe('2026-03-05');
    expect(['2026-03-05', '2026-03-06']).toContain(f.finish.p50);
    expect(f.governmentWorkdays).toEqual({ p50: 3, p90: 3 });
    expect(f.basis.items).toEqual([{ itemId: 'a', departmentId: 'dept-a', status: 'inReview', source: 'item', observations: 20, queue: 0 }]);
  });

  it('dependencies serialise: two 3-day items in a chain take 6 working days, side by side 3', () => {
    const observations = [...always('dept-a', 'a', 3), ...always('dept-b', 'b', 3)];
    const chained = forecastFrom(oneStage([item('a', 'dept-a', 10), item('b', 'dept-b', 10, ['a'])]), '2026-03-02', observations);
    const parallel = forecastFrom(oneStage([item('a', 'dept-a', 10), item('b', 'dept-b', 10)]), '2026-03-02', observations);
    expect(chained.governmentWorkdays.p50).toBe(6);
    expect(chained.finish.p10).toBe('2026-03-10');
    expect(parallel.governmentWorkdays.p50).toBe(3);
    expect(parallel.finish.p10).toBe('2026-03-05');
  });

  it('a holiday week moves the date: 5 working days from 2026-09-30 end after National Day, not a week later', () => {
    const spec = oneStage([item('a', 'dept-a', 10)]);
    const plain = forecastFrom(spec, '2026-09-09', always('dept-a', 'a', 5));
    const holiday = forecastFrom(spec, '2026-09-30', always('dept-a', 'a', 5));
    expect(plain.finish.p10).toBe('2026-09-16');
    // 1–7 October are off and Saturday 10 October works (国务院 2026 notice): 8, 9, 10, 12, 13 October.
    expect(holiday.finish.p10).toBe('2026-10-13');
  });

  it('the limits: a stage that always needs 6 days keeps a 6-day budget and misses a 5-day one', () => {
    const observations = [...always('dept-a', 'a', 3), ...always('dept-b', 'b', 3)];
    const spec = oneStage([item('a', 'dept-a', 10), item('b', 'dept-b', 10, ['a'])]);
    expect(forecastFrom(spec, '2026-03-02', observations, 6).ceiling).toEqual({ limit: 6, probability: 1 });
    expect(forecastFrom(spec, '2026-03-02', observations, 5).ceiling).toEqual({ limit: 5, probability: 0 });
    expect(forecastFrom(spec, '2026-03-02', observations, 5).stages[0]!.promised).toEqual({ limit: 20, probability: 1 });
  });

  it('an item in correction waits for the enterprise before its department finishes', () => {
    const spec = oneStage([item('a', 'dept-a', 10)]);
    const engine = newEngine(spec, '2026-03-02');
    fileAndAccept(engine, 'only', at('2026-03-02'));
    engine.apply(
      { userId: 'd', role: 'department', departmentId: 'dept-a' },
      { type: 'requestCorrection', itemId: 'a', materials: ['a-form'], reason: '缺页' },
      at('2026-03-03'),
    );
    const forecast = (now: string) =>
      forecastProject({
        view: projectView(engine, now),
        spec,
        limits: limits(39),
        calendar,
        observations: indexObservations({ reviews: always('dept-a', 'a', 3), queues: {} }),
        now,
      });
    const f = forecast(at('2026-03-03'));
    // Without the wait it would end 2026-03-05; the enterprise's 1–10 days come first.
    expect(f.finish.p10 > '2026-03-05').toBe(true);
    expect(f.governmentWorkdays.p50).toBe(3);
    expect(f.basis.items[0]!.status).toBe('correction');
  });

  it('the same seed gives the same forecast; another seed a different draw', () => {
    const spec = oneStage([item('a', 'dept-a', 10), item('b', 'dept-b', 8, ['a'])]);
    const spread = [1, 2, 4, 6, 9, 12].flatMap((days) => always('dept-a', 'a', days, 3));
    const one = forecastFrom(spec, '2026-03-02', spread, 12, 1);
    expect(forecastFrom(spec, '2026-03-02', spread, 12, 1)).toEqual(one);
    const others = [2, 3, 4, 5].map((seed) => forecastFrom(spec, '2026-03-02', spread, 12, seed).ceiling.probability);
    expect(new Set([one.ceiling.probability, ...others]).size).toBeGreaterThan(1);
  });

  it('without observations the promised limit stands in, with the spread stated', () => {
    const spec = oneStage([item('a', 'dept-a', 10)]);
    const engine = newEngine(spec, '2026-03-02');
    fileAndAccept(engine, 'only', at('2026-03-02'));
    const f = forecastProject({
      view: projectView(engine, at('2026-03-02')),
      spec,
      limits: limits(39),
      calendar,
      observations: NO_OBSERVATIONS,
      now: at('2026-03-02'),
    });
    expect(f.basis.items[0]).toMatchObject({ source: 'definition', observations: 0 });
    expect(f.basis.assumptions.join(' ')).toMatch(/40–120 %/);
    // 4..12 days, most likely 8.
    expect(f.governmentWorkdays.p50).toBeGreaterThanOrEqual(6);
    expect(f.governmentWorkdays.p50).toBeLessThanOrEqual(9);
    expect(f.governmentWorkdays.p90).toBeLessThanOrEqual(12);
  });

  it("a busy department's queue slows its reviews", () => {
    const spec = oneStage([item('a', 'dept-a', 10)]);
    const engine = newEngine(spec, '2026-03-02');
    fileAndAccept(engine, 'only', at('2026-03-02'));
    const withQueues = (queues: Record<string, number>) =>
      forecastProject({
        view: projectView(engine, at('2026-03-02')),
        spec,
        limits: limits(39),
        calendar,
        observations: indexObservations({ reviews: always('dept-a', 'a', 8), queues }),
        now: at('2026-03-02'),
      }).governmentWorkdays.p50;
    expect(withQueues({ 'dept-a': 10, 'dept-b': 10 })).toBe(8);
    // Twice the average queue (40 against 20): a quarter slower.
    expect(withQueues({ 'dept-a': 40, 'dept-b': 10, 'dept-c': 10 })).toBe(10);
  });

  it("an early pre-review finished before its stage opens uses none of the stage's budget", () => {
    const early = { ...item('x', 'dept-x', 10), earlyStart: true };
    const spec: TProjectSpec = {
      definition: { id: 'forecast-test', version: 1, hash: 'test' },
      intakeLimit: 5,
      stages: [
        { id: 'first', title: '一', leadDepartmentId: 'a', formFields: [], skipped: [], items: [item('a', 'dept-a', 10)] },
        { id: 'second', title: '二', leadDepartmentId: 'a', formFields: [], skipped: [], items: [early, item('y', 'dept-y', 10)] },
      ],
    };
    const engine = newEngine(spec, '2026-03-02');
    fileAndAccept(engine, 'first', at('2026-03-02'));
    const view = projectView(engine, at('2026-03-02'));
    expect(view.reviews.find((r) => r.itemId === 'x')).toMatchObject({ status: 'inReview', early: true });
    const observations = [...always('dept-a', 'a', 5), ...always('dept-x', 'x', 4), ...always('dept-y', 'y', 3)];
    const f = forecastProject({
      view,
      spec,
      limits: { total: 39, stages: { first: 5, second: 3 } },
      calendar,
      observations: indexObservations({ reviews: observations, queues: {} }),
      now: at('2026-03-02'),
    });
    // The pre-review's 4 days end before the second stage opens (5 days for the first, then the application): only y's 3 count.
    expect(f.stages[1]!.governmentWorkdays).toEqual({ p50: 3, p90: 3 });
    expect(f.stages[1]!.ceiling).toEqual({ limit: 3, probability: 1 });
  });
});
