/**
 * Both real Temporal servers for tests, from the binaries that scripts/setup.sh builds:
 * the Java time-skipping test server and the CLI's dev server (never downloaded at run time).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';

export const ROOT = join(__dirname, '..', '..');
export const TEMPORAL_CLI = join(ROOT, '.tools', 'bin', 'temporal');
export const TEST_SERVER = join(ROOT, '.tools', 'bin', 'temporal-test-server');

function required(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run setup\` (scripts/setup.sh) first`);
  return path;
}

/** The Java time-skipping server: `env.sleep('30 days')` takes milliseconds. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: required(TEST_SERVER) } },
  });
  // The Java server has no start-up flag for custom search attributes; its operator service registers them.
  const types = temporal.api.enums.v1.IndexedValueType;
  const byKind: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: types.INDEXED_VALUE_TYPE_KEYWORD,
    KEYWORD_LIST: types.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    DATETIME: types.INDEXED_VALUE_TYPE_DATETIME,
    TEXT: types.INDEXED_VALUE_TYPE_TEXT,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTE_KEYS.map((k) => [k.name, byKind[k.type]!])),
  });
  return env;
}

/** The real dev server on a free port with an in-memory database, UI off. */
export function createDevServerEnv(extraArgs: string[] = []): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: required(TEMPORAL_CLI) }, ui: false, extraArgs },
  });
}
