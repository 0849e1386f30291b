/** Connects a test to the dev server that the integration layer's global setup started. */
import { TestWorkflowEnvironment } from '@temporalio/testing';

export function connectToDevServer(): Promise<TestWorkflowEnvironment> {
  const address = process.env.TEMPORAL_TEST_DEV_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_DEV_ADDRESS is not set: run through jest (globalSetup starts the dev server)');
  return TestWorkflowEnvironment.createFromExistingServer({ address });
}
