/**
 * Follow-up of bad ratings and complaints at the API (issue 15, item 6): a rating of 1–2 opens a
 * case for the rated stage's lead department; the coordinator calls back and verifies, the
 * department corrects, the coordinator closes; each party sees its own; supervision counts them.
 */
import { getDefinition } from '../../../definitions/process';
import { ReadModelStore } from '../../../db/read-model/store';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, seedUsers, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;

let app: Awaited<ReturnType<typeof testApp>>;
let gateway: MemoryGateway;
let tokens: Record<'coordinator' | 'entA' | 'entB' | 'lead' | 'other', string>;

beforeAll(async () => {
  // An account of the first stage's lead department (the department concerned by its ratings).
  await seedUsers(await testDb(), [{ username: 'lead-dept', displayName: '牵头部门', role: 'department', departmentId: stage.leadDepartment }]);
  gateway = new MemoryGateway(undefined, undefined, new ReadModelStore(await testDb()));
  app = await testApp({ projects: gateway as never });
  tokens = {
    coordinator: await login(app, 'coordinator'),
    entA: await login(app, 'ent-a'),
    entB: await login(app, 'ent-b'),
    lead: await login(app, 'lead-dept'),
    other: await login(app, 'dept-ecology-environment'),
  };
});

/** A project of ent-a whose first stage has ended (withdrawn), so it can be rated. */
async function endedProject(): Promise<string> {
  const created = await call(app, 'POST', '/api/projects', {
    token: tokens.coordinator,
    body: { title: '回访', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  const withdrawn = await call(app, 'POST', `/api/projects/${created.body.id}/events`, { token: tokens.entA, body: { type: 'withdraw', reason: '计划调整' } });
  expect(withdrawn.status).toBe(200);
  return created.body.id;
}

const rate = (id: string, score: number) =>
  call(app, 'POST', `/api/projects/${id}/events`, { token: tokens.entA, body: { type: 'rate', stageId: stage.id, score, comment: '等待太久' } });
const stepOf = (caseId: string, token: string, type: string) =>
  call(app, 'POST', `/api/follow-up-cases/${caseId}/steps`, { token, body: { type, note: '已处理' } });

test('a bad rating opens a case; called back, verified, corrected by the lead department, closed in time', async () => {
  const id = await endedProject();
  expect((await rate(id, 2)).status).toBe(200);
  const mine = (await call(app, 'GET', '/api/follow-up-cases', { token: tokens.entA })).body.cases.filter((c: { projectId: string }) => c.projectId === id);
  expect(mine).toHaveLength(1);
  const opened = mine[0];
  expect(opened).toMatchObject({ kind: 'rating', score: 2, state: 'callBack', departmentId: stage.leadDepartment, card: 'green', subject: '等待太久' });

  // Out of order or out of role: refused.
  expect((await stepOf(opened.id, tokens.coordinator, 'VERIFY')).status).toBe(409);
  expect((await stepOf(opened.id, tokens.lead, 'CALL_BACK')).status).toBe(409);
  expect((await stepOf(opened.id, tokens.coordinator, 'CALL_BACK')).status).toBe(200);
  expect((await stepOf(opened.id, tokens.coordinator, 'VERIFY')).status).toBe(200);
  expect((await stepOf(opened.id, tokens.coordinator, 'CORRECT')).status).toBe(409);
  expect((await stepOf(opened.id, tokens.lead, 'CORRECT')).status).toBe(200);
  const closed = await stepOf(opened.id, tokens.coordinator, 'CLOSE');
  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({ state: 'closed', remedy: 'corrected', closedInTime: true, card: null, stepDueOn: null });
  expect(closed.body.entries.map((e: { type: string }) => e.type)).toEqual(['CALL_BACK', 'VERIFY', 'CORRECT', 'CLOSE']);

  const figures = (await call(app, 'GET', '/api/supervision/follow-up', { token: tokens.coordinator })).body;
  expect(figures.badRatings).toMatchObject({ closed: 1, closedInTime: 1, rateClosedInTime: 1 });
});

test('a good rating (3–5) opens no case', async () => {
  const good = await endedProject();
  expect((await rate(good, 4)).status).toBe(200);
  const all = (await call(app, 'GET', '/api/follow-up-cases', { token: tokens.coordinator })).body.cases;
  expect(all.filter((c: { projectId: string }) => c.projectId === good)).toHaveLength(0);
});

test('each sees its own: the enterprise, the department concerned, the coordinator; others get 404', async () => {
  const id = await endedProject();
  expect((await rate(id, 1)).status).toBe(200);
  const [opened] = (await call(app, 'GET', '/api/follow-up-cases', { token: tokens.coordinator })).body.cases.filter(
    (c: { projectId: string }) => c.projectId === id,
  );
  expect((await call(app, 'GET', `/api/follow-up-cases/${opened.id}`, { token: tokens.entA })).status).toBe(200);
  expect((await call(app, 'GET', `/api/follow-up-cases/${opened.id}`, { token: tokens.lead })).status).toBe(200);
  expect((await call(app, 'GET', `/api/follow-up-cases/${opened.id}`, { token: tokens.entB })).status).toBe(404);
  if (stage.leadDepartment !== 'ecology-environment')
    expect((await call(app, 'GET', `/api/follow-up-cases/${opened.id}`, { token: tokens.other })).status).toBe(404);
  expect((await stepOf(opened.id, tokens.entB, 'CALL_BACK')).status).toBe(404);
  expect((await call(app, 'GET', '/api/supervision/follow-up', { token: tokens.entA })).status).toBe(403);
});

test("an enterprise complains about an event of its project; about another's project it is 404", async () => {
  const id = await endedProject();
  const history = (await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.entA })).body.entries;
  const complaint = await call(app, 'POST', '/api/follow-up-cases', {
    token: tokens.entA,
    body: { projectId: id, historySeq: history[0].seq, text: '窗口态度差' },
  });
  expect(complaint.status).toBe(201);
  expect(complaint.body).toMatchObject({ kind: 'complaint', state: 'callBack', subject: '窗口态度差', enterpriseId: 'ent-a' });
  expect((await call(app, 'POST', '/api/follow-up-cases', { token: tokens.entB, body: { projectId: id, text: '投诉' } })).status).toBe(404);
  expect((await call(app, 'POST', '/api/follow-up-cases', { token: tokens.coordinator, body: { projectId: id, text: '投诉' } })).status).toBe(403);
});

test('a step past its due date turns the card red and the case is not closed in time', async () => {
  const id = await endedProject();
  expect((await rate(id, 1)).status).toBe(200);
  const [opened] = (await call(app, 'GET', '/api/follow-up-cases', { token: tokens.coordinator })).body.cases.filter(
    (c: { projectId: string }) => c.projectId === id,
  );
  // The same service three weeks on: the call back (1 working day) is long overdue.
  const later = await testApp({ projects: gateway as never, now: () => new Date(Date.now() + 21 * 86_400_000) });
  const coordinator = await login(later, 'coordinator');
  expect((await call(later, 'GET', `/api/follow-up-cases/${opened.id}`, { token: coordinator })).body.card).toBe('red');
  expect((await call(later, 'GET', '/api/supervision/follow-up', { token: coordinator })).body.badRatings.openOverdue).toBeGreaterThanOrEqual(1);
  const lead = await login(later, 'lead-dept');
  for (const [token, type] of [
    [coordinator, 'CALL_BACK'],
    [coordinator, 'VERIFY'],
    [lead, 'EXPLAIN'],
    [coordinator, 'CLOSE'],
  ] as const) {
    expect((await call(later, 'POST', `/api/follow-up-cases/${opened.id}/steps`, { token, body: { type, note: '迟办' } })).status).toBe(200);
  }
  const closed = (await call(later, 'GET', `/api/follow-up-cases/${opened.id}`, { token: coordinator })).body;
  expect(closed).toMatchObject({ state: 'closed', remedy: 'explained', closedInTime: false });
  expect(closed.entries[0]).toMatchObject({ step: 'callBack', late: true });
});
