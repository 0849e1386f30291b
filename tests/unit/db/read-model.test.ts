/** The read model's SQL against a real PostgreSQL (a database of this file's own). */
import { ReadModelStore } from '../../../db/read-model/store';
import { readModelContent, type TReadModelRows } from '../../../workflows/read-model/rows';
import { actors, at, inReview } from '../engine/engine-fixture';
import type { TTask } from '../../../workflows/read-model/tasks';
import { EnterpriseDirectory } from '../../../service/enterprises/store';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';
import { testCreditCode } from '../../helpers/service';

let t: TestDatabase;
let store: ReadModelStore;
/** ent-a is in the enterprise directory; ent-unlisted (a project from before the directory) is not. */
const ENT_A = { name: '武汉甲企业有限公司', creditCode: testCreditCode('ent-a'), address: '武汉市', contacts: [{ name: '张三', phone: '027-1234 5678' }] };
beforeAll(async () => {
  t = await testDatabase();
  store = new ReadModelStore(t.db);
  await new EnterpriseDirectory(t.db).add('ent-a', ENT_A, 'confirmed', 'coordinator', new Date());
});
afterAll(() => t.drop());
beforeEach(() => store.clear());

const task = (over: Partial<TTask> & Pick<TTask, 'projectId'>): TTask => ({
  kind: 'approveReview',
  projectTitle: 'P',
  enterpriseId: 'ent-a',
  stageId: 'construction-permit',
  itemId: 'eia',
  materialId: null,
  title: 'EIA',
  status: 'inReview',
  dueAt: '2026-12-10T24:00:00+08:00',
  remainingWorkdays: 5,
  card: 'green',
  paused: false,
  actions: ['approveReview', 'rejectReview'],
  ...over,
});

function rows(
  projectId: string,
  seq: number,
  over: Partial<TReadModelRows['project']> = {},
  extra: Partial<Omit<TReadModelRows, 'seq' | 'project'>> = {},
): TReadModelRows {
  return {
    seq,
    project: {
      projectId,
      title: `项目 ${projectId}`,
      enterpriseId: 'ent-a',
      definitionId: 'wuhan-industrial',
      stageId: 'construction-permit',
      status: 'active',
      worstCard: 'green',
      nextDueAt: '2026-12-10T24:00:00+08:00',
      registeredAt: '2026-11-01T02:00:00.000Z',
      departments: ['ecology-environment', 'housing-construction'],
      pendingDepartments: ['ecology-environment'],
      ...over,
    },
    reviews: [],
    commitments: [],
    results: [],
    ratings: [],
    tasks: [],
    ...extra,
  };
}

const review = (itemId: string, departmentId: string, over: Partial<TReadModelRows['reviews'][number]> = {}): TReadModelRows['reviews'][number] => ({
  itemId,
  stageId: 'construction-permit',
  departmentId,
  title: `审查 ${itemId}`,
  status: 'approved',
  early: false,
  startedAt: '2026-11-02T02:00:00.000Z',
  promisedDueAt: '2026-11-10T24:00:00+08:00',
  legalDueAt: '2026-11-20T24:00:00+08:00',
  elapsed: 3,
  remaining: 2,
  card: 'green',
  paused: false,
  promisedLimit: 5,
  legalLimit: 20,
  yellowCards: 0,
  redCards: 0,
  ...over,
});

test('a write replaces the project only with a higher seq: a late or retried older write changes nothing', async () => {
  expect(
    await store.write(
      rows('p1', 2, { stageId: 'acceptance' }, { tasks: [{ audience: 'coordinator', task: task({ projectId: 'p1', kind: 'issueResults' }) }] }),
    ),
  ).toBe(true);
  expect(await store.write(rows('p1', 1, { stageId: 'preparation' }))).toBe(false);
  expect(await store.write(rows('p1', 2, { stageId: 'preparation' }))).toBe(false);
  let page = await store.listProjects({}, {}, 10);
  expect(page.projects.map((p) => p.stageId)).toEqual(['acceptance']);
  expect((await store.tasks('coordinator', 10)).tasks.map((x) => x.kind)).toEqual(['issueResults']);

  expect(await store.write(rows('p1', 3, { stageId: 'acceptance', status: 'complete' }))).toBe(true);
  page = await store.listProjects({}, {}, 10);
  expect(page.projects[0]!.status).toBe('complete');
  expect((await store.tasks('coordinator', 10)).total).toBe(0); // the newer rows have no tasks: the old ones are gone
  expect(await store.seqOf('p1')).toBe(3);
});

