/**
 * Agents (代办) at the API (issue 15, item 5): an agent acts on exactly the projects a delegation
 * covers, as their enterprise, recorded as "agent X for enterprise Y"; outside it (another
 * project, expired, revoked) the project does not exist for it (404), at once. Its inbox holds
 * the tasks of the projects its delegations cover.
 */
import { getDefinition } from '../../../definitions/process';
import { defaultCalendar } from '../../../definitions/calendar/official';
import { ReadModelStore } from '../../../db/read-model/store';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, seedUsers, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const today = defaultCalendar().dateOf(Date.now());
const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let app: Awaited<ReturnType<typeof testApp>>;
let coordinator: string;
let agent: string;
const ids: Record<'a1' | 'a2' | 'b1', string> = { a1: '', a2: '', b1: '' };

beforeAll(async () => {
  await seedUsers(await testDb(), [{ username: 'agent-li', displayName: '代办李', role: 'agent' }]);
  const gateway = new MemoryGateway(undefined, undefined, new ReadModelStore(await testDb()));
  app = await testApp({ projects: gateway as never });
  coordinator = await login(app, 'coordinator');
  agent = await login(app, 'agent-li');
  for (const [key, enterpriseId] of [
    ['a1', 'ent-a'],
    ['a2', 'ent-a'],
    ['b1', 'ent-b'],
  ] as const) {
    const created = await call(app, 'POST', '/api/projects', {
      token: coordinator,
      body: { title: `代办 ${key}`, definitionId: 'wuhan-industrial', enterpriseId, attributes: ATTRIBUTES },
    });
    expect(created.status).toBe(201);
    ids[key] = created.body.id;
  }
  const applicable = new Set((await call(app, 'GET', `/api/projects/${ids.a1}`, { token: coordinator })).body.reviews.map((r: { itemId: string }) => r.itemId));
  materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
});

