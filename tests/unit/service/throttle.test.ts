/**
 * Login throttling in PostgreSQL: two service replicas count the same failures, so an attacker
 * gains nothing by spreading guesses over them; the address is the real client's, and a
 * forwarded-for header counts only when a configured proxy sent it.
 */
import { clientAddressOf, parseTrustedProxies } from '../../../service/auth/client-address';
import { LoginThrottle } from '../../../service/auth/rate-limit';
import { call, PASSWORD, testApp, testDb } from '../../helpers/service';

const WINDOW = 15 * 60_000;
// rate-limiter-flexible reads the clock itself.
afterEach(() => jest.restoreAllMocks());

test('failures on one replica count on the other: the sixth attempt is refused everywhere, with Retry-After', async () => {
  let now = Date.parse('2026-03-02T09:00:00Z');
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  const db = await testDb();
  const replica = () => testApp({ throttle: new LoginThrottle(db, { perAccount: 5, perAddress: 20, windowMs: WINDOW }), clientAddress: () => '203.0.113.7' });
  const a = await replica();
  const b = await replica();
  const attempt = (app: typeof a, username: string, password: string) => call(app, 'POST', '/api/auth/login', { body: { username, password } });
  for (let i = 0; i < 5; i++) expect((await attempt(i % 2 ? a : b, 'ent-a', `guess-${i}`)).status).toBe(401);
  for (const app of [a, b]) {
    const blocked = await attempt(app, 'ent-a', PASSWORD);
    expect([blocked.status, blocked.body.error.code, blocked.headers.get('retry-after')]).toEqual([429, 'RATE_LIMITED', '900']);
  }
  // Half the window later the wait is shorter; once the oldest failure leaves the window, the right password works.
  now += WINDOW / 2;
  expect((await attempt(b, 'ent-a', PASSWORD)).headers.get('retry-after')).toBe('450');
  now += WINDOW / 2 + 1;
  expect((await attempt(b, 'ent-a', PASSWORD)).status).toBe(200);
});

test('twenty guesses sent at once to two replicas: no more than five get a password check', async () => {
  const db = await testDb();
  await db.deleteFrom('login_throttle').execute();
  const a = await testApp({ throttle: new LoginThrottle(db), clientAddress: () => '192.0.2.44' });
  const b = await testApp({ throttle: new LoginThrottle(db), clientAddress: () => '192.0.2.44' });
  const statuses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call(i % 2 ? a : b, 'POST', '/api/auth/login', { body: { username: 'ent-b', password: `guess-${i}` } }).then((r) => r.status),
    ),
  );
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
  expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
  // Exactly the checked guesses count as failures (a refused one does not).
  expect(await new LoginThrottle(db).failures('192.0.2.44', 'ent-b')).toBe(statuses.filter((s) => s === 401).length);
});

test('password spraying: 20 failures from one address across usernames block that address, not others', async () => {
  const db = await testDb();
  await db.deleteFrom('login_throttle').execute();
  let address = '198.51.100.1';
  const app = await testApp({ throttle: new LoginThrottle(db), clientAddress: () => address });
  // Four wrong passwords for each of five accounts: no account reaches its own limit of five.
  const names = ['coordinator', 'dept-ecology-environment', 'dept-natural-resources-planning', 'ent-a', 'ent-b'];
  for (let i = 0; i < 20; i++) expect((await call(app, 'POST', '/api/auth/login', { body: { username: names[i % 5], password: 'x' } })).status).toBe(401);
  expect((await call(app, 'POST', '/api/auth/login', { body: { username: 'coordinator', password: PASSWORD } })).status).toBe(429);
  address = '198.51.100.2';
  expect((await call(app, 'POST', '/api/auth/login', { body: { username: 'coordinator', password: PASSWORD } })).status).toBe(200);
});

describe('the client address', () => {
  const trusted = parseTrustedProxies('127.0.0.1, 10.0.0.5');

  test('without a trusted proxy in front, X-Forwarded-For is ignored (a client cannot pick its own address)', () => {
    expect(clientAddressOf('203.0.113.7', '1.2.3.4', trusted)).toBe('203.0.113.7');
    expect(clientAddressOf('203.0.113.7', '1.2.3.4', parseTrustedProxies(''))).toBe('203.0.113.7');
  });

  test('behind trusted proxies, the right-most address that is not a proxy is the client', () => {
    // The client forged "1.2.3.4"; the outer proxy 10.0.0.5 appended the real peer, the inner one appended 10.0.0.5.
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 203.0.113.7, 10.0.0.5', trusted)).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:10.0.0.5', '203.0.113.9', trusted)).toBe('203.0.113.9');
    expect(clientAddressOf('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
  });

  test('a proxy list that is not IP addresses is refused, naming the entry', () => {
    expect(() => parseTrustedProxies('127.0.0.1,proxy.internal')).toThrow('"proxy.internal" is not an IP address');
  });
});