test("a newer write replaces every one of the project's row tables, and no other project's rows", async () => {
  const full = (projectId: string, seq: number) =>
    rows(
      projectId,
      seq,
      {},
      {
        reviews: [review('eia', 'ecology-environment')],
        commitments: [
          {
            itemId: 'eia',
            materialId: 'm1',
            departmentId: 'ecology-environment',
            status: 'open',
            dueAt: '2026-12-10T24:00:00+08:00',
            consequence: 'withhold-results',
            expiredAt: null,
          },
        ],
        results: [{ resultId: 'r1', itemId: 'eia', stageId: 'construction-permit', title: '批复', issuedAt: null }],
        ratings: [{ stageId: 'construction-permit', score: 5, comment: '', at: '2026-11-20T02:00:00.000Z', by: 'ent-a' }],
        tasks: [{ audience: 'coordinator', task: task({ projectId, kind: 'issueResults' }) }],
        intermediaries: [
          { serviceId: 's1', stageId: 'construction-permit', title: '测绘', providerName: null, selectedAt: null, deliveryOn: null, deliveredAt: null },
        ],
      },
    );
  await store.write(full('p3', 1));
  await store.write(full('p4', 1));
  expect(await store.write(rows('p3', 2, {}, { tasks: [{ audience: 'department:ecology-environment', task: task({ projectId: 'p3' }) }] }))).toBe(true);
  const dump = await store.dump();
  const tables = ['project_reviews', 'project_commitments', 'project_results', 'project_ratings', 'project_tasks', 'project_intermediaries'];
  const ofProject = (id: string) =>
    Object.fromEntries(tables.map((table) => [table, dump[table]!.filter((r) => (r as { project_id: string }).project_id === id).length]));
  expect(ofProject('p3')).toEqual({ ...Object.fromEntries(tables.map((table) => [table, 0])), project_tasks: 1 });
  expect(ofProject('p4')).toEqual(Object.fromEntries(tables.map((table) => [table, 1])));
});

test('concurrent writes of one project leave the highest seq, whatever order they finish in', async () => {
  await Promise.all([5, 3, 9, 1, 7].map((seq) => store.write(rows('p2', seq, { title: `v${seq}` }))));
  expect((await store.listProjects({}, {}, 10)).projects[0]!.title).toBe('v9');
});

test('lists: newest first, scoped by role, filtered, paged by cursor with the true total', async () => {
  for (let i = 0; i < 25; i += 1) {
    await store.write(
      rows(`p${String(i).padStart(2, '0')}`, 1, {
        registeredAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
        enterpriseId: i % 2 === 0 ? 'ent-a' : 'ent-b',
        worstCard: i % 5 === 0 ? 'red' : 'green',
        departments: i < 10 ? ['ecology-environment'] : ['housing-construction'],
        pendingDepartments: i < 3 ? ['ecology-environment'] : [],
        title: i === 7 ? '武汉光谷 100%_芯片 项目' : `项目 ${i}`,
      }),
    );
  }
  const first = await store.listProjects({}, {}, 10);
  expect(first.total).toBe(25);
  expect(first.projects.map((p) => p.id).slice(0, 3)).toEqual(['p24', 'p23', 'p22']);
  const second = await store.listProjects({}, {}, 10, first.next);
  const third = await store.listProjects({}, {}, 10, second.next);
  expect([...first.projects, ...second.projects, ...third.projects].map((p) => p.id)).toEqual(
    Array.from({ length: 25 }, (_, i) => `p${String(24 - i).padStart(2, '0')}`),
  );
  expect(third.next).toBeUndefined();

  expect((await store.listProjects({ enterpriseId: 'ent-b' }, {}, 100)).total).toBe(12);
  expect((await store.listProjects({ departmentId: 'ecology-environment' }, {}, 100)).total).toBe(10);
  expect((await store.listProjects({}, { card: 'red' }, 100)).projects.map((p) => p.id)).toEqual(['p20', 'p15', 'p10', 'p05', 'p00']);
  expect((await store.listProjects({}, { department: 'ecology-environment' }, 100)).total).toBe(3);
  // LIKE's wildcards in the caller's text are literal
  expect((await store.listProjects({}, { text: '100%_' }, 100)).projects.map((p) => p.id)).toEqual(['p07']);
  expect((await store.listProjects({}, { text: '%' }, 100)).total).toBe(1);
  expect((await store.listProjects({ enterpriseId: 'ent-a' }, { enterprise: 'ent-b' }, 100)).total).toBe(0);
});

