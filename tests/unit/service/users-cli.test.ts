/**
 * `approvals users …` as an administrator runs it: the real binary against a database of the
 * test's own. A user added there logs in through the service; a disabled one is refused.
 */
import { runApprovalsWith } from '../../helpers/cli';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';
import { UserDirectory } from '../../../service/users/store';
import { EnterpriseDirectory } from '../../../service/enterprises/store';
import { testCreditCode } from '../../helpers/service';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase('cli');
  // An enterprise account links to the directory: ent-river is listed, ent-nowhere is not.
  const draft = { name: '江城企业有限公司', creditCode: testCreditCode('ent-river'), address: '武汉市', contacts: [{ name: '孙八', phone: '027-5555 8888' }] };
  await new EnterpriseDirectory(t.db).add('ent-river', draft, 'confirmed', 'coordinator', new Date());
});
afterAll(() => t.drop());

const users = (args: string[], input?: string) => runApprovalsWith({ env: { DATABASE_URL: t.url }, input }, 'users', ...args);
const oneLine = (text: string) => text.trimEnd().split('\n').length === 1;

test('add with a generated password prints it once; the account logs in with it', async () => {
  const { code, stdout, stderr } = users([
    'add',
    '--username',
    'dept-water',
    '--role',
    'department',
    '--department',
    'water-resources',
    '--display-name',
    '水务局',
  ]);
  expect([code, stderr]).toEqual([0, '']);
  const [added, shown] = stdout.trimEnd().split('\n');
  expect(added).toBe('added dept-water (department water-resources)');
  const password = /^password \(shown once\): (\S{20})$/.exec(shown!)?.[1];
  expect(password).toBeDefined();
  expect(await new UserDirectory(t.db).authenticate('dept-water', password!)).toEqual({
    username: 'dept-water',
    displayName: '水务局',
    role: 'department',
    departmentId: 'water-resources',
  });
});

test('add --password-stdin takes the password from standard input and prints none', async () => {
  const { code, stdout } = users(
    ['add', '--username', 'ent-river', '--role', 'enterprise', '--enterprise', 'ent-river', '--display-name', '江城企业', '--password-stdin'],
    'a long enough secret\n',
  );
  expect([code, stdout]).toEqual([0, 'added ent-river (enterprise ent-river)\n']);
  expect(await new UserDirectory(t.db).authenticate('ENT-RIVER', 'a long enough secret')).toMatchObject({ enterpriseId: 'ent-river' });
});

test('list shows every account; disable refuses one at once and list says since when', async () => {
  expect(users(['disable', 'Ent-River'])).toEqual({ code: 0, stdout: 'disabled Ent-River\n', stderr: '' });
  expect(await new UserDirectory(t.db).find('ent-river')).toBeUndefined();
  const { code, stdout } = users(['list']);
  expect(code).toBe(0);
  const rows = stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
  expect(rows).toEqual([
    ['dept-water', 'department', 'water-resources', 'active', '水务局'],
    ['ent-river', 'enterprise', 'ent-river', expect.stringMatching(/^disabled \d{4}-\d\d-\d\dT/), '江城企业'],
  ]);
  expect(JSON.parse(users(['list', '--json']).stdout)).toHaveLength(2);
});

test.each([
  [['add', '--username', 'x', '--role', 'auditor', '--display-name', 'X'], 2, /^approvals users: --role: "auditor" is not a role/],
  [['add', '--username', 'dept-y', '--role', 'department', '--display-name', 'Y'], 2, /^approvals users: --department: required for a department user\n$/],
  [
    ['add', '--username', 'c2', '--role', 'coordinator', '--enterprise', 'e', '--display-name', 'C'],
    2,
    /^approvals users: --enterprise: only for an enterprise user\n$/,
  ],
  [['add', '--username', 'bad name', '--role', 'coordinator', '--display-name', 'C'], 2, /^approvals users: --username: letters, digits/],
  [['add', '--role', 'coordinator', '--display-name', 'C'], 2, /--username/],
  [['add', '--username', 'DEPT-WATER', '--role', 'coordinator', '--display-name', 'C'], 1, /^approvals users: username 'DEPT-WATER' is already taken\n$/],
  [['disable', 'nobody'], 1, /^approvals users: no user 'nobody'\n$/],
  [
    ['add', '--username', 'ent-nowhere', '--role', 'enterprise', '--enterprise', 'ent-nowhere', '--display-name', 'N'],
    1,
    /^approvals users: enterprise 'ent-nowhere' is not in the enterprise directory: a coordinator adds it there first\n$/,
  ],
])('bad input %j exits %i with one line naming it', (args, exit, message) => {
  const { code, stdout, stderr } = users(args);
  expect([code, stdout]).toEqual([exit, '']);
  expect(stderr).toMatch(message);
  expect(oneLine(stderr)).toBe(true);
});

test('a short password on stdin is refused (exit 2) and nothing is added', async () => {
  const { code, stderr } = users(['add', '--username', 'c3', '--role', 'coordinator', '--display-name', 'C', '--password-stdin'], 'short\n');
  expect([code, stderr]).toEqual([2, 'approvals users: the password on stdin must be at least 10 characters\n']);
  expect(await new UserDirectory(t.db).find('c3')).toBeUndefined();
});

test('without DATABASE_URL: exit 2 and one line saying what to set', () => {
  const { code, stderr } = runApprovalsWith({ env: { DATABASE_URL: undefined } }, 'users', 'list');
  expect(code).toBe(2);
  expect(stderr).toMatch(/^approvals users: DATABASE_URL is not set \(e\.g\. postgres:\/\/.*\)\n$/);
});
