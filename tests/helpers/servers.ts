/**
 * Both real Temporal servers for tests, from the binaries that scripts/setup.sh builds:
 * the Java time-skipping test server and the CLI's dev server (never downloaded at run time).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

export const ROOT = join(__dirname, '..', '..');
export const TEMPORAL_CLI = join(ROOT, '.tools', 'bin', 'temporal');
export const TEST_SERVER = join(ROOT, '.tools', 'bin', 'temporal-test-server');

function required(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run setup\` (scripts/setup.sh) first`);
  return path;
}

/** The Java time-skipping server: `env.sleep('30 days')` takes milliseconds. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: required(TEST_SERVER) } },
  });
}

/** The real dev server on a free port with an in-memory database, UI off. */
export function createDevServerEnv(extraArgs: string[] = []): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: required(TEMPORAL_CLI) }, ui: false, extraArgs },
  });
}
