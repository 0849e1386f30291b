/** Stops the dev server that global-setup.ts started. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __e2eDevServer?: TestWorkflowEnvironment }).__e2eDevServer?.teardown();
}
