/**
 * Issue 14's acts on the time-skipping server: a refused application (不予受理) is never deemed
 * accepted when its intake limit passes on real timers, and a decision's delivery clock (送达,
 * 行政许可法 art. 44) gives its yellow and red cards at their exact instants, once each — also
 * after the project has ended (patch legal), so the read model has them.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { decide, decideAndView, startProject, viewProject } from '../../client/projects';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { acceptPreparation, actors, ALL_PREP, smallProjectInput } from '../fixtures/small-spec';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';
import type { MemoryReadModel } from '../../activities/read-model';

const cal = new WorkingCalendar(buildOfficialSnapshot());

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

const nowOnServer = () => serverNow(env);

test('a refused application is never deemed accepted: its intake limit passes on real timers and it stays refused', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = smallProjectInput('refused', '不予受理');
    await startProject(env.client, taskQueue, project);
    const view = await decideAndView(env.client, project.projectId, actors.enterprise, {
      type: 'submitApplication',
      stageId: 'preparation',
      form: { projectName: 'X' },
      materials: ALL_PREP,
    });
    const due = view.stages[0]!.intakeDueAt!;
    await decide(env.client, project.projectId, actors.coordinator, {
      type: 'refuseIntake',
      stageId: 'preparation',
      reasonCode: 'not-licensable',
      reason: '备案类事项无需许可',
    });
    await env.sleep(Date.parse(due) - Date.parse(await nowOnServer()) + 86_400_000);
    const after = await viewProject(env.client, project.projectId);
    expect(after.stages[0]).toMatchObject({
      status: 'refused',
      acceptance: null,
      refusal: { reasonCode: 'not-licensable', label: '申请事项依法不需要取得行政许可' },
    });
    expect(after.reviews.every((r) => r.status === 'pending')).toBe(true);
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.map((h) => h.type)).toEqual(['registered', 'submitApplication', 'intakeRefused']);
  });
});

test("a licence's delivery clock: yellow with 3 working days left, red at its due instant, each announced once; delivered late it keeps red", async () => {
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = smallProjectInput('delivery', '送达');
    await startProject(env.client, taskQueue, project);
    await acceptPreparation(env.client, project.projectId);
    await decide(env.client, project.projectId, actors.planning, { type: 'approveReview', itemId: 'land-planning' });
    await decide(env.client, project.projectId, actors.environment, { type: 'approveReview', itemId: 'eia' });
    const issued = await decideAndView(env.client, project.projectId, actors.coordinator, { type: 'issueResults', stageId: 'preparation' });
    const delivery = issued.deliveries!.find((d) => d.itemId === 'eia')!;
    expect(delivery.dueAt).toBe(cal.dueInstant(cal.dateOf(delivery.decidedAt), 10));
    await env.sleep(Date.parse(delivery.dueAt) - Date.parse(await nowOnServer()) + 60_000);
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    const cards = history.filter((h) => h.itemId === 'eia' && /^delivery/.test(h.type));
    expect(cards.map((c) => [c.type, c.at])).toEqual([
      ['deliveryYellowCard', cal.dueInstant(cal.dateOf(delivery.decidedAt), 10 - 3)],
      ['deliveryRedCard', delivery.dueAt],
    ]);
    await decide(env.client, project.projectId, actors.coordinator, { type: 'deliverResult', itemId: 'eia', way: 'mailed', note: 'EMS' });
    const after = await viewProject(env.client, project.projectId);
    expect(after.deliveries!.find((d) => d.itemId === 'eia')).toMatchObject({ status: 'delivered', card: 'red', delivery: { way: 'mailed' } });
  });
  const red = (await outbox.list()).filter((n) => n.audience === 'coordinator' && n.message.includes('red card on the delivery of eia'));
  expect(red).toHaveLength(1);
});

test('after the project ended: a refusal still to be delivered gets its yellow and red cards on the timer, recorded, told and published to the read model', async () => {
  const { worker, taskQueue, outbox, readModel } = await testWorker(env);
  const rows = readModel as MemoryReadModel;
  await worker.runUntil(async () => {
    const project = smallProjectInput('delivery-end', '送达在结束后');
    await startProject(env.client, taskQueue, project);
    await acceptPreparation(env.client, project.projectId);
    // The refusal ends the project (rejected) and opens the delivery of the 不予行政许可决定书.
    const refused = await decideAndView(env.client, project.projectId, actors.planning, {
      type: 'rejectReview',
      itemId: 'land-planning',
      reason: '不符合规划',
    });
    expect(refused.status).toBe('rejected');
    const delivery = refused.deliveries!.find((d) => d.itemId === 'land-planning')!;
    const yellowAt = cal.dueInstant(cal.dateOf(delivery.decidedAt), 10 - 3);
    await env.sleep(Date.parse(yellowAt) - Date.parse(await nowOnServer()) + 60_000);
    expect(rows.byProject.get(project.projectId)!.project).toMatchObject({ status: 'rejected', worstCard: 'yellow' });
    await env.sleep(Date.parse(delivery.dueAt) - Date.parse(await nowOnServer()) + 60_000);
    expect(rows.byProject.get(project.projectId)!.project.worstCard).toBe('red');
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.filter((h) => h.itemId === 'land-planning' && /^delivery/.test(h.type)).map((c) => [c.type, c.at])).toEqual([
      ['deliveryYellowCard', yellowAt],
      ['deliveryRedCard', delivery.dueAt],
    ]);
    // Delivered late: the window still takes it, and the workflow ends once the enterprise has rated.
    await decide(env.client, project.projectId, actors.coordinator, { type: 'deliverResult', itemId: 'land-planning', way: 'collected' });
    expect((await viewProject(env.client, project.projectId)).deliveries![0]).toMatchObject({ status: 'delivered', card: 'red' });
  });
  const told = (await outbox.list()).filter((n) => n.audience === 'coordinator' && n.message.includes('card on the delivery of land-planning'));
  expect(told.map((n) => n.message.replace(/^.*: /, ''))).toEqual([
    'yellow card on the delivery of land-planning',
    'red card on the delivery of land-planning',
  ]);
});
