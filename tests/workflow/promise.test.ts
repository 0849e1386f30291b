/**
 * 告知承诺 on the time-skipping server: the post-check is due on the official calendar and,
 * not done by then, turns overdue with a red card at that instant (recorded, the coordinator
 * told), after a yellow card 3 working days before (patch legal); a promise found false reaches the credit records through the wake's activity.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { decide, decideAndView, startProject, viewProject } from '../../client/projects';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { actors, PROMISED_CONDITIONS, promiseProjectInput } from '../fixtures/promise-spec';
import { acceptPreparation } from '../fixtures/small-spec';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { eventually } from '../helpers/eventually';
import { testWorker } from '../helpers/worker';
import type { MemoryReadModel } from '../../activities/read-model';

const cal = new WorkingCalendar(buildOfficialSnapshot());
const item = 'energy-review';

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

const nowOnServer = () => serverNow(env);

/** Started, preparation accepted, the promise signed and the energy review approved on it: the view then. */
async function approvedOnPromise(taskQueue: string, project: ReturnType<typeof promiseProjectInput>) {
  await startProject(env.client, taskQueue, project);
  await acceptPreparation(env.client, project.projectId);
  await decide(env.client, project.projectId, actors.enterprise, { type: 'signPromise', itemId: item, conditions: PROMISED_CONDITIONS });
  return decideAndView(env.client, project.projectId, actors.energy, { type: 'approveOnPromise', itemId: item });
}

test('the post-check is due 5 working days after the approval on the promise; not done by then, it is overdue with a red card at that instant', async () => {
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = promiseProjectInput('pc', '承诺核查项目', await nowOnServer());
    const approved = await approvedOnPromise(taskQueue, project);
    const promise = approved.promises![0]!;
    expect(promise).toMatchObject({ itemId: item, status: 'pendingCheck', card: 'green' });
    expect(promise.checkDueAt).toBe(cal.dueInstant(cal.dateOf(promise.approvedAt!), 5));

    await env.sleep(Date.parse(promise.checkDueAt!) - Date.parse(await nowOnServer()) + 1000);
    const after = await viewProject(env.client, project.projectId);
    expect(after.promises![0]).toMatchObject({ status: 'overdue', card: 'red' });
    expect(after.worstCard).toBe('red');
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.filter((h) => h.type === 'postCheckOverdue')).toEqual([expect.objectContaining({ at: promise.checkDueAt, itemId: item })]);
  });
  expect((await outbox.list()).filter((n) => n.audience === 'coordinator').map((n) => n.message)).toEqual(
    expect.arrayContaining([expect.stringContaining(`red card, post-check of ${item} overdue`)]),
  );
});

test('the post-check warns with a yellow card 3 working days before it is due, at that instant on the timer; the read model and the coordinator have it', async () => {
  const { worker, taskQueue, outbox, readModel } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = promiseProjectInput('pw', '承诺核查预警', await nowOnServer());
    const approved = await approvedOnPromise(taskQueue, project);
    const { approvedAt, checkDueAt } = approved.promises![0]!;
    // The legal clock's yellow rule on 5 working days with 3 of warning: from the end of the 2nd working day after the approval.
    const yellowAt = cal.dueInstant(cal.dateOf(approvedAt!), 5 - 3);
    await env.sleep(Date.parse(yellowAt) - Date.parse(await nowOnServer()) - 60_000);
    expect((await viewProject(env.client, project.projectId)).promises![0]!.card).toBe('green');
    await env.sleep(120_000);
    expect((await viewProject(env.client, project.projectId)).promises![0]).toMatchObject({ status: 'pendingCheck', card: 'yellow' });
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.filter((h) => h.type === 'postCheckYellowCard')).toEqual([expect.objectContaining({ at: yellowAt, itemId: item })]);
    const rows = await eventually(
      async () => (readModel as MemoryReadModel).byProject.get(project.projectId)!,
      (r) => r.tasks.some((t) => t.task.card === 'yellow'),
    );
    expect(rows.tasks.filter((t) => t.task.itemId === item)).toEqual([
      { audience: 'department:energy', task: expect.objectContaining({ kind: 'verifyPromise', card: 'yellow', dueAt: checkDueAt }) },
    ]);
    expect(rows.project.worstCard).toBe('yellow');
  });
  expect((await outbox.list()).filter((n) => n.audience === 'coordinator' && n.message.includes(`yellow card, post-check of ${item}`))).toHaveLength(1);
});

test('a promise found false: the approval revoked and a credit record written through the activity, once', async () => {
  const { worker, taskQueue, credit } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = promiseProjectInput('pf', '虚假承诺项目', await nowOnServer());
    await approvedOnPromise(taskQueue, project);
    const view = await decideAndView(env.client, project.projectId, actors.energy, { type: 'findPromiseFalse', itemId: item, reason: '实际能耗超标' });
    expect(view.reviews.find((r) => r.itemId === item)).toMatchObject({ status: 'correction', reason: '撤销: written promise found false: 实际能耗超标' });
    const written = await eventually(
      () => credit.list(),
      (records) => records.length > 0,
    );
    expect(written).toEqual([
      expect.objectContaining({ enterpriseId: project.enterpriseId, projectId: project.projectId, itemId: item, reason: '实际能耗超标' }),
    ]);
  });
});