const delegate = (body: object, token = coordinator) => call(app, 'POST', '/api/delegations', { token, body });
let materials: string[] = [];
const submit = () => ({ type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例'])), materials });

test('an agent acts on exactly its delegated project, as the enterprise, recorded as agent X for enterprise Y', async () => {
  const recorded = await delegate({ agentUsername: 'agent-li', enterpriseId: 'ent-a', projectIds: [ids.a1], validFrom: shift(-1), validTo: shift(30) });
  expect(recorded.status).toBe(201);
  expect((await call(app, 'GET', `/api/projects/${ids.a1}`, { token: agent })).status).toBe(200);
  // Its inbox: the delegated project's tasks (apply), not those of ent-a's other project nor of ent-b's.
  const inbox = await call(app, 'GET', '/api/tasks', { token: agent });
  expect(inbox.status).toBe(200);
  expect(inbox.body.tasks.map((t: { projectId: string; kind: string }) => [t.projectId, t.kind])).toEqual([[ids.a1, 'submitApplication']]);
  // Another project of the same enterprise, another enterprise's project: not there for it.
  expect((await call(app, 'GET', `/api/projects/${ids.a2}`, { token: agent })).status).toBe(404);
  expect((await call(app, 'GET', `/api/projects/${ids.b1}`, { token: agent })).status).toBe(404);
  expect((await call(app, 'POST', `/api/projects/${ids.a2}/events`, { token: agent, body: submit() })).status).toBe(404);

  const applied = await call(app, 'POST', `/api/projects/${ids.a1}/events`, { token: agent, body: submit() });
  expect(applied.status).toBe(200);
  const history = (await call(app, 'GET', `/api/projects/${ids.a1}/history`, { token: coordinator })).body;
  const entry = (history.entries ?? history).find((h: { actor: { userId: string } }) => h.actor.userId === 'agent-li');
  expect(entry.actor).toMatchObject({ userId: 'agent-li', role: 'enterprise', enterpriseId: 'ent-a', onBehalfOf: 'ent-a' });
  // As the enterprise, not more: a coordinator's decision stays refused.
  const intake = await call(app, 'POST', `/api/projects/${ids.a1}/events`, {
    token: agent,
    body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' },
  });
  expect(intake.status).toBe(403);
  // The list shows the delegated project only.
  const list = await call(app, 'GET', '/api/projects', { token: agent, headers: { 'X-On-Behalf-Of': 'ent-a' } });
  expect(list.status).toBe(200);
  expect(list.body.projects.map((p: { id: string }) => p.id)).toEqual([ids.a1]);
  // Nothing of its own beyond its delegations.
  expect((await call(app, 'GET', '/api/enterprises', { token: agent })).status).toBe(403);
  expect((await call(app, 'GET', '/api/definitions', { token: agent })).status).toBe(200); // reference data, the same for everyone
  expect((await call(app, 'POST', '/api/calendar/overrides', { token: agent, body: {} })).status).toBe(403);
  expect((await call(app, 'GET', '/api/delegations/mine', { token: agent })).body.delegations).toHaveLength(1);

  // Revoked: gone at once.
  expect((await call(app, 'POST', `/api/delegations/${recorded.body.id}/revoke`, { token: coordinator })).status).toBe(200);
  expect((await call(app, 'GET', `/api/projects/${ids.a1}`, { token: agent })).status).toBe(404);
  expect((await call(app, 'POST', `/api/projects/${ids.a1}/events`, { token: agent, body: submit() })).status).toBe(404);
  expect((await call(app, 'GET', '/api/tasks', { token: agent })).body.tasks).toEqual([]);
});

test('an expired delegation, or one not yet begun, covers nothing (404)', async () => {
  expect((await delegate({ agentUsername: 'agent-li', enterpriseId: 'ent-b', validFrom: shift(-30), validTo: shift(-1) })).status).toBe(201);
  expect((await delegate({ agentUsername: 'agent-li', enterpriseId: 'ent-b', validFrom: shift(2), validTo: shift(30) })).status).toBe(201);
  expect((await call(app, 'GET', `/api/projects/${ids.b1}`, { token: agent })).status).toBe(404);
});

test("a coordinator's 帮办 acts as agent only when it says so, on a delegation to its own account", async () => {
  expect((await call(app, 'POST', `/api/projects/${ids.a2}/events`, { token: coordinator, body: submit() })).status).toBe(403);
  const asAgent = { 'X-On-Behalf-Of': 'ent-a' };
  expect((await call(app, 'POST', `/api/projects/${ids.a2}/events`, { token: coordinator, body: submit(), headers: asAgent })).status).toBe(404);
  expect((await delegate({ agentUsername: 'coordinator', enterpriseId: 'ent-a', validFrom: shift(0), validTo: shift(0) })).status).toBe(201);
  expect((await call(app, 'POST', `/api/projects/${ids.a2}/events`, { token: coordinator, body: submit(), headers: asAgent })).status).toBe(200);
  const history = (await call(app, 'GET', `/api/projects/${ids.a2}/history`, { token: coordinator })).body;
  expect(
    (history.entries ?? history).some(
      (h: { actor: { userId: string; onBehalfOf?: string } }) => h.actor.userId === 'coordinator' && h.actor.onBehalfOf === 'ent-a',
    ),
  ).toBe(true);
});

test('only a coordinator records delegations, and only to an agent or a coordinator', async () => {
  const enterprise = await login(app, 'ent-a');
  const body = { agentUsername: 'agent-li', enterpriseId: 'ent-a', validFrom: shift(0), validTo: shift(1) };
  expect((await delegate(body, enterprise)).status).toBe(403);
  expect((await delegate(body, agent)).status).toBe(403);
  expect((await delegate({ ...body, agentUsername: 'dept-ecology-environment' })).status).toBe(400);
  expect((await delegate({ ...body, validTo: shift(-1) })).status).toBe(400);
});
