/**
 * Abuse limits (issue 11, part 6): a flood of logins is refused quickly instead of stalling
 * everyone's; enterprises have quotas on registrations and uploads, counted in PostgreSQL so
 * every replica agrees; an enterprise cannot choose (and so cannot probe) project ids; every
 * response carries security headers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDefinition } from '../../../definitions/process';
import { MaterialStore } from '../../../service/materials/store';
import { DEFAULT_QUOTAS, QuotaStore, type TQuotaLimits } from '../../../service/quotas';
import { DEFAULT_HASH_LIMITS, hashPassword, setHashLimits } from '../../../service/users/passwords';
import { userRow } from '../../../service/users/store';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, PASSWORD, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const ECO = stage.items.find((i) => i.id === 'eia-form-approval')!.materials.find((m) => !m.providedByResult)!.id;
const PDF = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 0x20)]);

const dataDir = mkdtempSync(join(tmpdir(), 'limits-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function rig(limits: Partial<TQuotaLimits> = {}) {
  const db = await testDb();
  await db.deleteFrom('quota_usage' as never).execute();
  const engine = new MemoryGateway();
  const quotas = { ...DEFAULT_QUOTAS, ...limits };
  // Two replicas on one database, each with a quota store of its own.
  const replica = async () =>
    testApp({ projects: engine.asGateway(), quotas: new QuotaStore(db, quotas), materials: new MaterialStore(db, join(dataDir, 'uploads')) });
  const a = await replica();
  const b = await replica();
  const tokens: Record<string, string> = {};
  for (const u of ['coordinator', 'ent-a', 'ent-b']) tokens[u] = await login(a, u);
  const register = (app: typeof a, as: string, extra: object = {}) =>
    call(app, 'POST', '/api/projects', {
      token: tokens[as],
      body: { title: '配额', definitionId: 'wuhan-industrial', attributes: ATTRIBUTES, ...(as === 'coordinator' ? { enterpriseId: 'ent-a' } : {}), ...extra },
    });
  return { a, b, tokens, register, engine };
}

test('an enterprise registering more than its daily quota → 429 QUOTA_EXCEEDED with Retry-After, counted across replicas; others are not affected', async () => {
  const { a, b, register } = await rig({ registrationsPerDay: 3 });
  const answers = await Promise.all([register(a, 'ent-a'), register(b, 'ent-a'), register(a, 'ent-a'), register(b, 'ent-a'), register(a, 'ent-a')]);
  expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 429, 429]);
  const refused = answers.find((r) => r.status === 429)!;
  expect(refused.body.error.code).toBe('QUOTA_EXCEEDED');
  expect(refused.body.error.message).toMatch(/3 project registrations a day/);
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(23 * 3600);
  expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
  expect((await register(b, 'ent-b')).status).toBe(201);
  expect((await register(a, 'coordinator')).status).toBe(201);
});

test('uploads over the per-project quota → 429 with Retry-After; a failed upload is not counted', async () => {
  const { a, tokens, register } = await rig({ uploadFilesPerProjectPerDay: 2, uploadBytesPerDay: 3000 });
  const id = (await register(a, 'ent-a')).body.id;
  const second = (await register(a, 'ent-a')).body.id;
  const upload = (projectId: string, bytes: Buffer, type = 'application/pdf') => {
    const f = new FormData();
    f.set('stageId', stage.id);
    f.set('materialId', ECO);
    f.set('file', new File([new Uint8Array(bytes)], 'a.pdf', { type }));
    return call(a, 'POST', `/api/projects/${projectId}/materials`, { token: tokens['ent-a'], body: f });
  };
  expect((await upload(id, PDF(100), 'text/plain')).status).toBe(415); // refused before it is counted
  expect((await upload(id, PDF(100))).status).toBe(201);
  expect((await upload(id, PDF(100))).status).toBe(201);
  const third = await upload(id, PDF(100));
  expect([third.status, third.body.error.code, third.body.error.issues[0].path]).toEqual([429, 'QUOTA_EXCEEDED', 'file']);
  expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  // In total over the enterprise's projects: 3000 bytes a day.
  const big = await upload(second, PDF(2900));
  expect([big.status, big.body.error.message]).toEqual([429, expect.stringMatching(/over all the enterprise's projects/)]);
});

test('an enterprise may not choose a project id (403 naming projectId), whether or not the id is taken; a coordinator may', async () => {
  const { a, register } = await rig();
  const taken = (await register(a, 'ent-a')).body.id;
  const probeTaken = await register(a, 'ent-b', { projectId: taken });
  const probeFree = await register(a, 'ent-b', { projectId: 'free-id-123' });
  expect([probeTaken.status, probeTaken.body.error.issues[0].path]).toEqual([403, 'projectId']);
  expect(probeFree.body).toEqual(probeTaken.body);
  const own = await register(a, 'ent-b');
  expect([own.status, own.body.id]).toEqual([201, expect.stringMatching(/^p\d{8}-[0-9a-f]{8}$/)]);
  expect((await register(a, 'coordinator', { projectId: 'city-case-42' })).body.id).toBe('city-case-42');
});

test('every response carries security headers: API answers, refusals and the web app', async () => {
  const { a, tokens } = await rig();
  for (const res of [
    await call(a, 'GET', '/api/health'),
    await call(a, 'GET', '/api/me', { token: tokens['ent-a'] }),
    await call(a, 'GET', '/api/nope'),
    await call(a, 'GET', '/'),
  ]) {
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  }
});

test('a flood of 16 logins at once: the excess is refused at once with 503 and Retry-After instead of stalling everyone; a login after it succeeds', async () => {
  const db = await testDb();
  // Sixteen accounts whose hashes take a noticeable moment (64 MiB), as real ones do (128 MiB, a few hundred ms).
  const passwordHash = await hashPassword(PASSWORD, { N: 2 ** 16, r: 8, p: 1 });
  const flood = Array.from({ length: 16 }, (_, i) => `ent-flood-${i}`);
  await db
    .insertInto('users')
    .values(flood.map((username) => userRow({ username, displayName: '洪水', role: 'enterprise', enterpriseId: username, passwordHash })))
    .execute();
  const app = await testApp();
  setHashLimits({ concurrency: 1, maxWaitMs: 300 });
  try {
    const attempt = async (username: string) => {
      const started = Date.now();
      const res = await call(app, 'POST', '/api/auth/login', { body: { username, password: PASSWORD } });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
    };
    const answers = await Promise.all(flood.map(attempt));
    const busy = answers.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((r) => Number(r.retryAfter) >= 1)).toBe(true);
    expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    expect((await attempt('ent-flood-0')).status).toBe(200);
  } finally {
    setHashLimits(DEFAULT_HASH_LIMITS);
  }
});
