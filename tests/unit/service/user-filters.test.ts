/**
 * The user directory's filters in one query (`listActive`): the colleagues of a department and
 * the agents and coordinators a delegation may name come from PostgreSQL already filtered —
 * disabled accounts, other departments, other enterprises and other roles left out.
 */
import { type TUser, UserDirectory, userRow } from '../../../service/users/store';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';

const hash = 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const user = (username: string, role: TUser['role'], unit: { departmentId?: string; enterpriseId?: string } = {}): TUser => ({
  username,
  displayName: username,
  role,
  ...unit,
  passwordHash: hash,
});

let t: TestDatabase;
let users: UserDirectory;
beforeAll(async () => {
  t = await testDatabase('user_filters');
  users = new UserDirectory(t.db);
  const all = [
    user('dept-a-1', 'department', { departmentId: 'a' }),
    { ...user('Dept-A-2', 'department', { departmentId: 'a' }), leader: true as const },
    user('dept-a-gone', 'department', { departmentId: 'a' }),
    user('dept-b-1', 'department', { departmentId: 'b' }),
    user('coordinator', 'coordinator'),
    user('coordinator-gone', 'coordinator'),
    user('agent-1', 'agent'),
    user('agent-gone', 'agent'),
    user('ent-x-1', 'enterprise', { enterpriseId: 'x' }),
    user('ent-x-gone', 'enterprise', { enterpriseId: 'x' }),
    user('ent-y-1', 'enterprise', { enterpriseId: 'y' }),
  ];
  // Straight into the table: the enterprises need not be in the enterprise directory for this.
  await t.db.insertInto('users').values(all.map(userRow)).execute();
  for (const gone of all.filter((u) => u.username.endsWith('-gone'))) await users.disable(gone.username);
});
afterAll(() => t.drop());

const names = (list: { username: string }[]) => list.map((u) => u.username);

test("a department's colleagues: its active users only, by username without regard to case", async () => {
  const colleagues = await users.listActive({ roles: ['department'], departmentId: 'a' });
  expect(names(colleagues)).toEqual(['dept-a-1', 'Dept-A-2']);
  expect(colleagues[1]).toMatchObject({ role: 'department', departmentId: 'a', leader: true });
});

test('who may be delegated to: the active agents and coordinators, nobody else', async () => {
  expect(names(await users.listActive({ roles: ['agent', 'coordinator'] }))).toEqual(['agent-1', 'coordinator']);
});

test("an enterprise's active users only", async () => {
  expect(names(await users.listActive({ enterpriseId: 'x' }))).toEqual(['ent-x-1']);
});

test('without a filter every active user; with no role named nobody', async () => {
  expect(names(await users.listActive())).toEqual(['agent-1', 'coordinator', 'dept-a-1', 'Dept-A-2', 'dept-b-1', 'ent-x-1', 'ent-y-1']);
  expect(await users.listActive({ roles: [] })).toEqual([]);
});
