/**
 * The follow-up sweep (service/follow-up/sweep.ts) on a fixed clock: a bad rating answered 202
 * (pending) has its case opened once the read model shows the rating; a step's reminder comes
 * the working day before its last day, its yellow card on that day and its red card after it,
 * each raised once however often (and by however many sweeps) it runs; a new step starts afresh.
 */
import { getDefinition } from '../../../definitions/process';
import { defaultCalendar } from '../../../definitions/calendar/official';
import { ReadModelStore } from '../../../db/read-model/store';
import { FollowUpCases } from '../../../service/follow-up/cases';
import { FollowUpSweep } from '../../../service/follow-up/sweep';
import { DecisionPending } from '../../../service/projects/gateway';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;

/** The service's clock: Monday 2 March 2026, 10:00 in Beijing, moved by the tests. */
let clock = new Date('2026-03-02T02:00:00Z');
const on = (date: string) => {
  clock = new Date(`${date}T10:00:00+08:00`);
};
let app: Awaited<ReturnType<typeof testApp>>;
let gateway: MemoryGateway;
let tokens: Record<'coordinator' | 'entA', string>;
/** A sweep as a service replica (or the same service after a restart) makes it: nothing kept between runs but PostgreSQL. */
const sweep = async () => {
  const db = await testDb();
  return new FollowUpSweep({ db, cases: new FollowUpCases(db, defaultCalendar, () => clock), projects: gateway }).run();
};

beforeAll(async () => {
  gateway = new MemoryGateway(() => clock, undefined, new ReadModelStore(await testDb()));
  app = await testApp({ projects: gateway as never, now: () => clock });
  tokens = { coordinator: await login(app, 'coordinator'), entA: await login(app, 'ent-a') };
});

/** A project of ent-a whose first stage has ended (withdrawn), so it can be rated. */
async function endedProject(): Promise<string> {
  const created = await call(app, 'POST', '/api/projects', {
    token: tokens.coordinator,
    body: { title: '回访提醒', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  expect(
    (await call(app, 'POST', `/api/projects/${created.body.id}/events`, { token: tokens.entA, body: { type: 'withdraw', reason: '计划调整' } })).status,
  ).toBe(200);
  return created.body.id;
}

/** Tokens expire an hour after they are issued on the service's clock: one from now. */
const coordinator = () => login(app, 'coordinator');
const casesOf = async (id: string) =>
  (await call(app, 'GET', '/api/follow-up-cases', { token: await coordinator() })).body.cases.filter((c: { projectId: string }) => c.projectId === id);
const noticesOf = async (id: string) =>
  (await casesOf(id))[0].notices.map((n: { step: string; kind: string; at: string }) => [n.step, n.kind, n.at.slice(0, 10)]);

test('a bad rating answered 202 opens its case at the next sweep, once', async () => {
  on('2026-03-02');
  const id = await endedProject();
  // The workflow records the rating, but the service's answer is 202: it opens no case itself.
  const decide = gateway.decide.bind(gateway);
  gateway.decide = async (projectId, actor, command, updateId) => {
    await decide(projectId, actor, command, updateId);
    throw new DecisionPending(updateId ?? 'pending');
  };
  try {
    const rated = await call(app, 'POST', `/api/projects/${id}/events`, {
      token: tokens.entA,
      body: { type: 'rate', stageId: stage.id, score: 1, comment: '材料退回三次' },
    });
    expect(rated.status).toBe(202);
  } finally {
    gateway.decide = decide;
  }
  expect(await casesOf(id)).toEqual([]);

  expect((await sweep()).opened).toBeGreaterThanOrEqual(1);
  expect(await casesOf(id)).toEqual([
    expect.objectContaining({ kind: 'rating', score: 1, subject: '材料退回三次', departmentId: stage.leadDepartment, state: 'callBack' }),
  ]);
  await sweep();
  expect(await casesOf(id)).toHaveLength(1);
});

test('reminder the day before a step is due, yellow on its last day, red after; each once; the next step starts afresh', async () => {
  on('2026-03-02');
  const id = await endedProject();
  expect((await call(app, 'POST', `/api/projects/${id}/events`, { token: tokens.entA, body: { type: 'rate', stageId: stage.id, score: 2 } })).status).toBe(200);
  const [opened] = await casesOf(id);
  // Call back: 1 working day, so due Tuesday 3 March; Monday is the day before.
  expect(opened).toMatchObject({ stepDueOn: '2026-03-03', notices: [] });
  await sweep();
  expect(await noticesOf(id)).toEqual([['callBack', 'reminder', '2026-03-02']]);
  on('2026-03-03');
  await sweep();
  await sweep();
  expect(await noticesOf(id)).toEqual([
    ['callBack', 'reminder', '2026-03-02'],
    ['callBack', 'yellow', '2026-03-03'],
  ]);
  on('2026-03-04');
  const late = await sweep();
  expect(late.raised.filter((n) => n.caseId === opened.id).map((n) => n.kind)).toEqual(['red']);
  expect((await sweep()).raised.filter((n) => n.caseId === opened.id)).toEqual([]);

  // Called back on Wednesday, late; verify has 3 working days: due Monday 9 March, reminded on Friday 6th.
  const step = await call(app, 'POST', `/api/follow-up-cases/${opened.id}/steps`, {
    token: await coordinator(),
    body: { type: 'CALL_BACK', note: '已电话回访' },
  });
  expect(step.body).toMatchObject({ state: 'verify', stepDueOn: '2026-03-09', card: 'green' });
  await sweep();
  on('2026-03-05');
  await sweep();
  expect((await noticesOf(id)).filter(([s]: string[]) => s === 'verify')).toEqual([]);
  on('2026-03-06');
  await sweep();
  expect((await noticesOf(id)).filter(([s]: string[]) => s === 'verify')).toEqual([['verify', 'reminder', '2026-03-06']]);
});

test('a sweep that missed days (the service was down) raises the red card once, not the reminders it missed', async () => {
  on('2026-03-02');
  const id = await endedProject();
  expect((await call(app, 'POST', `/api/projects/${id}/events`, { token: tokens.entA, body: { type: 'rate', stageId: stage.id, score: 1 } })).status).toBe(200);
  on('2026-03-10');
  await Promise.all([sweep(), sweep()]);
  expect(await noticesOf(id)).toEqual([['callBack', 'red', '2026-03-10']]);
});
