/**
 * The project workflow on the time-skipping server: deadlines measured in working days pass
 * in seconds, and every human decision goes through the update validator.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { DecisionError, decide, decideAndView, refreshCalendar, startProject, viewProject } from '../../client/projects';
import { MemoryOutbox, type TNotification } from '../../activities';
import { SA } from '../../workflows/search-attributes';
import { driveProject, stageApplication } from '../../client/scenario';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { acceptPreparation, actors, ALL_PREP, smallProjectInput } from '../fixtures/small-spec';
import { actorsFor, registerDefaultProject } from '../helpers/projects';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

const calendar = buildOfficialSnapshot();
const cal = new WorkingCalendar(calendar);

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

const input = () => smallProjectInput('t', '测试项目');

const nowOnServer = () => serverNow(env);

test('a malformed or unauthorised decision is refused by the validator and leaves no trace in history', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = input();
    await startProject(env.client, taskQueue, project);
    await expect(
      decide(env.client, project.projectId, actors.otherEnterprise, {
        type: 'submitApplication',
        stageId: 'preparation',
        form: { projectName: 'X' },
        materials: [],
      }),
    ).rejects.toThrow(new DecisionError(`project '${project.projectId}' not found`));
    // Told nothing about the project: the refusal's code says why, for the service's 404.
    await expect(decide(env.client, project.projectId, actors.otherEnterprise, { type: 'withdraw', reason: '试探' } as never)).rejects.toMatchObject({
      details: { code: 'NOT_VISIBLE', path: 'id' },
    });
    await expect(decide(env.client, project.projectId, actors.enterprise, { type: 'submitApplication', stageId: 'nope' } as never)).rejects.toThrow(
      /command: (form|materials)/,
    );
    await expect(decide(env.client, project.projectId, actors.coordinator, { type: 'approveReview', itemId: 'eia' })).rejects.toThrow(DecisionError);

    const handle = env.client.workflow.getHandle(projectWorkflowId(project.projectId));
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);
    expect((await handle.query(historyQuery)).map((h) => h.type)).toEqual(['registered']);
  });
});

test('intake not decided within 5 working days counts as accepted (art. 32), on real timers', async () => {
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = input();
    await startProject(env.client, taskQueue, project);
    const view = await decideAndView(env.client, project.projectId, actors.enterprise, {
      type: 'submitApplication',
      stageId: 'preparation',
      form: { projectName: 'X' },
      materials: ALL_PREP,
    });
    const due = view.stages[0]!.intakeDueAt!;
    expect(due).toBe(cal.dueInstant(cal.dateOf(view.stages[0]!.submittedAt!), 5));
    await env.sleep(Date.parse(due) - Date.parse(await nowOnServer()) + 60_000);
    const after = await viewProject(env.client, project.projectId);
    expect(after.stages[0]).toMatchObject({ status: 'inReview', acceptance: 'deemed', acceptedAt: due });
    expect(after.reviews.filter((r) => r.status === 'inReview').map((r) => r.itemId)).toEqual(['land-planning', 'eia', 'fire-design']);
  });
  expect((await outbox.list()).map((n) => n.message)).toEqual(expect.arrayContaining([expect.stringContaining('deemed accepted')]));
});

test('tolerance commitment expires on its working-day deadline: coordinator alerted, results withheld', async () => {
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = input();
    await startProject(env.client, taskQueue, project);
    await decide(env.client, project.projectId, actors.enterprise, {
      type: 'submitApplication',
      stageId: 'preparation',
      form: { projectName: 'X' },
      materials: ['site-plan', 'eia-report', 'public-notice-proof'],
    });
    const view = await decideAndView(env.client, project.projectId, actors.coordinator, {
      type: 'decideIntake',
      stageId: 'preparation',
      decision: 'acceptWithTolerance',
    });
    const commitment = view.commitments[0]!;
    expect(commitment).toMatchObject({ materialId: 'bank-letter', status: 'open' });
    await decide(env.client, project.projectId, actors.planning, { type: 'approveReview', itemId: 'land-planning' });
    await decide(env.client, project.projectId, actors.environment, { type: 'approveReview', itemId: 'eia' });
    await env.sleep(Date.parse(commitment.dueAt) - Date.parse(await nowOnServer()) + 1000);
    const after = await viewProject(env.client, project.projectId);
    expect(after.commitments[0]).toMatchObject({ status: 'expired', expiredAt: commitment.dueAt });
    await expect(decide(env.client, project.projectId, actors.coordinator, { type: 'issueResults', stageId: 'preparation' })).rejects.toThrow(
      /results withheld/,
    );
  });
  expect((await outbox.list()).filter((n) => n.audience === 'coordinator').map((n) => n.message)).toEqual(
    expect.arrayContaining([expect.stringContaining('commitment for bank-letter expired')]),
  );
});

test('yellow then red card at the exact instants, announced once each', async () => {
  const { worker, taskQueue, outbox } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = input();
    await startProject(env.client, taskQueue, project);
    const view = await acceptPreparation(env.client, project.projectId);
    // The fire pre-review has the shortest limit (5 promised working days, yellow at 2 left).
    const fire = view.reviews.find((r) => r.itemId === 'fire-design')!;
    await env.sleep(Date.parse(fire.clock!.promisedDueAt) - Date.parse(await nowOnServer()) + 60_000);
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    const cards = history.filter((h) => h.itemId === 'fire-design' && /Card$/.test(h.type));
    expect(cards.map((c) => c.type)).toEqual(['yellowCard', 'redCard']);
    expect(cards[1]!.at).toBe(fire.clock!.promisedDueAt);
    // Yellow when 2 working days remain: at the end of the third working day.
    const started = cal.dateOf(fire.startedAt!);
    expect(Date.parse(cards[0]!.at)).toBe(Date.parse(cal.dueInstant(started, 5 - 2)));
    const after = await viewProject(env.client, project.projectId);
    expect(after.worstCard).toBe('red');
  });
  const redNotices = (await outbox.list()).filter((n) => n.audience === 'coordinator' && n.message.includes('red card on fire-design'));
  expect(redNotices).toHaveLength(1);
});

/** Accepts the preparation stage complete; both preparation reviews and the early fire review run. */
async function acceptedProject(taskQueue: string, opts: { maxEventsPerRun?: number } = {}) {
  const project = input();
  const { firstExecutionRunId } = await startProject(env.client, taskQueue, project, opts);
  const view = await acceptPreparation(env.client, project.projectId);
  return { project, view, firstExecutionRunId };
}

