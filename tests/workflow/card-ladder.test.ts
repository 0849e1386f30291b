/**
 * The Zhanjiang/Dongguan card ladder on the time-skipping server: a reminder and a warning before
 * the promised due date, a yellow card once it has passed, a 督办 with a deadline in working days,
 * and a red card at that deadline — each on the workflow's own timer, at its exact instant, once,
 * and told to the department.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { decideAndView, startProject, viewProject } from '../../client/projects';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { ladderProjectInput } from '../fixtures/ladder-spec';
import { acceptPreparation, actors } from '../fixtures/small-spec';
import { serverNow, withTimeSkippingServer } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

const cal = new WorkingCalendar(buildOfficialSnapshot());

test('Zhanjiang ladder: reminder and warning before the due date, yellow once overdue, 督办, red when its period runs out', async () => {
  await withTimeSkippingServer(zhanjiangOnTimers);
});

async function zhanjiangOnTimers(env: TestWorkflowEnvironment): Promise<void> {
  const nowOnServer = () => serverNow(env);
  const sleepPast = async (instant: string) => env.sleep(Date.parse(instant) - Date.parse(await nowOnServer()) + 60_000);
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = ladderProjectInput('ladder', '湛江督办', await nowOnServer());
    await startProject(env.client, taskQueue, project);
    const accepted = await acceptPreparation(env.client, project.projectId);
    const land = accepted.reviews.find((r) => r.itemId === 'land-planning')!;
    const start = cal.dateOf(land.startedAt!);
    // Promised 10 working days: the warning from 00:00 of the day 3 remain, the reminders 5 and 1 days before.
    const warningAt = cal.dueInstant(start, 7);
    await sleepPast(warningAt);
    expect((await viewProject(env.client, project.projectId)).reviews.find((r) => r.itemId === 'land-planning')!.clock!.card).toBe('warning');
    await sleepPast(land.clock!.promisedDueAt);
    expect((await viewProject(env.client, project.projectId)).reviews.find((r) => r.itemId === 'land-planning')!.clock!.card).toBe('yellow');
    // The coordinator acts in office hours (workflow code reads instants between 00:00 and 08:00 Beijing time as the day before; see the report).
    await env.sleep('10 hours');

    const ordered = await decideAndView(env.client, project.projectId, actors.coordinator, {
      type: 'issueSupervisionOrder',
      itemId: 'land-planning',
      days: 2,
      reason: '逾期未办结, 限期办结',
    });
    const order = ordered.supervisionOrders!.find((o) => o.itemId === 'land-planning')!;
    expect(order.deadlineAt).toBe(cal.dueInstant(cal.dateOf(order.issuedAt), 2));
    expect(order.open).toBe(true);
    await sleepPast(order.deadlineAt);
    expect((await viewProject(env.client, project.projectId)).reviews.find((r) => r.itemId === 'land-planning')!.clock!.card).toBe('red');

    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.filter((h) => h.itemId === 'land-planning' && h.actor.role === 'system' && h.type !== 'dispatched').map((h) => [h.type, h.at])).toEqual([
      ['reminder', cal.dueInstant(start, 5)],
      ['warningCard', warningAt],
      ['reminder', cal.dueInstant(start, 9)],
      ['yellowCard', land.clock!.promisedDueAt],
      ['redCard', order.deadlineAt],
    ]);
    expect(history.filter((h) => h.type === 'supervisionOrderIssued')).toEqual([
      expect.objectContaining({ itemId: 'land-planning', reason: '逾期未办结, 限期办结', actor: expect.objectContaining({ role: 'coordinator' }) }),
    ]);
  });
  const toPlanning = (await outbox.list()).filter((n) => n.audience === 'department' && n.recipient === 'planning').map((n) => n.message);
  expect(toPlanning.filter((m) => !m.endsWith('to review'))).toEqual([
    '湛江督办: land-planning is due in 5 working days',
    'land-planning: warning (预警)',
    '湛江督办: land-planning is due in 1 working days',
    'land-planning: yellow card (黄牌)',
    expect.stringMatching(/^湛江督办: 督办 on land-planning, finish by .*: 逾期未办结, 限期办结$/),
    'land-planning: red card (红牌)',
  ]);
}
