/**
 * The service when the engine misbehaves, on a real dev server (issue 11, parts 4 and 5): a
 * decision whose Update outlives the request is answered 202 and applied once; a decision on an
 * ended project is 409; with the worker gone /api/health says so within seconds and reads answer
 * 503 with Retry-After, not 500. The dev server here runs with a 5 s long poll (as `npm start`
 * runs it), so a live idle worker re-polls every 5 s.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { getDefinition } from '../../definitions/process';
import type { createApp } from '../../service/app';
import { ProjectGateway } from '../../service/projects/gateway';
import type { TPublicUser } from '../../service/users/store';
import { createWorker } from '../../worker/create-worker';
import type { TActor } from '../../workflows/model/actor';
import type { TCommand } from '../../workflows/model/commands';
import { projectWorkflowId } from '../../workflows/messages';
import { SEARCH_ATTRIBUTE_FLAGS } from '../../scripts/search-attribute-flags';
import { eventually } from '../helpers/eventually';
import { createDevServerEnv } from '../helpers/servers';
import { call, login, stateApp, testServiceState, type TestServiceState } from '../helpers/service';
import { workflowBundle } from '../helpers/worker';
import { MemoryOutbox, MemoryReadModel, type TCreditRecordEntry, type THandover, type TNotification, type TUndelivered } from '../../activities';

const definition = getDefinition('wuhan-industrial')!;
const stage = definition.stages[0]!;
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const ENT = `ent-out-${randomUUID().slice(0, 6)}`;
const USERS: TPublicUser[] = [
  { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
  { username: ENT, displayName: '企业', role: 'enterprise', enterpriseId: ENT },
];
/** The server's long poll: a live worker's pollers are seen at least this often. */
export const LONG_POLL = ['--dynamic-config-value', 'matching.longPollExpirationInterval="5s"'];

let env: TestWorkflowEnvironment;
let state: TestServiceState;
const taskQueue = `test-outages-${randomUUID()}`;
const deps = {
  outbox: new MemoryOutbox<TNotification>(),
  supervision: new MemoryOutbox<THandover>(),
  undelivered: new MemoryOutbox<TUndelivered>(),
  credit: new MemoryOutbox<TCreditRecordEntry>(),
  readModel: new MemoryReadModel(),
  calendar: buildOfficialSnapshot,
};
let worker: Worker;
let running: Promise<void>;
/** Called by the gateway just before an Update is sent (the worker dies between the check and the Update). */
let beforeUpdate: () => Promise<void> = async () => undefined;

class Gateway extends ProjectGateway {
  override async decide(projectId: string, actor: TActor, command: TCommand, updateId: string) {
    await beforeUpdate();
    return super.decide(projectId, actor, command, updateId);
  }
}

async function startWorker(): Promise<void> {
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
}

async function stopWorker(): Promise<void> {
  worker.shutdown();
  await running;
}

let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  env = await createDevServerEnv([...SEARCH_ATTRIBUTE_FLAGS, ...LONG_POLL]);
  state = await testServiceState(USERS);
  await startWorker();
  app = stateApp(state, { projects: new Gateway(env.client, taskQueue, { workerStaleMs: 15_000, updateDeadlineMs: 4_000 }), webRoot: false });
  for (const u of USERS) tokens[u.username] = await login(app, u.username);
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') await stopWorker();
  await env?.teardown();
  await state?.drop();
});

