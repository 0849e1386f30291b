/** Countersign on the time-skipping server: a 30-day deadline passes in seconds. */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { countersignWorkflow } from '../../workflows';
import { signOffSignal } from '../../workflows/shared';
import { onTimeSkippingServer } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started), 'file');

test('deadline passes after 30 days with one department missing, and the coordinator is told', async () => {
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(countersignWorkflow, {
      taskQueue,
      workflowId: `countersign-${randomUUID()}`,
      args: [{ subject: 'fire design', departments: ['fire', 'civil-air-defence'], deadline: '30 days' }],
    });
    await handle.signal(signOffSignal, { department: 'fire', by: 'reviewer-1' });
    const result = await handle.result();
    expect(result).toEqual({ outcome: 'deadline-passed', signed: ['fire'], missing: ['civil-air-defence'] });
    const { startTime, closeTime } = await handle.describe();
    expect((closeTime!.getTime() - startTime.getTime()) / 86_400_000).toBeGreaterThanOrEqual(30);
  });
  expect(await outbox.list()).toEqual([expect.objectContaining({ audience: 'coordinator', message: 'fire design: missing civil-air-defence' })]);
});

test('both parallel sign-offs before the deadline complete the round without waiting for the timer', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(countersignWorkflow, {
      taskQueue,
      workflowId: `countersign-${randomUUID()}`,
      args: [{ subject: 'drawings', departments: ['fire', 'planning'], deadline: '30 days' }],
    });
    // Signals in reverse order: parallel review has no order.
    await handle.signal(signOffSignal, { department: 'planning', by: 'p' });
    await handle.signal(signOffSignal, { department: 'fire', by: 'f' });
    const result = await handle.result();
    expect(result.outcome).toBe('all-signed');
    expect(result.signed).toEqual(['fire', 'planning']);
    const { startTime, closeTime } = await handle.describe();
    expect(closeTime!.getTime() - startTime.getTime()).toBeLessThan(86_400_000);
  });
});
