/** Login, tokens and the throttle, through the HTTP API in process. */
import { LoginThrottle } from '../../../service/auth/rate-limit';
import { TokenIssuer } from '../../../service/auth/tokens';
import { call, login, PASSWORD, TEST_SECRET, testApp, testDb } from '../../helpers/service';

test('login returns a bearer token that /api/me accepts', async () => {
  const app = await testApp();
  const res = await call(app, 'POST', '/api/auth/login', { body: { username: 'dept-ecology-environment', password: PASSWORD } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    tokenType: 'Bearer',
    user: { username: 'dept-ecology-environment', role: 'department', departmentId: 'ecology-environment' },
  });
  expect(JSON.stringify(res.body)).not.toContain('scrypt');
  const me = await call(app, 'GET', '/api/me', { token: res.body.token });
  expect(me.status).toBe(200);
  expect(me.body).toEqual({ username: 'dept-ecology-environment', displayName: '生态环境局', role: 'department', departmentId: 'ecology-environment' });
});

test('usernames are matched without regard to case', async () => {
  const app = await testApp();
  expect(await login(app, 'Coordinator')).toMatch(/^ey/);
});

test('a wrong password and an unknown user get the same 401', async () => {
  const app = await testApp();
  const wrong = await call(app, 'POST', '/api/auth/login', { body: { username: 'coordinator', password: 'nope' } });
  const unknown = await call(app, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'nope' } });
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(401);
  expect(wrong.body).toEqual(unknown.body);
  expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
});

test('routes other than login, health and the OpenAPI document need a token', async () => {
  const app = await testApp();
  for (const path of ['/api/me', '/api/definitions', '/api/calendar/due?start=2026-01-05&days=1', '/api/projects', '/api/tasks', '/api/supervision']) {
    const res = await call(app, 'GET', path);
    expect([path, res.status, res.headers.get('www-authenticate')]).toEqual([path, 401, 'Bearer']);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', issues: [{ path: 'Authorization' }] });
  }
  expect((await call(app, 'GET', '/api/openapi.json')).status).toBe(200);
});

test('a tampered, foreign or expired token is refused', async () => {
  let clock = new Date('2026-03-02T09:00:00+08:00');
  const app = await testApp({ tokens: new TokenIssuer(TEST_SECRET, 60), now: () => clock });
  const token = await login(app, 'coordinator');
  expect((await call(app, 'GET', '/api/me', { token })).status).toBe(200);

  const [header, payload, signature] = token.split('.');
  const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: 'ent-a', iss: 'parallel-approvals', aud: 'parallel-approvals-api', exp: 4102444800 })).toString('base64url')}.${signature}`;
  expect((await call(app, 'GET', '/api/me', { token: tampered })).status).toBe(401);
  const foreign = (await new TokenIssuer('another-secret-another-secret-another-1', 60).issue('coordinator', clock)).token;
  expect((await call(app, 'GET', '/api/me', { token: foreign })).status).toBe(401);
  // The token names the account and its expiry only: role and ids are read from the directory on each request.
  const iat = clock.getTime() / 1000;
  expect(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8'))).toEqual({ alg: 'HS256' });
  expect(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))).toEqual({
    sub: 'coordinator',
    iss: 'parallel-approvals',
    aud: 'parallel-approvals-api',
    iat,
    exp: iat + 60,
  });

  clock = new Date(clock.getTime() + 61_000);
  const expired = await call(app, 'GET', '/api/me', { token });
  expect(expired.status).toBe(401);
  expect(expired.body.error.message).toMatch(/expired/);
});

test('after five failed logins even the right password is throttled, with Retry-After', async () => {
  let now = Date.parse('2026-03-02T09:00:00Z');
  // rate-limiter-flexible reads the clock itself.
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
  const app = await testApp({ throttle: new LoginThrottle(await testDb(), { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 }) });
  for (let i = 0; i < 5; i++) expect((await call(app, 'POST', '/api/auth/login', { body: { username: 'ent-a', password: `guess-${i}` } })).status).toBe(401);
  const blocked = await call(app, 'POST', '/api/auth/login', { body: { username: 'ent-a', password: PASSWORD } });
  expect(blocked.status).toBe(429);
  expect(blocked.body.error.code).toBe('RATE_LIMITED');
  expect(Number(blocked.headers.get('retry-after'))).toBe(900);
  // Another account is not locked by it.
  expect((await call(app, 'POST', '/api/auth/login', { body: { username: 'ent-b', password: PASSWORD } })).status).toBe(200);
  now += 15 * 60_000 + 1;
  expect((await call(app, 'POST', '/api/auth/login', { body: { username: 'ent-a', password: PASSWORD } })).status).toBe(200);
  clock.mockRestore();
});

test('login refuses unknown fields, wrong types, bad JSON and other media types, naming the problem', async () => {
  const app = await testApp();
  const extra = await call(app, 'POST', '/api/auth/login', { body: { username: 'coordinator', password: PASSWORD, role: 'coordinator' } });
  expect(extra.status).toBe(400);
  expect(extra.body.error).toMatchObject({ code: 'VALIDATION', issues: [{ path: '', message: expect.stringMatching(/role/) }] });
  const wrongType = await call(app, 'POST', '/api/auth/login', { body: { username: 42, password: PASSWORD } });
  expect(wrongType.body.error.issues).toEqual([{ path: 'username', message: expect.any(String) }]);
  const missing = await call(app, 'POST', '/api/auth/login', { body: {} });
  expect(missing.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['password', 'username']);
  const malformed = await call(app, 'POST', '/api/auth/login', { body: '{"username": "coordinator",' });
  expect([malformed.status, malformed.body.error.code]).toEqual([400, 'MALFORMED_JSON']);
  const form = await call(app, 'POST', '/api/auth/login', { body: 'username=coordinator', headers: { 'Content-Type': 'text/plain' } });
  expect([form.status, form.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  const none = await call(app, 'POST', '/api/auth/login');
  expect(none.status).toBe(400);
});
