/**
 * 联合验收 on the time-skipping server: the joint acceptance's clock runs on the official
 * calendar and does not count the working days the enterprise spends rectifying; the combined
 * conclusion cannot be issued while a part waits for its re-inspection, and goes out with the
 * stage's results once every part has passed.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { decide, decideAndView, startProject, viewProject } from '../../client/projects';
import { actors, jointProjectInput, JOINT_MATERIALS } from '../fixtures/joint-spec';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

const cal = new WorkingCalendar(buildOfficialSnapshot());

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

const nowOnServer = () => serverNow(env);
/** Sleeps on the server until 10:00 Shanghai of `date`. */
const sleepUntil = async (date: string) => env.sleep(Date.parse(`${date}T10:00:00+08:00`) - Date.parse(await nowOnServer()));

test('one rectification: its working days are left out of the clock, and the conclusion waits for the re-inspection', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = jointProjectInput('ja', '联合验收项目', await nowOnServer());
    const id = project.projectId;
    await startProject(env.client, taskQueue, project);
    await decide(env.client, id, actors.enterprise, { type: 'submitApplication', stageId: 'acceptance', form: {}, materials: JOINT_MATERIALS });
    const opened = await decideAndView(env.client, id, actors.coordinator, { type: 'decideIntake', stageId: 'acceptance', decision: 'accept' });
    const startDay = cal.dateOf(opened.joint![0]!.clock.startedAt);
    const visit = cal.addWorkdays(startDay, 2).date;
    await decide(env.client, id, actors.coordinator, { type: 'proposeSiteVisit', stageId: 'acceptance', date: visit });
    await decide(env.client, id, actors.planning, { type: 'confirmSiteVisit', itemId: 'planning-verification' });
    await decide(env.client, id, actors.fire, { type: 'confirmSiteVisit', itemId: 'fire-acceptance' });

    await sleepUntil(visit);
    await decide(env.client, id, actors.planning, { type: 'recordInspection', itemId: 'planning-verification', outcome: 'pass', findings: '符合规划条件' });
    const ordered = await decideAndView(env.client, id, actors.fire, {
      type: 'recordInspection',
      itemId: 'fire-acceptance',
      outcome: 'rectify',
      findings: '疏散指示标志缺失',
      rectifyWithinDays: 10,
    });
    const before = ordered.joint![0]!.clock;
    expect(ordered.joint![0]!.status).toBe('rectifying');

    // Five working days of rectification on the server: the clock does not move, its due date does.
    const reportDay = cal.addWorkdays(visit, 5).date;
    await sleepUntil(reportDay);
    const during = await viewProject(env.client, id);
    expect(during.joint![0]!.clock).toMatchObject({ paused: true, elapsed: before.elapsed, remaining: before.remaining });
    await expect(decide(env.client, id, actors.coordinator, { type: 'issueResults', stageId: 'acceptance' })).rejects.toThrow(
      /every review of the stage is approved/,
    );

    await decide(env.client, id, actors.enterprise, { type: 'reportRectification', stageId: 'acceptance', note: '已增设疏散指示标志' });
    const reinspectDay = cal.addWorkdays(reportDay, 1).date;
    await sleepUntil(reinspectDay);
    const passed = await decideAndView(env.client, id, actors.fire, {
      type: 'recordInspection',
      itemId: 'fire-acceptance',
      outcome: 'pass',
      findings: '整改到位',
    });
    const clock = passed.joint![0]!.clock;
    // Counted: the two days up to the visit and the re-inspection day (the stop day counts); the
    // pause takes (visit, report], so the report day is the enterprise's, like the rectification days.
    expect(clock).toMatchObject({ rectificationDays: 5, elapsed: 2 + 1, paused: false });
    expect(clock.elapsed).toBe(cal.workdaysBetween(startDay, reinspectDay).count - 5);
    expect(passed.joint![0]!.status).toBe('passed');

    const issued = await decideAndView(env.client, id, actors.coordinator, { type: 'issueResults', stageId: 'acceptance' });
    expect(issued.results.map((r) => r.resultId)).toEqual(['planning-verification-opinion', 'fire-acceptance-opinion', 'joint-acceptance-opinion']);
    expect(issued.status).toBe('complete');
  });
});
