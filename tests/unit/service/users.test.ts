/** First-start accounts: written once, owner-only, hashed; the printed passwords log in. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionUsers } from '../../../service/users/provision';
import { UserStore } from '../../../service/users/store';
import { TEST_COST } from '../../helpers/service';

const departments = [
  { id: 'development-reform', name: '发展和改革委员会' },
  { id: 'ecology-environment', name: '生态环境局' },
];

test('first start creates a coordinator, one user per department and two enterprises; later starts change nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'users-'));
  const usersFile = join(dir, 'users.json');
  const credentialsFile = join(dir, 'dev-credentials.json');
  const accounts = await provisionUsers({ usersFile, credentialsFile, departments, cost: TEST_COST });
  expect(accounts!.map((a) => [a.username, a.role])).toEqual([
    ['coordinator', 'coordinator'],
    ['dept-development-reform', 'department'],
    ['dept-ecology-environment', 'department'],
    ['ent-hanyang-auto-parts', 'enterprise'],
    ['ent-donghu-optics', 'enterprise'],
  ]);
  for (const file of [usersFile, credentialsFile]) expect(statSync(file).mode & 0o777).toBe(0o600);
  const stored = readFileSync(usersFile, 'utf8');
  for (const a of accounts!) expect(stored).not.toContain(a.password);
  expect(JSON.parse(readFileSync(credentialsFile, 'utf8')).accounts).toEqual(accounts);

  const store = UserStore.load(usersFile);
  const dept = accounts![2]!;
  expect(await store.authenticate(dept.username, dept.password)).toMatchObject({ role: 'department', departmentId: 'ecology-environment' });
  expect(await store.authenticate(dept.username, accounts![0]!.password)).toBeUndefined();

  expect(await provisionUsers({ usersFile, credentialsFile, departments, cost: TEST_COST })).toBeUndefined();
  expect(readFileSync(usersFile, 'utf8')).toBe(stored);
});

test('a broken user directory stops the service with the file and field named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'users-'));
  const file = join(dir, 'users.json');
  writeFileSync(file, JSON.stringify({ users: [{ username: 'x', displayName: 'X', role: 'department', passwordHash: 'plain' }] }));
  expect(() => UserStore.load(file)).toThrow(/users\.json[\s\S]*users\.0\.passwordHash[\s\S]*users\.0\.departmentId/);
});
