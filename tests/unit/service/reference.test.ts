/** Definitions, calendar, health and the OpenAPI document through the HTTP API in process. */
import { call, login, testApp } from '../../helpers/service';

let app: Awaited<ReturnType<typeof testApp>>;
let token: string;
beforeAll(async () => {
  app = await testApp();
  token = await login(app, 'ent-a');
});

test('definitions list every built-in with its versions, stages and departments', async () => {
  const res = await call(app, 'GET', '/api/definitions', { token });
  expect(res.status).toBe(200);
  const wuhan = res.body.definitions.find((d: { id: string }) => d.id === 'wuhan-industrial');
  expect(wuhan.latestVersion).toBeGreaterThanOrEqual(1);
  expect(wuhan.versions[0].hash).toMatch(/^[0-9a-f]{64}$/);
  expect(wuhan.versions[0].stages.map((s: { title: { zh: string } }) => s.title.zh)).toEqual(['前期准备', '开工审批', '监管验收']);
  expect(wuhan.versions[0].departments.map((d: { id: string }) => d.id)).toContain('ecology-environment');
});

test('one definition comes whole; an unknown id or version is a 404, a malformed one a 400', async () => {
  const ok = await call(app, 'GET', '/api/definitions/wuhan-industrial', { token });
  expect(ok.status).toBe(200);
  expect(ok.body.definition).toMatchObject({ id: 'wuhan-industrial', stages: expect.any(Array) });
  const v1 = await call(app, 'GET', '/api/definitions/wuhan-industrial?version=1', { token });
  expect(v1.body.definition.version).toBe(1);
  expect((await call(app, 'GET', '/api/definitions/no-such-process', { token })).body.error.code).toBe('NOT_FOUND');
  const noVersion = await call(app, 'GET', '/api/definitions/wuhan-industrial?version=999', { token });
  expect([noVersion.status, noVersion.body.error.issues[0].path]).toEqual([404, 'query.version']);
  const bad = await call(app, 'GET', '/api/definitions/wuhan-industrial?version=first', { token });
  expect([bad.status, bad.body.error.issues[0].path]).toEqual([400, 'query.version']);
  const unknownParam = await call(app, 'GET', '/api/definitions/wuhan-industrial?versoin=1', { token });
  expect(unknownParam.status).toBe(400);
  expect(unknownParam.body.error.issues[0].message).toMatch(/versoin/);
});

test('a due date skips the National Day holiday and ends at 24:00 Beijing time', async () => {
  // 2026: 1–7 Oct off, Sat 10 Oct a make-up working day (State Council notice for 2026).
  const res = await call(app, 'GET', '/api/calendar/due?start=2026-09-30&days=3', { token });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ start: '2026-09-30', days: 3, dueDate: '2026-10-10', dueAt: '2026-10-10T24:00:00+08:00', provisional: false });
  expect(res.body.calendarFingerprint).toMatch(/^[0-9a-f]{64}$/);
});

test('working days count (from, to], skipping holidays and counting make-up days', async () => {
  const res = await call(app, 'GET', '/api/calendar/workdays?from=2026-09-30&to=2026-10-12', { token });
  expect(res.body).toMatchObject({ workdays: 4, provisional: false });
});

test('a date in a year without a holiday notice is flagged provisional', async () => {
  const res = await call(app, 'GET', '/api/calendar/due?start=2027-12-20&days=20', { token });
  expect(res.status).toBe(200);
  expect(res.body.provisional).toBe(true);
});

test('impossible dates, bad counts and reversed ranges are 400s naming the parameter', async () => {
  const cases: [string, string][] = [
    ['/api/calendar/due?start=2026-02-30&days=1', 'query.start'],
    ['/api/calendar/due?start=2026-13-01&days=1', 'query.start'],
    ['/api/calendar/due?start=2026-01-05&days=-1', 'query.days'],
    ['/api/calendar/due?start=2026-01-05&days=1.5', 'query.days'],
    ['/api/calendar/due?start=2026-01-05&days=5000', 'query.days'],
    ['/api/calendar/due?start=2026-01-05', 'query.days'],
    ['/api/calendar/due?start=1900-01-05&days=3', 'query.start'],
    ['/api/calendar/workdays?from=2026-10-12&to=2026-09-30', 'query.to'],
  ];
  for (const [path, field] of cases) {
    const res = await call(app, 'GET', path, { token });
    expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'VALIDATION']);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  }
});

test('health answers without a token and says degraded when Temporal is not there', async () => {
  const res = await call(app, 'GET', '/api/health');
  expect(res.status).toBe(503);
  expect(res.body).toEqual({ status: 'degraded', service: 'ok', temporal: 'not-configured', worker: 'unknown' });
  const up = await testApp({ engineHealth: async () => ({ temporal: 'ok', worker: 'ok' }) });
  expect((await call(up, 'GET', '/api/health')).body.status).toBe('ok');
});

test('an unknown route is a JSON 404; an unexpected failure is a 500 without internals', async () => {
  const missing = await call(app, 'GET', '/api/nothing-here', { token });
  expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
  const broken = await testApp({
    calendar: () => {
      throw new Error('secret internal detail at /srv/app/calendar.ts:12');
    },
  });
  const t = await login(broken, 'coordinator');
  const res = await call(broken, 'GET', '/api/calendar/due?start=2026-01-05&days=1', { token: t });
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error', issues: [] } });
  expect(res.text).not.toMatch(/secret|\.ts|at /);
});

test('the OpenAPI document describes every route with the bearer scheme and the error body', async () => {
  const res = await call(app, 'GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  const doc = res.body;
  expect(doc.openapi).toBe('3.0.3');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/auth/login',
      '/api/me',
      '/api/health',
      '/api/definitions',
      '/api/definitions/{id}',
      '/api/calendar/due',
      '/api/calendar/workdays',
    ]),
  );
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(doc.paths['/api/me'].get.security).toEqual([{ bearerAuth: [] }]);
  expect(doc.paths['/api/auth/login'].post.security).toBeUndefined();
  expect(doc.components.schemas.Error).toBeDefined();
  expect(doc.paths['/api/calendar/due'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['days', 'start']);
});