test('a correction pauses the clock on real timers: the due instant moves by exactly the paused working days', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const { project, view } = await acceptedProject(taskQueue);
    const eia = view.reviews.find((r) => r.itemId === 'eia')!;
    const start = cal.dateOf(eia.startedAt!);
    await env.sleep('2 days');
    const paused = await decideAndView(env.client, project.projectId, actors.environment, {
      type: 'requestCorrection',
      itemId: 'eia',
      materials: ['eia-report'],
      reason: '结论不明确',
    });
    expect(paused.reviews.find((r) => r.itemId === 'eia')!.status).toBe('correction');
    await env.sleep('12 days');
    const resumed = await decideAndView(env.client, project.projectId, actors.enterprise, { type: 'answerCorrection', itemId: 'eia' });
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    const pausedOn = cal.dateOf(history.find((h) => h.type === 'correctionRequested')!.at);
    const resumedOn = cal.dateOf(history.find((h) => h.type === 'correctionAnswered')!.at);
    // Counted before the pause, then the rest from the day the correction was answered.
    const used = cal.workdaysBetween(start, pausedOn).count;
    const expected = cal.dueInstant(resumedOn, eia.promisedLimit - used);
    expect(resumed.reviews.find((r) => r.itemId === 'eia')!.clock!.promisedDueAt).toBe(expected);
    expect(Date.parse(expected)).toBeGreaterThan(Date.parse(eia.clock!.promisedDueAt));
  });
});

