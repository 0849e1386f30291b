/**
 * The service in process for tests: users with a cheap scrypt cost, a fixed token secret,
 * and small helpers to log in and call routes with `app.request()` (no port).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { defaultCalendar } from '../../definitions/calendar/official';
import { builtinRegistry } from '../../definitions/process';
import { createApp, type AppDeps } from '../../service/app';
import type { AppEnv } from '../../service/auth/middleware';
import { TokenIssuer } from '../../service/auth/tokens';
import { hashPassword } from '../../service/users/passwords';
import { type TUser, UserStore } from '../../service/users/store';

/** Fast enough for tests; production uses DEFAULT_COST. */
export const TEST_COST = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';

export const TEST_USERS = [
  { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
  { username: 'dept-ecology-environment', displayName: '生态环境局', role: 'department', departmentId: 'ecology-environment' },
  { username: 'dept-natural-resources-planning', displayName: '自然资源和规划局', role: 'department', departmentId: 'natural-resources-planning' },
  { username: 'ent-a', displayName: '企业甲', role: 'enterprise', enterpriseId: 'ent-a' },
  { username: 'ent-b', displayName: '企业乙', role: 'enterprise', enterpriseId: 'ent-b' },
] as const;

let users: Promise<UserStore> | undefined;
export function testUsers(): Promise<UserStore> {
  users ??= (async () => {
    const list: TUser[] = [];
    for (const u of TEST_USERS) list.push({ ...u, passwordHash: await hashPassword(PASSWORD, TEST_COST) });
    return new UserStore(list);
  })();
  return users;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export async function testApp(overrides: Partial<AppDeps> = {}): Promise<OpenAPIHono<AppEnv>> {
  return createApp({
    users: await testUsers(),
    tokens: new TokenIssuer(TEST_SECRET, 3600),
    definitions: builtinRegistry(),
    calendar: defaultCalendar,
    logError: () => undefined,
    ...overrides,
  });
}

type App = { request: OpenAPIHono<AppEnv>['request'] };

export async function login(app: App, username: string, password = PASSWORD): Promise<string> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A JSON (or, given FormData, multipart) request with an optional bearer token; returns status, headers and the parsed body. */
export async function call(app: App, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  // FormData goes as multipart/form-data (the runtime sets the boundary).
  const form = opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers['Content-Type'] ??= 'application/json';
  const encoded = typeof opts.body === 'string' || form ? (opts.body as string | FormData) : JSON.stringify(opts.body);
  const res = await app.request(path, { method, headers, ...(opts.body !== undefined ? { body: encoded } : {}) });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body, text };
}
