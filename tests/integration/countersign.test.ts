/** Countersign on the real dev server: real timers, real visibility. */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { countersignWorkflow } from '../../workflows';
import { countersignStatusQuery, signOffSignal } from '../../workflows/shared';
import { connectToDevServer } from '../helpers/dev-server';
import { testWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await connectToDevServer();
});
afterAll(async () => {
  await env?.teardown();
});

test('a short real deadline wins over a missing sign-off', async () => {
  const { worker, taskQueue } = await testWorker(env);
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(countersignWorkflow, {
      taskQueue,
      workflowId: `countersign-${randomUUID()}`,
      args: [{ subject: 'site check', departments: ['planning', 'fire'], deadline: '2 seconds' }],
    });
    await handle.signal(signOffSignal, { department: 'planning', by: 'p' });
    return handle.result();
  });
  expect(result).toEqual({ outcome: 'deadline-passed', signed: ['planning'], missing: ['fire'] });
});

test('parallel sign-offs complete the round and the state is queryable meanwhile', async () => {
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(countersignWorkflow, {
      taskQueue,
      workflowId: `countersign-${randomUUID()}`,
      args: [{ subject: 'joint acceptance', departments: ['fire', 'planning', 'housing'], deadline: '1 hour' }],
    });
    await handle.signal(signOffSignal, { department: 'housing', by: 'h' });
    await handle.signal(signOffSignal, { department: 'fire', by: 'f' });
    const status = await handle.query(countersignStatusQuery);
    expect(status.pending).toEqual(['planning']);
    await handle.signal(signOffSignal, { department: 'planning', by: 'p' });
    expect((await handle.result()).outcome).toBe('all-signed');
  });
  expect(await outbox.list()).toHaveLength(1);
});