test('a special procedure pauses the clock for its announced working days and ends by itself', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const { project } = await acceptedProject(taskQueue);
    const started = await decideAndView(env.client, project.projectId, actors.environment, {
      type: 'startSpecialProcedure',
      itemId: 'eia',
      kind: 'expert-review',
      days: 5,
      reason: '组织专家评审',
    });
    const special = started.reviews.find((r) => r.itemId === 'eia')!;
    expect(special).toMatchObject({ status: 'specialProcedure', special: { kind: 'expert-review', days: 5 } });
    expect(special.special!.endsAt).toBe(cal.dueInstant(cal.dateOf(await nowOnServer()), 5));
    await env.sleep(Date.parse(special.special!.endsAt) - Date.parse(await nowOnServer()) + 60_000);
    const after = await viewProject(env.client, project.projectId);
    expect(after.reviews.find((r) => r.itemId === 'eia')!.status).toBe('inReview');
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.find((h) => h.type === 'specialProcedureElapsed')).toMatchObject({ itemId: 'eia', at: special.special!.endsAt });
  });
});

test('a rejection ends the stage and the project; the other reviews are cancelled', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const { project } = await acceptedProject(taskQueue);
    const view = await decideAndView(env.client, project.projectId, actors.planning, {
      type: 'rejectReview',
      itemId: 'land-planning',
      reason: '不符合控制性详细规划',
    });
    expect(view.status).toBe('rejected');
    expect(view.reviews.find((r) => r.itemId === 'eia')!.status).toBe('cancelled');
    await expect(decide(env.client, project.projectId, actors.environment, { type: 'approveReview', itemId: 'eia' })).rejects.toThrow(DecisionError);
  });
});

test('continue-as-new bounds each run of a long project and carries every decision over', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    // A decision records about 7 events since patch city-load: 20 is passed a few decisions after intake.
    const { project, firstExecutionRunId } = await acceptedProject(taskQueue, { maxEventsPerRun: 20 });
    await decide(env.client, project.projectId, actors.planning, { type: 'approveReview', itemId: 'land-planning' });
    await decide(env.client, project.projectId, actors.coordinator, { type: 'requestJointExtension', itemId: 'eia', days: 3, reason: '情况复杂' });
    await decide(
      env.client,
      project.projectId,
      { userId: 'gov-head', role: 'coordinator' as const, governmentHead: true as const },
      { type: 'decideJointExtension', itemId: 'eia', decision: 'approve' },
    );
    await env.sleep('3 days');
    const handle = env.client.workflow.getHandle(projectWorkflowId(project.projectId));
    expect((await handle.describe()).runId).not.toBe(firstExecutionRunId);
    const first = await env.client.workflow.getHandle(projectWorkflowId(project.projectId), firstExecutionRunId).fetchHistory();
    expect(first.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    const view = await viewProject(env.client, project.projectId);
    expect(view.reviews.find((r) => r.itemId === 'land-planning')!.status).toBe('approved');
    expect(view.reviews.find((r) => r.itemId === 'eia')!.clock!.extensionDays).toBe(3);
    const current = await handle.fetchHistory();
    expect(current.events!.length).toBeLessThan(80);
  });
});

test('a whole three-stage default project runs end to end in seconds, a day passing between decisions', async () => {
  const { worker, taskQueue, supervision } = await testWorker(env);
  await worker.runUntil(async () => {
    const { projectId, definition } = await registerDefaultProject(env.client, taskQueue, { projectId: `e2e-${randomUUID().slice(0, 8)}` });
    const view = await driveProject(env.client, projectId, actorsFor(definition), { pause: () => env.sleep('1 day') });
    expect(view.status).toBe('complete');
    expect(view.stages.map((s) => s.status)).toEqual(['complete', 'complete', 'complete']);
    expect(view.results.every((r) => r.issuedAt)).toBe(true);
    // The default Wuhan accepts on one joint site visit, concluded with its combined opinion.
    expect(view.joint?.map((j) => [j.stageId, j.status])).toEqual([['acceptance', 'passed']]);
    expect(view.results.map((r) => r.resultId)).toContain('joint-acceptance-opinion');
  });
  expect((await supervision.list()).length).toBeGreaterThan(0);
});

