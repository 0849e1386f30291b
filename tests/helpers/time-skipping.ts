/**
 * The time-skipping server's life in a workflow test file. Time skipping is global to a server and
 * a leftover project's timers and tasks would shape the next test's clock, so by default each test
 * gets its own server (about a second to start); a file whose tests never wait may share one.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from './servers';

/**
 * Starts a server before each test (`per: 'file'`: once before all of them), hands it to `use`,
 * and tears it down after.
 */
export function onTimeSkippingServer(use: (env: TestWorkflowEnvironment) => void, per: 'test' | 'file' = 'test'): void {
  let env: TestWorkflowEnvironment | undefined;
  (per === 'test' ? beforeEach : beforeAll)(async () => {
    env = await createTimeSkippingEnv();
    use(env);
  });
  (per === 'test' ? afterEach : afterAll)(async () => {
    await env?.teardown();
    env = undefined;
  });
}

/** A server for one run of `body`, torn down after it whatever happens. */
export async function withTimeSkippingServer<T>(body: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> {
  const env = await createTimeSkippingEnv();
  try {
    return await body(env);
  } finally {
    await env.teardown();
  }
}

/** The server's clock as an ISO instant (it stands still between sleeps). */
export async function serverNow(env: TestWorkflowEnvironment): Promise<string> {
  return new Date(Number(await env.currentTimeMs())).toISOString();
}
