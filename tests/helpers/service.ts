/**
 * The service in process for tests: users with a cheap scrypt cost in a PostgreSQL database of
 * the test file's own (the service keeps its users, throttle and idempotency records there), a
 * fixed token secret, and small helpers to log in and call routes with `app.request()` (no port).
 */
import { createHash } from 'node:crypto';
import type { TDecisionResult } from '../../workflows/decision-result';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../../db/connect';
import { defaultCalendar } from '../../definitions/calendar/official';
import { builtinRegistry } from '../../definitions/process';
import { ReadModelStore } from '../../db/read-model/store';
import { createApp, type AppDeps } from '../../service/app';
import type { AppEnv } from '../../service/auth/middleware';
import { LoginThrottle } from '../../service/auth/rate-limit';
import { TokenIssuer } from '../../service/auth/tokens';
import { IdempotencyStore } from '../../service/idempotency';
import { hashPassword } from '../../service/users/passwords';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../../service/enterprises/credit-code';
import { EnterpriseDirectory } from '../../service/enterprises/store';
import { ProjectCodeRegister } from '../../service/projects/project-codes';
import { ParkRegister, ProviderDirectory } from '../../db/intermediaries';
import { CreditRecordStore } from '../../db/credit-records';
import { DelegationStore } from '../../service/agents/store';
import { type TPublicUser, UserDirectory, userRow } from '../../service/users/store';
import { type TestDatabase, testDatabase } from './postgres';

/** Fast enough for tests; production uses DEFAULT_COST. */
export const TEST_COST = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';

