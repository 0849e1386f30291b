/**
 * The project workflow on the time-skipping server: deadlines measured in working days pass
 * in seconds, and every human decision goes through the update validator.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { DecisionError, decide, startProject, viewProject } from '../../client/projects';
import type { TProjectInput } from '../../workflows/engine/state';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { actors, ENTERPRISE, smallSpec } from '../fixtures/small-spec';
import { createTimeSkippingEnv } from '../helpers/servers';
import { testWorker } from '../helpers/worker';

const calendar = buildOfficialSnapshot();
const cal = new WorkingCalendar(calendar);
const ALL_PREP = ['site-plan', 'bank-letter', 'eia-report', 'public-notice-proof'];

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

// A project left running after its test's worker stops would hold a workflow task that no one
// polls, and the time-skipping server does not skip time while a task is outstanding.
const started: string[] = [];
afterEach(async () => {
  for (const id of started.splice(0)) await env.client.workflow.getHandle(projectWorkflowId(id)).terminate('test finished').catch(() => undefined);
});

function input(): TProjectInput {
  const projectId = `t-${randomUUID().slice(0, 8)}`;
  started.push(projectId);
  return {
    projectId,
    title: '测试项目',
    enterpriseId: ENTERPRISE,
    attributes: {},
    spec: smallSpec,
    calendar,
    registeredAt: new Date().toISOString(),
    registeredBy: actors.coordinator,
  };
}

async function nowOnServer(): Promise<string> {
  return new Date(Number(await env.currentTimeMs())).toISOString();
}

test('a malformed or unauthorised decision is refused by the validator and leaves no trace in history', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = input();
    await startProject(env.client, taskQueue, project);
    await expect(
      decide(env.client, project.projectId, actors.otherEnterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: [] }),
    ).rejects.toThrow(new DecisionError("submitApplication: only the project's enterprise may do this"));
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
    const view = await decide(env.client, project.projectId, actors.enterprise, {
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
    await decide(env.client, project.projectId, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ['site-plan', 'eia-report', 'public-notice-proof'] });
    const view = await decide(env.client, project.projectId, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' });
    const commitment = view.commitments[0]!;
    expect(commitment).toMatchObject({ materialId: 'bank-letter', status: 'open' });
    await decide(env.client, project.projectId, actors.planning, { type: 'approveReview', itemId: 'land-planning' });
    await decide(env.client, project.projectId, actors.environment, { type: 'approveReview', itemId: 'eia' });
    await env.sleep(Date.parse(commitment.dueAt) - Date.parse(await nowOnServer()) + 1000);
    const after = await viewProject(env.client, project.projectId);
    expect(after.commitments[0]).toMatchObject({ status: 'expired', expiredAt: commitment.dueAt });
    await expect(decide(env.client, project.projectId, actors.coordinator, { type: 'issueResults', stageId: 'preparation' })).rejects.toThrow(/results withheld/);
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
    await decide(env.client, project.projectId, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
    const view = await decide(env.client, project.projectId, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
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
