/** `approvals definitions dry-run`: a file with problems exits 1 listing them (before connecting), a bad configuration 2 naming the variable. */
import { runApprovalsWith } from '../../helpers/cli';

test('a definition file with problems: exit 1, every problem with its path, nothing connected', () => {
  const cli = runApprovalsWith({ env: { DATABASE_URL: undefined } }, 'definitions', 'dry-run', 'tests/fixtures/definitions/unknown-department.yaml');
  expect(cli.code).toBe(1);
  expect(cli.stderr).toMatch(/^tests\/fixtures\/definitions\/unknown-department.yaml: \d+ problem\(s\)\n {2}\S+: /);
  expect(cli.stdout).toBe('');
});

test('a valid file but no database configured: exit 2 naming DATABASE_URL', () => {
  const cli = runApprovalsWith({ env: { DATABASE_URL: undefined } }, 'definitions', 'dry-run', 'tests/fixtures/definitions/valid-minimal.yaml');
  expect(cli.code).toBe(2);
  expect(cli.stderr).toMatch(/DATABASE_URL/);
});
