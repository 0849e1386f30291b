/**
 * Idempotency-Key records in PostgreSQL: a command retried on another replica, after a
 * restart, or sent twice at once applies once and answers the first answer; the same key with
 * another body is refused; a failure lets go of the key.
 */
import { getDefinition } from '../../../definitions/process';
import { AppError } from '../../../service/errors';
import { IdempotencyStore } from '../../../service/idempotency';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

type TResult = { applied: number };

async function replicas(n: number, options = {}) {
  const db = await testDb();
  return Array.from({ length: n }, () => new IdempotencyStore<TResult>(db, options));
}

test('a retry on another replica gets the first answer and does not apply again', async () => {
  const [a, b] = await replicas(2);
  let applied = 0;
  const command = async () => ({ applied: ++applied });
  expect(await a!.run('ent-a|p-1|key-1', 'fp', command)).toEqual({ value: { applied: 1 }, replayed: false });
  expect(await b!.run('ent-a|p-1|key-1', 'fp', command)).toEqual({ value: { applied: 1 }, replayed: true });
  expect(applied).toBe(1);
});

test('two replicas receiving the same command at the same moment apply it once; both answer the same', async () => {
  const [a, b] = await replicas(2, { pollMs: 10 });
  let applied = 0;
  const slow = async () => {
    applied++;
    await new Promise((r) => setTimeout(r, 200));
    return { applied };
  };
  const [first, second] = await Promise.all([a!.run('ent-a|p-1|key-2', 'fp', slow), b!.run('ent-a|p-1|key-2', 'fp', slow)]);
  expect(applied).toBe(1);
  expect(first.value).toEqual(second.value);
  expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
});

test('the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED', async () => {
  const [a, b] = await replicas(2);
  await a!.run('ent-a|p-1|key-3', 'fp-1', async () => ({ applied: 1 }));
  const err = await b!.run('ent-a|p-1|key-3', 'fp-2', async () => ({ applied: 2 })).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('IDEMPOTENCY_KEY_REUSED');
});

test('a refused command is not remembered: the retry runs again', async () => {
  const [a, b] = await replicas(2);
  await expect(a!.run('ent-a|p-1|key-4', 'fp', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  expect(await b!.run('ent-a|p-1|key-4', 'fp', async () => ({ applied: 1 }))).toEqual({ value: { applied: 1 }, replayed: false });
});

test('a first attempt left pending (its replica died) does not block the key forever: the retry applies it (the Update id deduplicates)', async () => {
  const db = await testDb();
  await db
    .insertInto('idempotency_records')
    .values({ scope: 'ent-a|p-1|key-5', fingerprint: 'fp', status: 'pending', result: null, created_at: new Date().toISOString() })
    .execute();
  const [b] = await replicas(1, { pendingWaitMs: 100, pollMs: 20 });
  expect(await b!.run('ent-a|p-1|key-5', 'fp', async () => ({ applied: 1 }))).toEqual({ value: { applied: 1 }, replayed: true });
  expect(await b!.run('ent-a|p-1|key-5', 'fp', async () => ({ applied: 2 }))).toEqual({ value: { applied: 1 }, replayed: true });
});

test('over HTTP: a command retried on the other replica applies once and is answered as a replay', async () => {
  const engine = new MemoryGateway(); // stands for Temporal, shared by both replicas (it does not deduplicate by Update id)
  const replicaA = await testApp({ projects: engine.asGateway() });
  const replicaB = await testApp({ projects: engine.asGateway() });
  const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
  const created = await call(replicaA, 'POST', '/api/projects', {
    token: await login(replicaA, 'coordinator'),
    body: { title: '幂等', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  const stage = getDefinition('wuhan-industrial')!.stages[0]!;
  const submit = { type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例'])), materials: [] };
  const token = await login(replicaA, 'ent-a');
  const send = (app: typeof replicaA, body: unknown) =>
    call(app, 'POST', `/api/projects/${created.body.id}/events`, { token, body, headers: { 'Idempotency-Key': 'submit-1' } });

  const first = await send(replicaA, submit);
  expect([first.status, first.headers.get('idempotent-replayed')]).toEqual([200, null]);
  const retry = await send(replicaB, submit);
  expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
  expect(retry.body.stages).toEqual(first.body.stages);
  const history = await call(replicaB, 'GET', `/api/projects/${created.body.id}/history`, { token });
  expect(JSON.stringify(history.body).match(/submitApplication/g)).toHaveLength(1);

  const other = await send(replicaB, { ...submit, form: { ...submit.form, [stage.form.fields[0]!.id]: '另一个' } });
  expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
});

test('a key is remembered for a day, then forgotten (the Update id still deduplicates within the workflow)', async () => {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const db = await testDb();
  const store = new IdempotencyStore<TResult>(db, { now: () => now });
  await store.run('ent-a|p-1|key-6', 'fp', async () => ({ applied: 1 }));
  now += 23 * 60 * 60_000;
  expect((await store.run('ent-a|p-1|key-6', 'fp', async () => ({ applied: 2 }))).value).toEqual({ applied: 1 });
  now += 2 * 60 * 60_000;
  expect(await store.prune()).toBeGreaterThanOrEqual(1);
  expect(await store.run('ent-a|p-1|key-6', 'fp-other', async () => ({ applied: 3 }))).toEqual({ value: { applied: 3 }, replayed: false });
});

test('a record older than a day is taken over by the next request with its key: it applies and is remembered anew', async () => {
  let now = Date.parse('2026-03-03T09:00:00Z');
  const db = await testDb();
  const store = new IdempotencyStore<TResult>(db, { now: () => now });
  await store.run('ent-a|p-1|key-7', 'fp', async () => ({ applied: 1 }));
  await store.recorded();
  now += 25 * 60 * 60_000;
  // Another replica: its claim forgets the expired record (whether or not its prune got there first).
  const other = new IdempotencyStore<TResult>(db, { now: () => now });
  expect(await other.run('ent-a|p-1|key-7', 'fp-other', async () => ({ applied: 2 }))).toEqual({ value: { applied: 2 }, replayed: false });
  await other.recorded();
  expect(await store.run('ent-a|p-1|key-7', 'fp-other', async () => ({ applied: 3 }))).toEqual({ value: { applied: 2 }, replayed: true });
});