test("an inbox is its audience's tasks of active projects, red before yellow before green, then fewest days left", async () => {
  const mine = (projectId: string, over: Partial<TTask>) => ({ audience: 'department:ecology-environment', task: task({ projectId, ...over }) });
  await store.write(
    rows('a', 1, {}, { tasks: [mine('a', { card: 'green', remainingWorkdays: 1 }), mine('a', { itemId: 'x', card: 'yellow', remainingWorkdays: 4 })] }),
  );
  await store.write(
    rows(
      'b',
      1,
      {},
      { tasks: [mine('b', { card: 'red', remainingWorkdays: -1 }), { audience: 'department:housing-construction', task: task({ projectId: 'b' }) }] },
    ),
  );
  await store.write(rows('c', 1, { status: 'withdrawn' }, { tasks: [mine('c', { card: 'red' })] }));
  await store.write(rows('d', 1, {}, { tasks: [mine('d', { card: 'green', remainingWorkdays: null, dueAt: null })] }));
  const inbox = await store.tasks('department:ecology-environment', 100);
  expect(inbox.total).toBe(4);
  expect(inbox.tasks.map((x) => `${x.projectId}:${x.card}:${x.remainingWorkdays}`)).toEqual(['b:red:-1', 'a:yellow:4', 'a:green:1', 'd:green:null']);
  expect(inbox.tasks[0]).toMatchObject({ projectTitle: '项目 b', dueAt: '2026-12-10T24:00:00+08:00', actions: ['approveReview', 'rejectReview'] });
  const page2 = await store.tasks('department:ecology-environment', 3, 3);
  expect(page2.tasks.map((x) => x.projectId)).toEqual(['d']);
  expect((await store.tasks('department:housing-construction', 100)).total).toBe(1);
});

