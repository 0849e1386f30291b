/**
 * The user directory in PostgreSQL: first-start accounts (written once, even when several
 * processes start at once; passwords shown once, owner-only), the import of an old users.json,
 * names unique without regard to case, and a disabled account refused at once by every replica.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../../service/users/passwords';
import { importUsersFile, provisionUsers } from '../../../service/users/provision';
import { UnknownEnterprise, UserDirectory, UsernameTaken } from '../../../service/users/store';
import { EnterpriseDirectory } from '../../../service/enterprises/store';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';
import { call, login, PASSWORD, TEST_COST, testApp, testCreditCode, testDb } from '../../helpers/service';

const departments = [
  { id: 'development-reform', name: '发展和改革委员会' },
  { id: 'ecology-environment', name: '生态环境局' },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'users-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('first start', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await testDatabase('users');
  });
  afterEach(() => t.drop());

  test('creates a coordinator, one user per department and two enterprises once; three processes starting together create them once', async () => {
    const credentialsFile = join(dir, 'dev-credentials.json');
    const opts = { db: t.db, credentialsFile, departments, cost: TEST_COST };
    const results = await Promise.all([provisionUsers(opts), provisionUsers(opts), provisionUsers(opts)]);
    const created = results.filter((r) => r !== undefined);
    expect(created).toHaveLength(1);
    const accounts = (created[0] as { created: { username: string; password: string; role: string }[] }).created;
    expect(accounts.map((a) => [a.username, a.role])).toEqual([
      ['coordinator', 'coordinator'],
      ['government-head', 'coordinator'],
      ['dept-development-reform', 'department'],
      ['dept-ecology-environment', 'department'],
      ['reviewer-development-reform', 'department'],
      ['reviewer-ecology-environment', 'department'],
      ['head-development-reform', 'department'],
      ['head-ecology-environment', 'department'],
      ['ent-hanyang-auto-parts', 'enterprise'],
      ['ent-donghu-optics', 'enterprise'],
    ]);
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(credentialsFile, 'utf8')).accounts).toEqual(accounts);
    const hashes = (await t.db.selectFrom('users').select('password_hash').execute()).map((r) => r.password_hash).join('\n');
    for (const a of accounts) expect(hashes).not.toContain(a.password);

    const users = new UserDirectory(t.db);
    expect((await t.db.selectFrom('users').select('username').execute()).map((u) => u.username).sort()).toEqual(accounts.map((a) => a.username).sort());
    const dept = accounts.find((a) => a.username === 'dept-ecology-environment')!;
    expect(await users.authenticate(dept.username, dept.password)).toEqual({
      username: dept.username,
      displayName: '生态环境局',
      role: 'department',
      departmentId: 'ecology-environment',
      signoffRoles: ['handler'],
    });
    expect(await users.authenticate(dept.username, accounts[0]!.password)).toBeUndefined();

    // The demo enterprises are listed, confirmed, in the enterprise directory with valid credit codes.
    const listed = await new EnterpriseDirectory(t.db).list({ page: 1, pageSize: 10 });
    expect(listed.enterprises.map((e) => [e.id, e.name, e.creditCode, e.status])).toEqual([
      ['ent-donghu-optics', '武汉东湖光电材料有限公司', '91420111MA4K00002W', 'confirmed'],
      ['ent-hanyang-auto-parts', '武汉汉阳汽车零部件有限公司', '91420105MA4K000014', 'confirmed'],
    ]);

    // A later start changes nothing and shows no password.
    expect(await provisionUsers(opts)).toBeUndefined();
    expect(await users.count()).toBe(accounts.length);
  });

  test('an install provisioned before the enterprise directory gets its demo enterprises listed on the next start', async () => {
    const opts = { db: t.db, credentialsFile: join(dir, 'dev-credentials-2.json'), departments, cost: TEST_COST };
    await provisionUsers(opts);
    await t.db.deleteFrom('enterprises').execute(); // as before migration 0005
    expect(await provisionUsers(opts)).toBeUndefined();
    expect((await new EnterpriseDirectory(t.db).list({ page: 1, pageSize: 10 })).enterprises.map((e) => e.id)).toEqual([
      'ent-donghu-optics',
      'ent-hanyang-auto-parts',
    ]);
  });

  test('an install from before PostgreSQL keeps its users: users.json is imported, no new passwords', async () => {
    const usersFile = join(dir, 'users.json');
    const passwordHash = await hashPassword(PASSWORD, TEST_COST);
    writeFileSync(usersFile, JSON.stringify({ users: [{ username: 'old-coordinator', displayName: '老帮办', role: 'coordinator', passwordHash }] }));
    const result = await provisionUsers({ db: t.db, credentialsFile: join(dir, 'unused.json'), departments, legacyUsersFile: usersFile, cost: TEST_COST });
    expect(result).toEqual({ imported: 1, from: usersFile });
    expect(await new UserDirectory(t.db).authenticate('old-coordinator', PASSWORD)).toMatchObject({ role: 'coordinator' });
    expect(await importUsersFile(t.db, usersFile)).toBeUndefined(); // once only
  });

  test('a broken users.json stops the start with the file and field named', async () => {
    const file = join(dir, 'broken-users.json');
    writeFileSync(file, JSON.stringify({ users: [{ username: 'x', displayName: 'X', role: 'department', passwordHash: 'plain' }] }));
    await expect(importUsersFile(t.db, file)).rejects.toThrow(/broken-users\.json[\s\S]*users\.0\.passwordHash[\s\S]*users\.0\.departmentId/);
    expect(await new UserDirectory(t.db).count()).toBe(0);
  });
});

describe('the directory', () => {
  test('usernames are unique without regard to case', async () => {
    const users = await testUsersDirectory();
    const passwordHash = await hashPassword(PASSWORD, TEST_COST);
    await expect(users.add({ username: 'COORDINATOR', displayName: 'X', role: 'coordinator', passwordHash })).rejects.toThrow(UsernameTaken);
    await expect(users.add({ username: 'coordinator', displayName: 'X', role: 'coordinator', passwordHash })).rejects.toThrow(/already taken/);
    expect(await users.find('Coordinator')).toMatchObject({ username: 'coordinator' });
  });

  test('a department user without its department is refused before it is stored', async () => {
    const users = await testUsersDirectory();
    const passwordHash = await hashPassword(PASSWORD, TEST_COST);
    await expect(users.add({ username: 'dept-x', displayName: 'X', role: 'department', passwordHash })).rejects.toThrow(/departmentId/);
    expect(await users.find('dept-x')).toBeUndefined();
  });

  test('an enterprise account links to the enterprise directory: one for an enterprise nobody listed is refused', async () => {
    const users = await testUsersDirectory();
    const passwordHash = await hashPassword(PASSWORD, TEST_COST);
    const account = { username: 'ent-ghost', displayName: '无名企业', role: 'enterprise' as const, enterpriseId: 'ent-ghost', passwordHash };
    await expect(users.add(account)).rejects.toThrow(UnknownEnterprise);
    expect(await users.find('ent-ghost')).toBeUndefined();
    // A pending entry counts: the enterprise asked to be listed.
    const draft = {
      name: '无名企业有限公司',
      creditCode: testCreditCode('ent-ghost'),
      address: '武汉市',
      contacts: [{ name: '赵六', phone: '027-5555 6666' }],
    };
    await new EnterpriseDirectory(await testDb()).add('ent-ghost', draft, 'pending', 'ent-ghost', new Date());
    expect(await users.add(account)).toMatchObject({ enterpriseId: 'ent-ghost' });
  });

  test('a user added on one replica logs in on another', async () => {
    const replicaA = await testUsersDirectory();
    const draft = { name: '新企业有限公司', creditCode: testCreditCode('ent-new'), address: '武汉市', contacts: [{ name: '钱七', phone: '027-5555 7777' }] };
    await new EnterpriseDirectory(await testDb()).add('ent-new', draft, 'confirmed', 'coordinator', new Date());
    await replicaA.add({
      username: 'ent-new',
      displayName: '新企业',
      role: 'enterprise',
      enterpriseId: 'ent-new',
      passwordHash: await hashPassword(PASSWORD, TEST_COST),
    });
    const app = await testApp(); // replica B: its own directory over the same database
    expect(await login(app, 'ent-new')).toMatch(/^ey/);
  });
});

test('a disabled user is refused at once on every replica: the token issued before gets 401, and login fails', async () => {
  const replicaA = await testApp();
  const replicaB = await testApp();
  const token = await login(replicaA, 'ent-b');
  expect((await call(replicaB, 'GET', '/api/me', { token })).status).toBe(200);

  // An administrator disables the account (as `approvals users disable` does, through yet another directory).
  expect(await new UserDirectory(await testDb()).disable('ENT-B')).toBe(true);

  for (const app of [replicaA, replicaB]) {
    const me = await call(app, 'GET', '/api/me', { token });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
    const again = await call(app, 'POST', '/api/auth/login', { body: { username: 'ent-b', password: PASSWORD } });
    expect([again.status, again.body.error.message]).toEqual([401, 'wrong username or password']);
  }
  const listed = (await (await testUsersDirectory()).list()).find((u) => u.username === 'ent-b');
  expect(listed).toMatchObject({ role: 'enterprise', disabledAt: expect.any(String) });
  expect(await new UserDirectory(await testDb()).disable('nobody')).toBe(false);
});

async function testUsersDirectory(): Promise<UserDirectory> {
  return new UserDirectory(await testDb());
}
