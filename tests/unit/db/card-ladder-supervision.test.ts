/**
 * Supervision (电子监察) counts every level of a card ladder: warnings, yellow and red cards,
 * violation cards, reminders and 督办, from the engine's rows; and lists the 督办 still open
 * with their deadlines and the project's 项目代码, earliest first, until the review is decided.
 */
import { ReadModelStore } from '../../../db/read-model/store';
import { readModelContent } from '../../../workflows/read-model/rows';
import { ladderSpec } from '../../fixtures/ladder-spec';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';
import { actors, ALL_PREP, at, inReview, run } from '../engine/engine-fixture';

let database: TestDatabase | undefined;
/** One database for the file, made on first use. */
async function readModel(): Promise<ReadModelStore> {
  database ??= await testDatabase();
  return new ReadModelStore(database.db);
}
afterAll(() => database?.drop());

test('warnings, yellow and red cards, violation cards, reminders and 督办 per item; the open 督办 listed until the decision', async () => {
  const store = await readModel();
  const e = inReview(ALL_PREP, at('2026-03-02'), undefined, ladderSpec);
  run(e, actors.enterprise, { type: 'setProjectCode', projectCode: '2103-330283-04-01-391515' }, at('2026-03-02'));
  // The workflow wakes at each instant the ladder announces; here, once a day.
  for (let day = 3; day <= 17; day++) e.advanceTime(at(`2026-03-${String(day).padStart(2, '0')}`, '08:00'));
  run(e, actors.coordinator, { type: 'issueSupervisionOrder', itemId: 'land-planning', days: 2, reason: '逾期未办结' }, at('2026-03-17'));
  run(e, actors.coordinator, { type: 'giveViolationCard', itemId: 'eia', level: 'yellow', violation: 'other', reason: '未一次告知' }, at('2026-03-18'));
  e.advanceTime(at('2026-03-20'));
  await store.write({ seq: 1, ...readModelContent(e, at('2026-03-20')) });
  const report = await store.supervision(new Date('2026-03-20T04:00:00Z'));
  const figures = (key: string) => {
    const s = report.byItem.find((x) => x.key === key)!;
    return [s.warningCards, s.yellowCards, s.redCards, s.violationYellowCards, s.violationRedCards, s.reminders, s.supervisionOrders];
  };
  // land-planning: promised due 16 March (warning, two reminders, yellow), 督办 due 19 March (red); eia: due 23 March.
  expect([figures('land-planning'), figures('eia')]).toEqual([
    [1, 1, 1, 0, 0, 2, 1],
    [1, 0, 0, 1, 0, 1, 0],
  ]);
  expect(report.openSupervisionOrders).toEqual([
    {
      projectId: 'p-1',
      projectTitle: '测试项目',
      // The export names the project by its 项目代码 as well.
      projectCode: '2103-330283-04-01-391515',
      itemId: 'land-planning',
      title: '建设用地规划许可证',
      departmentId: 'planning',
      deadlineAt: new Date('2026-03-19T16:00:00Z').toISOString(),
      overdue: true,
    },
  ]);

  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-20'));
  await store.write({ seq: 2, ...readModelContent(e, at('2026-03-20')) });
  expect((await store.supervision(new Date('2026-03-20T04:00:00Z'))).openSupervisionOrders).toEqual([]);
});

test('a project without a ladder given a 督办: counted, listed open and overdue once its deadline passes, and no card from it', async () => {
  const store = await readModel();
  await store.clear();
  const e = inReview();
  run(e, actors.coordinator, { type: 'issueSupervisionOrder', itemId: 'land-planning', days: 2, reason: '督办' }, at('2026-03-03'));
  e.advanceTime(at('2026-03-06'));
  await store.write({ seq: 1, ...readModelContent(e, at('2026-03-06')) });
  const before = await store.supervision(new Date('2026-03-05T04:00:00Z'));
  expect(before.openSupervisionOrders).toEqual([
    expect.objectContaining({ itemId: 'land-planning', deadlineAt: new Date('2026-03-05T16:00:00Z').toISOString(), overdue: false }),
  ]);
  const report = await store.supervision(new Date('2026-03-06T04:00:00Z'));
  expect(report.openSupervisionOrders).toEqual([expect.objectContaining({ itemId: 'land-planning', departmentId: 'planning', overdue: true })]);
  const s = report.byItem.find((x) => x.key === 'land-planning')!;
  expect([s.warningCards, s.yellowCards, s.redCards, s.reminders, s.supervisionOrders]).toEqual([0, 0, 0, 0, 1]);
});

test('a project without a ladder writes zeros and no 督办', async () => {
  const store = await readModel();
  await store.clear();
  const e = inReview();
  e.advanceTime(at('2026-03-13'));
  e.advanceTime(at('2026-03-20'));
  await store.write({ seq: 1, ...readModelContent(e, at('2026-03-20')) });
  const report = await store.supervision(new Date('2026-03-20T04:00:00Z'));
  const s = report.byItem.find((x) => x.key === 'land-planning')!;
  expect([s.warningCards, s.yellowCards, s.redCards, s.reminders, s.supervisionOrders]).toEqual([0, 1, 1, 0, 0]);
  expect(report.openSupervisionOrders).toEqual([]);
});
