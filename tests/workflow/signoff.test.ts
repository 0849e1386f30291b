/**
 * Issue 15 on the time-skipping server: a review through its three-step sign-off chain with a
 * send-back and a transfer of the task; the decision takes effect with the approver's
 * signature, every signature is in the history, and the legal due date is the one the review
 * got at dispatch (the clock runs across the chain, never stops for it).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { signoffScenario } from '../fixtures/signoff-spec';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

test('three-step chain with a send-back and a transfer: approved with conditions by the approver, legal due unchanged', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const projectId = `signoff-${Date.now()}`;
    const now = await serverNow(env);
    const { accepted, signed } = await signoffScenario(env.client, taskQueue, projectId, now);
    const eia = (v: typeof signed) => v.reviews.find((r) => r.itemId === 'eia')!;
    expect(eia(signed)).toMatchObject({ status: 'approvedWithConditions', conditions: '落实环评批复要求', assignee: { userId: 'e-handler-2' } });
    expect(eia(signed).signoff).toBeUndefined();
    expect(eia(signed).clock!.legalDueAt).toBe(eia(accepted).clock!.legalDueAt);
    const history = await env.client.workflow.getHandle(projectWorkflowId(projectId)).query(historyQuery);
    const chain = history.filter((h) => h.itemId === 'eia' && h.type !== 'dispatched').map((h) => [h.type, h.actor.userId]);
    expect(chain).toEqual([
      ['taskClaimed', 'e-handler'],
      ['taskTransferred', 'e-handler'],
      ['decisionDrafted', 'e-handler-2'],
      ['decisionSigned', 'e-reviewer'],
      ['decisionSentBack', 'e-approver'],
      ['decisionDrafted', 'e-handler-2'],
      ['decisionSigned', 'e-reviewer'],
      ['decisionSigned', 'e-approver'],
      ['approvedWithConditions', 'e-approver'],
    ]);
    expect(history.find((h) => h.type === 'taskTransferred')!.reason).toBe('出差');
    expect(history.find((h) => h.type === 'decisionSentBack')!.reason).toBe('应写明批复条件');
  });
});
