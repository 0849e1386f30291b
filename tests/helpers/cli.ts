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

/** As `runApprovals`, with extra environment variables (undefined removes one) and standard input. */
export function runApprovalsWith(
  opts: { env?: Record<string, string | undefined>; input?: string },
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const merged: NodeJS.ProcessEnv = { ...env, ...opts.env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const run = spawnSync(process.execPath, ['bin/approvals.cjs', ...args], { cwd: root, encoding: 'utf8', env: merged, input: opts.input ?? '' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