async function register(): Promise<string> {
  const created = await call(app, 'POST', '/api/projects', {
    token: tokens.coordinator,
    body: { title: '引擎故障', definitionId: 'wuhan-industrial', enterpriseId: ENT, attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

test('a decision on an ended project (its workflow closed) → 409 PROJECT_ENDED with the reason, while GET still answers 200', async () => {
  const id = await register();
  const withdrawn = await call(app, 'POST', `/api/projects/${id}/events`, { token: tokens[ENT], body: { type: 'withdraw', reason: '项目取消' } });
  expect(withdrawn.status).toBe(200);
  // The workflow stays open for the enterprise's ratings of the stages that ended; rating them closes it.
  const stages = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens[ENT] })).body.stages;
  for (const s of stages.filter((x: { status: string }) => ['complete', 'rejected', 'withdrawn'].includes(x.status))) {
    expect((await call(app, 'POST', `/api/projects/${id}/rating`, { token: tokens[ENT], body: { stageId: s.stageId, score: 4, comment: '好' } })).status).toBe(
      200,
    );
  }
  const closed = await eventually(
    async () => (await env.client.workflow.getHandle(projectWorkflowId(id)).describe()).status.name,
    (s) => s !== 'RUNNING',
    30_000,
  );
  expect(closed).toBe('COMPLETED');

  const late = await call(app, 'POST', `/api/projects/${id}/events`, { token: tokens[ENT], body: { type: 'withdraw', reason: '再次撤回' } });
  expect([late.status, late.body.error.code]).toEqual([409, 'PROJECT_ENDED']);
  expect(late.body.error.message).toMatch(/has ended/);
  expect((await call(app, 'GET', `/api/projects/${id}`, { token: tokens[ENT] })).status).toBe(200);
});

test('the worker dies while a decision is sent → 202 with the minted key and a Location; once a worker is back the poll answers the state, and resending with the key applies it once (2 days stay 2)', async () => {
  const id = await register();
  const events = `/api/projects/${id}/events`;
  const materials = [...new Set(stage.items.flatMap((i) => i.materials.map((m) => m.id)))];
  const detail = async () => (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body;
  const applicable = new Set((await detail()).reviews.map((r: { itemId: string }) => r.itemId));
  const submit = {
    type: 'submitApplication',
    stageId: stage.id,
    form: Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例'])),
    materials: materials.filter((m) => stage.items.some((i) => applicable.has(i.id) && i.materials.some((x) => x.id === m))),
  };
  expect((await call(app, 'POST', events, { token: tokens[ENT], body: submit })).status).toBe(200);
  expect((await call(app, 'POST', events, { token: tokens.coordinator, body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' } })).status).toBe(
    200,
  );

  beforeUpdate = async () => {
    beforeUpdate = async () => undefined;
    await stopWorker();
  };
  const extend = { type: 'requestJointExtension', itemId: 'eia-form-approval', days: 2, reason: '需现场核查' };
  const sent = await call(app, 'POST', events, { token: tokens.coordinator, body: extend });
  expect(sent.status).toBe(202);
  const key = sent.headers.get('idempotency-key')!;
  expect(key).toBeTruthy();
  expect(sent.headers.get('location')).toBe(`/api/projects/${id}/events/${key}`);

  await startWorker();
  const polled = await eventually(
    async () => call(app, 'GET', sent.headers.get('location')!, { token: tokens.coordinator }),
    (r) => r.status !== 202,
    60_000,
  );
  expect(polled.status).toBe(200);
  expect(polled.body.recorded.map((h: { type: string }) => h.type)).toContain('extensionRequested');
  const days = (body: any) => body.reviews.find((r: { itemId: string }) => r.itemId === 'eia-form-approval').extensionRequest.days;
  expect(days(await detail())).toBe(2);

  const resent = await call(app, 'POST', events, { token: tokens.coordinator, body: extend, headers: { 'Idempotency-Key': key } });
  expect(resent.status).toBe(200);
  expect(days(await detail())).toBe(2);
});

test('with the worker gone, /api/health reports it within seconds (not after 5 minutes), and a read answers 503 with Retry-After, not 500', async () => {
  const id = await register();
  // Healthy first (once Temporal has seen the worker's first poll), then the worker goes.
  const up = await eventually(
    async () => call(app, 'GET', '/api/health'),
    (r) => r.status === 200,
    30_000,
  );
  expect(up.body).toMatchObject({ status: 'ok', worker: 'ok' });
  await stopWorker();
  const stoppedAt = Date.now();
  const health = await eventually(
    async () => call(app, 'GET', '/api/health'),
    (r) => r.status === 503,
    40_000,
  );
  expect(health.body).toMatchObject({ status: 'degraded', temporal: 'ok', worker: 'no-pollers' });
  expect(Date.now() - stoppedAt).toBeLessThan(30_000);

  const read = await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator });
  expect([read.status, read.body.error.code]).toEqual([503, 'UNAVAILABLE']);
  expect(Number(read.headers.get('retry-after'))).toBeGreaterThan(0);

  await startWorker();
  await eventually(
    async () => (await call(app, 'GET', '/api/health')).status,
    (s) => s === 200,
    30_000,
  );
});
