/**
 * A complete default project's history stays small (issue 12: at most 200 events), on the
 * time-skipping server so the count is the same on every run. The counts by event type are
 * printed, so a regression names what grew.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { driveProject } from '../../client/scenario';
import { projectWorkflowId } from '../../workflows/messages';
import { actorsFor, registerDefaultProject } from '../helpers/projects';
import { createTimeSkippingEnv } from '../helpers/servers';
import { testWorker } from '../helpers/worker';

/** Issue 12's bound on a complete default project's history (every run, every event). */
const MAX_EVENTS = 200;
/**
 * The same project with a 送达 decision per licence makes 44 decisions instead of 28, and a
 * decision costs at least 6 events (a workflow task's 3, the Update accepted and completed, the
 * wake's local-activity marker carrying rows and effects): it cannot fit 200, but must not grow.
 */
const MAX_EVENTS_EACH_DELIVERED = 300;

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

/** Event counts of a workflow's history over all its runs, by event type (`TIMER_STARTED` …). */
async function eventsByType(workflowId: string): Promise<{ total: number; byType: Record<string, number> }> {
  const byType: Record<string, number> = {};
  let total = 0;
  let runId: string | undefined;
  do {
    const events = (await env.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    total += events.length;
    for (const e of events) {
      const name = temporal.api.enums.v1.EventType[e.eventType ?? 0]!.replace('EVENT_TYPE_', '');
      byType[name] = (byType[name] ?? 0) + 1;
    }
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return { total, byType };
}

test.each([
  ['licences delivered as issued', MAX_EVENTS, 'electronic' as const],
  ['each licence delivered by its own decision', MAX_EVENTS_EACH_DELIVERED, undefined],
])('a complete default project, rated, %s, records at most %d events', async (_name, max, deliverAtIssue) => {
  const { worker, taskQueue } = await testWorker(env);
  const projectId = `history-${deliverAtIssue ?? 'each'}`;
  const history = await worker.runUntil(async () => {
    const { definition } = await registerDefaultProject(env.client, taskQueue, { projectId });
    const view = await driveProject(env.client, projectId, actorsFor(definition), { rate: true, ...(deliverAtIssue ? { deliverAtIssue } : {}) });
    expect(view.status).toBe('complete');
    await env.client.workflow.getHandle(projectWorkflowId(projectId)).result();
    return eventsByType(projectWorkflowId(projectId));
  });
  console.log(`${projectId}: ${history.total} events`, history.byType);
  expect(history.total).toBeLessThanOrEqual(max);
});
