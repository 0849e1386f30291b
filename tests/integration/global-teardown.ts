/** Stops the dev server that global-setup.ts started: no process is left behind. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export default async function globalTeardown(): Promise<void> {
  const env = (globalThis as { __devServer?: TestWorkflowEnvironment }).__devServer;
  await env?.teardown();
}