test('a coordinator re-plans a running project with a newer calendar; a typhoon closure moves its due dates by a day', async () => {
  // The calendar "in force now" gains a closure on the day after the review started, once the project runs.
  let overrides: Array<{ date: string; workday: boolean; name: string }> = [];
  const { worker, taskQueue } = await testWorker(env, new MemoryOutbox(), () => buildOfficialSnapshot({ overrides }));
  await worker.runUntil(async () => {
    const { project, view } = await acceptedProject(taskQueue);
    const before = view.reviews.find((r) => r.itemId === 'eia')!;
    const start = cal.dateOf(before.startedAt!);
    const firstCounted = cal.addWorkdays(start, 1).date;
    overrides = [{ date: firstCounted, workday: false, name: '台风停工' }];
    await expect(refreshCalendar(env.client, project.projectId, actors.enterprise)).rejects.toThrow(/only a coordinator/);
    const after = await refreshCalendar(env.client, project.projectId, actors.coordinator);
    expect(after.calendarFingerprint).not.toBe(view.calendarFingerprint);
    const eia = after.reviews.find((r) => r.itemId === 'eia')!;
    expect(eia.clock!.promisedDueAt).toBe(cal.dueInstant(cal.addWorkdays(start, 1).date, eia.promisedLimit));
    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.at(-1)).toMatchObject({ type: 'calendarReplaced', actor: { role: 'coordinator' } });
  });
});

test('a decision that ends the project while notifications are still going out is published to the lists', async () => {
  // Each notification takes a while, so the last decision lands while the workflow is still sending the previous ones.
  class SlowOutbox extends MemoryOutbox<TNotification> {
    override async put(entry: TNotification): Promise<boolean> {
      await new Promise((r) => setTimeout(r, 300));
      return super.put(entry);
    }
  }
  const { worker, taskQueue } = await testWorker(env, new SlowOutbox());
  await worker.runUntil(async () => {
    const { project } = await acceptedProject(taskQueue);
    for (const [actor, itemId] of [
      [actors.fire, 'fire-design'],
      [actors.planning, 'land-planning'],
      [actors.environment, 'eia'],
    ] as const) {
      await decide(env.client, project.projectId, actor, { type: 'approveReview', itemId });
    }
    await decide(env.client, project.projectId, actors.coordinator, { type: 'issueResults', stageId: 'preparation' });
    const next = await stageApplication(env.client, project.projectId, 'construction-permit');
    await decide(env.client, project.projectId, actors.enterprise, {
      type: 'submitApplication',
      stageId: 'construction-permit',
      form: Object.fromEntries(next.formFields.map((f) => [f.id, '示例'])),
      materials: next.materials,
    });
    await decide(env.client, project.projectId, actors.coordinator, { type: 'decideIntake', stageId: 'construction-permit', decision: 'accept' });
    await decide(env.client, project.projectId, actors.housing, { type: 'approveReview', itemId: 'building-permit' });
    const ended = await decideAndView(env.client, project.projectId, actors.coordinator, { type: 'issueResults', stageId: 'construction-permit' });
    expect(ended.status).toBe('complete');
    const handle = env.client.workflow.getHandle(projectWorkflowId(project.projectId));
    let status: unknown;
    for (let i = 0; i < 40 && status !== 'complete'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await handle.describe()).typedSearchAttributes.get(SA.status);
    }
    expect(status).toBe('complete');
  });
});
