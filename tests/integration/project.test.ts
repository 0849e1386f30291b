/**
 * A whole default project on the real dev server: three stages through the update
 * validator, search attributes kept for operators' visibility queries (inboxes read the read
 * model: since patch history-200 the departments a review waits on are no longer upserted).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { driveProject, stageApplication } from '../../client/scenario';
import { decide, decideAndView } from '../../client/projects';
import { projectWorkflowId } from '../../workflows/messages';
import { connectToDevServer } from '../helpers/dev-server';
import { actorsFor, registerDefaultProject } from '../helpers/projects';
import { testWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await connectToDevServer();
});
afterAll(async () => {
  await env?.teardown();
});

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('operators find a project under review by its enterprise, stage and status in a visibility query', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const enterpriseId = `ent-${randomUUID().slice(0, 6)}`;
    const { projectId, definition } = await registerDefaultProject(env.client, taskQueue, { projectId: `it-${randomUUID().slice(0, 8)}`, enterpriseId });
    const actors = actorsFor(definition, enterpriseId);
    const first = definition.stages[0]!;
    const { materials, formFields } = await stageApplication(env.client, projectId, first.id);
    const form = Object.fromEntries(formFields.map((f) => [f.id, '示例']));
    await decide(env.client, projectId, actors.enterprise, { type: 'submitApplication', stageId: first.id, form, materials });
    const view = await decideAndView(env.client, projectId, actors.coordinator, { type: 'decideIntake', stageId: first.id, decision: 'accept' });
    expect(view.reviews.some((r) => r.status === 'inReview')).toBe(true);
    const query = `ApprovalsEnterprise = '${enterpriseId}' AND ApprovalsStage = '${first.id}' AND ApprovalsStatus = 'active'`;
    const found = await eventually(
      async () => {
        const ids: string[] = [];
        for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
        return ids;
      },
      (ids) => ids.length > 0,
    );
    expect(found).toEqual([projectWorkflowId(projectId)]);
  });
});

test('a whole default project runs to completion on the dev server', async () => {
  const { worker, taskQueue, supervision } = await testWorker(env);
  await worker.runUntil(async () => {
    const { projectId, definition } = await registerDefaultProject(env.client, taskQueue, { projectId: `it-${randomUUID().slice(0, 8)}` });
    const view = await driveProject(env.client, projectId, actorsFor(definition), { rate: true });
    expect(view.status).toBe('complete');
    expect(view.stages.map((s) => s.status)).toEqual(definition.stages.map(() => 'complete'));
    const result = await env.client.workflow.getHandle(projectWorkflowId(projectId)).result();
    expect(result.ratings).toHaveLength(definition.stages.length);
  });
  expect((await supervision.list()).length).toBeGreaterThan(0);
});
