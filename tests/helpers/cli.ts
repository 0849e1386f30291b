/**
 * Runs the `approvals` command line as a coordinator would: the real binary (bin/approvals.cjs
 * through tsx) in a child process, from the repository root.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
// Only the definitions and data a test names, whatever the developer's shell exports.
const { APPROVALS_DEFINITIONS_DIR: _definitions, APPROVALS_DATA_DIR: _data, ...env } = process.env;

export function runApprovals(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/approvals.cjs', ...args], { cwd: root, encoding: 'utf8', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