test('supervision: counts, early completion, cards, averages and bad ratings, over every project', async () => {
  await store.write(
    rows(
      's1',
      1,
      { status: 'complete', stageId: 'acceptance', projectCode: '2103-330283-04-01-391515' },
      {
        reviews: [
          review('eia', 'ecology-environment', { elapsed: 3, promisedLimit: 5, yellowCards: 1 }),
          review('permit', 'housing-construction', { elapsed: 5, promisedLimit: 5, status: 'approvedWithConditions' }),
          review('never', 'housing-construction', {
            status: 'waiting',
            startedAt: null,
            promisedDueAt: null,
            legalDueAt: null,
            elapsed: null,
            remaining: null,
            card: null,
          }),
        ],
        ratings: [
          { stageId: 'preparation', score: 1, comment: '太慢', at: '2026-11-20T01:00:00.000Z', by: 'ent-a' },
          { stageId: 'acceptance', score: 5, comment: '', at: '2026-11-21T01:00:00.000Z', by: 'ent-a' },
        ],
      },
    ),
  );
  await store.write(
    rows('s2', 1, {}, { reviews: [review('eia', 'ecology-environment', { status: 'inReview', elapsed: 6, card: 'red', redCards: 1, yellowCards: 1 })] }),
  );
  const report = await store.supervision(new Date('2026-11-30T00:00:00Z'));
  expect(report.projects).toEqual({ total: 2, byStatus: { complete: 1, active: 1 }, byStage: { 'construction-permit': 1 } });
  expect(report.byDepartment.find((s) => s.key === 'ecology-environment')).toEqual({
    key: 'ecology-environment',
    title: 'ecology-environment',
    dispatched: 2,
    completed: 1,
    early: 1,
    earlyCompletionRate: 1,
    yellowCards: 2,
    redCards: 1,
    avgWorkdaysUsed: 3,
    avgPromisedLimit: 5,
    avgLegalLimit: 20,
    deliveredInTime: 0,
    deliveredLate: 0,
    deliveryOpen: 0,
    warningCards: 0,
    violationYellowCards: 0,
    violationRedCards: 0,
    reminders: 0,
    supervisionOrders: 0,
  });
  expect(report.byDepartment.find((s) => s.key === 'housing-construction')).toMatchObject({ dispatched: 1, completed: 1, early: 0, earlyCompletionRate: 0 });
  expect(report.byItem.map((s) => s.key)).toEqual(['eia', 'never', 'permit']);
  expect(report.ratings).toEqual({
    count: 2,
    average: 3,
    bad: [
      {
        projectId: 's1',
        projectTitle: '项目 s1',
        projectCode: '2103-330283-04-01-391515',
        enterpriseId: 'ent-a',
        enterpriseName: ENT_A.name,
        stageId: 'preparation',
        score: 1,
        comment: '太慢',
        at: '2026-11-20T01:00:00.000Z',
      },
    ],
  });
  // Per enterprise: keyed by its public credit code, titled by its name.
  expect(report.byEnterprise.map((s) => [s.key, s.title, s.dispatched, s.redCards])).toEqual([[ENT_A.creditCode, ENT_A.name, 3, 1]]);
});

test("lists and inboxes carry the enterprise's name from the directory (null when not listed); the search finds it by name", async () => {
  await store.write(rows('n1', 1, {}, { tasks: [{ audience: 'coordinator', task: task({ projectId: 'n1', kind: 'decideIntake' }) }] }));
  await store.write(rows('n2', 1, { enterpriseId: 'ent-unlisted', registeredAt: '2026-11-02T02:00:00.000Z' }));
  const page = await store.listProjects({}, {}, 10);
  expect(page.projects.map((p) => [p.id, p.enterpriseId, p.enterpriseName])).toEqual([
    ['n2', 'ent-unlisted', null],
    ['n1', 'ent-a', ENT_A.name],
  ]);
  const byName = await store.listProjects({}, { text: '甲企业' }, 10);
  expect([byName.total, byName.projects.map((p) => p.id)]).toEqual([1, ['n1']]);
  expect((await store.listProjects({ enterpriseId: 'ent-a' }, { status: 'active' }, 10)).total).toBe(1);
  expect((await store.tasks('coordinator', 10)).tasks.map((x) => [x.projectId, x.enterpriseName])).toEqual([['n1', ENT_A.name]]);
});

test('supervision counts deliveries (送达, art. 44) from the engine’s rows: in time, late, and still open', async () => {
  const e = inReview();
  const run = (actor: Parameters<typeof e.apply>[0], command: Parameters<typeof e.apply>[1], now: string) => {
    e.advanceTime(now);
    e.apply(actor, command, now);
  };
  run(actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03'));
  run(actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'));
  run(actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-04'));
  run(actors.coordinator, { type: 'deliverResult', itemId: 'eia', way: 'mailed' }, at('2026-03-05'));
  run(actors.coordinator, { type: 'deliverResult', itemId: 'land-planning', way: 'collected' }, at('2026-03-25'));
  // fire-design (early pre-review of the next stage) is still undecided; building-permit not dispatched: nothing to deliver.
  await store.write({ seq: 1, ...readModelContent(e, at('2026-03-25')) });
  const report = await store.supervision(new Date('2026-03-25T12:00:00Z'));
  const delivery = (key: string) => {
    const s = report.byItem.find((x) => x.key === key)!;
    return [s.deliveredInTime, s.deliveredLate, s.deliveryOpen];
  };
  expect([delivery('eia'), delivery('land-planning'), delivery('fire-design')]).toEqual([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ]);
});