export const TEST_USERS = [
  { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
  { username: 'dept-ecology-environment', displayName: '生态环境局', role: 'department', departmentId: 'ecology-environment' },
  { username: 'dept-natural-resources-planning', displayName: '自然资源和规划局', role: 'department', departmentId: 'natural-resources-planning' },
  { username: 'head-ecology-environment', displayName: '生态环境局负责人', role: 'department', departmentId: 'ecology-environment', leader: true },
  { username: 'government-head', displayName: '人民政府负责人', role: 'coordinator', governmentHead: true },
  { username: 'ent-a', displayName: '企业甲', role: 'enterprise', enterpriseId: 'ent-a' },
  { username: 'ent-b', displayName: '企业乙', role: 'enterprise', enterpriseId: 'ent-b' },
] as const satisfies readonly TPublicUser[];

/** A valid credit code of its own for a test enterprise id (Wuhan's region 420100; the organisation code from a hash of the id). */
export function testCreditCode(enterpriseId: string): string {
  const digest = createHash('sha256').update(enterpriseId).digest();
  const first17 = `91420100${[...digest.subarray(0, 9)].map((b) => CREDIT_CODE_CHARSET[b % CREDIT_CODE_CHARSET.length]).join('')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** The enterprise's name in a test directory: its account's display name as a company name (企业甲 → 企业甲有限公司). */
export const testEnterpriseName = (displayName: string) => `${displayName}有限公司`;

/** Confirmed directory entries for the enterprises of `users` (an enterprise account links to one). */
export async function seedEnterprises(db: Db, users: readonly TPublicUser[]): Promise<void> {
  const directory = new EnterpriseDirectory(db);
  const seen = new Set<string>();
  for (const u of users) {
    if (!u.enterpriseId || seen.has(u.enterpriseId)) continue;
    seen.add(u.enterpriseId);
    const draft = {
      name: testEnterpriseName(u.displayName),
      creditCode: testCreditCode(u.enterpriseId),
      address: '武汉市汉阳区测试路 1 号',
      contacts: [{ name: '测试联系人', phone: '027-8888 6666' }],
    };
    await directory.add(u.enterpriseId, draft, 'confirmed', 'test-rig', new Date());
  }
}

/** Inserts `users`, each with PASSWORD hashed at TEST_COST, and a confirmed directory entry for each of their enterprises. */
export async function seedUsers(db: Db, users: readonly TPublicUser[]): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD, TEST_COST);
  await seedEnterprises(db, users);
  if (users.length > 0)
    await db
      .insertInto('users')
      .values(users.map((u) => userRow({ ...u, passwordHash })))
      .execute();
}

/** The service's state for one rig (a stack, a browser run): a database of its own with `users`, and the stores over it. */
export interface TestServiceState {
  db: Db;
  /** The database's URL (for processes of their own: the CLI, a worker). */
  url: string;
  users: UserDirectory;
  enterprises: EnterpriseDirectory;
  throttle: LoginThrottle;
  idempotency: IdempotencyStore<TDecisionResult>;
  drop(): Promise<void>;
}

export async function testServiceState(users: readonly TPublicUser[]): Promise<TestServiceState> {
  const t = await testDatabase('svc');
  await seedUsers(t.db, users);
  const idempotency = new IdempotencyStore<TDecisionResult>(t.db);
  return {
    db: t.db,
    url: t.url,
    users: new UserDirectory(t.db),
    enterprises: new EnterpriseDirectory(t.db),
    throttle: new LoginThrottle(t.db),
    idempotency,
    // Answers are recorded beside the response: the last ones are written before the database goes.
    drop: async () => {
      await idempotency.recorded();
      await t.drop();
    },
  };
}

// One database per test file (jest loads this module afresh for each file), with TEST_USERS, dropped after the file.
let fileDb: Promise<TestDatabase> | undefined;
/** The file's apps' idempotency stores: answers are recorded beside the response, so the last ones are awaited before the drop. */
const fileIdempotency: IdempotencyStore<TDecisionResult>[] = [];
if (typeof afterAll === 'function') {
  afterAll(async () => {
    const t = fileDb;
    fileDb = undefined;
    await Promise.all(fileIdempotency.splice(0).map((store) => store.recorded()));
    if (t) await (await t).drop();
  });
}

/** The test file's database, with TEST_USERS in it. */
export function testDb(): Promise<Db> {
  fileDb ??= (async () => {
    const t = await testDatabase('svc');
    await seedUsers(t.db, TEST_USERS);
    return t;
  })();
  return fileDb.then((t) => t.db);
}

export async function testUsers(): Promise<UserDirectory> {
  return new UserDirectory(await testDb());
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/**
 * The app on the test file's database. Each app starts with no failed logins and no
 * idempotency records, as a freshly started service did when they lived in memory.
 */
export async function testApp(overrides: Partial<AppDeps> = {}): Promise<OpenAPIHono<AppEnv>> {
  const db = await testDb();
  await db.deleteFrom('login_throttle').execute();
  await db.deleteFrom('idempotency_records').execute();
  const idempotency = new IdempotencyStore<TDecisionResult>(db);
  fileIdempotency.push(idempotency);
  return createApp({
    users: new UserDirectory(db),
    enterprises: new EnterpriseDirectory(db),
    throttle: new LoginThrottle(db),
    idempotency,
    readModel: new ReadModelStore(db),
    projectCodes: new ProjectCodeRegister(db),
    credit: new CreditRecordStore(db),
    delegations: new DelegationStore(db),
    followUpDb: db,
    providers: new ProviderDirectory(db),
    parks: new ParkRegister(db),
    tokens: new TokenIssuer(TEST_SECRET, 3600),
    definitions: builtinRegistry(),
    calendar: defaultCalendar,
    logError: () => undefined,
    ...overrides,
  });
}

/**
 * The app over a rig's own service state (its database and users): the rig brings its gateway
 * (a real Temporal one) and whatever else it needs (a materials store, its own calendar data).
 */
export function stateApp(state: TestServiceState, deps: Pick<AppDeps, 'projects'> & Partial<AppDeps>): OpenAPIHono<AppEnv> {
  return createApp({
    users: state.users,
    enterprises: state.enterprises,
    throttle: state.throttle,
    idempotency: state.idempotency,
    readModel: new ReadModelStore(state.db),
    projectCodes: new ProjectCodeRegister(state.db),
    credit: new CreditRecordStore(state.db),
    delegations: new DelegationStore(state.db),
    followUpDb: state.db,
    providers: new ProviderDirectory(state.db),
    parks: new ParkRegister(state.db),
    tokens: new TokenIssuer(TEST_SECRET, 3600),
    definitions: builtinRegistry(),
    calendar: defaultCalendar,
    logError: (e) => console.error('[service]', e),
    ...deps,
  });
}

type App = { request: OpenAPIHono<AppEnv>['request'] };

export async function login(app: App, username: string, password = PASSWORD): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
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
