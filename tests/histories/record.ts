/**
 * Records full-project histories into tests/histories/*.json (`npm run record-histories`).
 * The suite replays them (tests/workflow/replay.test.ts): a change to workflow code that
 * would break projects already running fails CI. Re-record only on purpose, and keep the
 * old files — they are the running projects.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { join } from 'node:path';
import { actorsFor, registerDefaultProject } from '../helpers/projects';
import { createTimeSkippingEnv } from '../helpers/servers';
import { serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { decideAndView, refreshCalendar, startProject, viewProject } from '../../client/projects';
import { MemoryOutbox, type TNotification } from '../../activities';
import { driveProject, stageApplication } from '../../client/scenario';
import { actors, ALL_PREP, ENTERPRISE, smallProjectInput } from '../fixtures/small-spec';
import { smallSpecV2 } from '../fixtures/small-spec-v2';
import { projectWorkflowId } from '../../workflows/messages';
import type { TProjectInput } from '../../workflows/engine/state';
import type { TActor } from '../../workflows/model/actor';
import type { TCommand } from '../../workflows/model/commands';
import { ladderProjectInput } from '../fixtures/ladder-spec';
import { builtinChainScenario, signoffScenario } from '../fixtures/signoff-spec';
import { driveParkProject, parkProjectInput } from '../fixtures/park-spec';
import { actors as promiseActors, PROMISED_CONDITIONS, promiseProjectInput } from '../fixtures/promise-spec';
import { actors as jointActors, jointProjectInput, JOINT_MATERIALS } from '../fixtures/joint-spec';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';

/** Where the histories go: this folder, or `RECORD_HISTORIES_DIR` (to record every scenario afresh beside the kept ones, e.g. to compare). */
const OUT_DIR = process.env.RECORD_HISTORIES_DIR ?? __dirname;

/** One decision on the project, answered with its view (a refusal rejects). */
function stepper(client: Client, projectId: string) {
  return (actor: TActor, command: TCommand) => decideAndView(client, projectId, actor, command);
}

/** The small spec's project `title` as `projectId`, registered by the coordinator at `registeredAt` (now on the server unless given). */
async function smallProjectInputNow(env: TestWorkflowEnvironment, projectId: string, title: string, registeredAt?: string): Promise<TProjectInput> {
  return { ...smallProjectInput('replay', title), projectId, registeredAt: registeredAt ?? (await serverNow(env)) };
}

/** Starts the small spec's project (smallProjectInputNow) and returns its `step`. */
async function startSmallProject(env: TestWorkflowEnvironment, taskQueue: string, projectId: string, title: string, registeredAt?: string) {
  await startProject(env.client, taskQueue, await smallProjectInputNow(env, projectId, title, registeredAt));
  return stepper(env.client, projectId);
}

/** The enterprise applies for the construction permit with what the stage asks for; the coordinator accepts. */
async function applyForConstructionPermit(client: Client, projectId: string, step: ReturnType<typeof stepper>): Promise<void> {
  const next = await stageApplication(client, projectId, 'construction-permit');
  await step(actors.enterprise, {
    type: 'submitApplication',
    stageId: 'construction-permit',
    form: Object.fromEntries(next.formFields.map((f) => [f.id, '示例'])),
    materials: next.materials,
  });
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'construction-permit', decision: 'accept' });
}

async function main(): Promise<void> {
  const env = await createTimeSkippingEnv();
  try {
    const { worker, taskQueue } = await testWorker(env);
    await worker.runUntil(async () => {
      // default-project-read-model: the default project again, recorded once the workflow published
      // its read-model rows (patches read-model and read-model-ratings, publishProjectRows activities).
      // *-rules-2: recorded once every patch of workflows/project.ts was in place (engine-rules-2 the last).
      // *-city-load: recorded with patch city-load (one local activity per wake, one timer kept, small decision answers).
      // default-project-shared-engine: recorded with the engine preloaded (workflows/preload.ts, workflow-parser) and a project code in the input.
      // signed-on-complete: decisions stating their signing date (signedOn); one refused for a future date (a refused update leaves no event).
      // legal-acts-rules-3: engine rules 3 (patch engine-rules-3): a refusal to accept, extensions approved by a department's head
      // and the government head, delivery clocks with their cards, deliveries after the project ended.
      // migration-rules-3: a running project moved to version 2 of its spec (migrateDefinition, issue 17): moved dues, an added
      // item's department in the search attributes, the red card at the moved due, then withdrawn.
      // joint-acceptance-rules-3: a joint acceptance (联合验收, issue 16): a date countered and proposed again, one rectification, the conclusion.
      // agent-on-behalf: decisions of an agent (代办) for the enterprise, its actor's onBehalfOf in the history.
      // card-ladder-rules-3: the Zhanjiang card ladder (reminders, warning, yellow, 督办, red at its deadline) and a violation card.
      // signoff-chain: issue 15: a task claimed and transferred, a decision through a three-step sign-off chain with a send-back, then withdrawn.
      // shared-materials-rules-3 (issue 16): an intermediary selected, a park's assessment and a 多测合一 survey satisfying materials.
      // intermediary-time: the shared-materials project recorded with patch inter (intermediary services in the read-model rows).
      // signoff-builtin-zhanjiang (issue 15): the built-in chain of Zhanjiang v2 under its card ladder: a 督办, a task assigned by the head and transferred, 承办 → 审核 → 批准 with conditions.
      // night-acts-rules-4: engine rules 4 (instants dated in Beijing time in the workflow): applied at 00:30 Beijing time, deemed accepted at 24:00.
      // default-project-history-200: patch history-200 (issue 12: no pending-departments upserts, an earlier timer kept, the rating
      // window on the project's one timer), licences delivered as the results are issued (issueResults with deliver), a day between decisions.
      // default-project-joint200 (issue 12): the default (Wuhan v4) as driveProject walks it since joint200: the joint site
      // visit booked with the acceptance (siteVisitOn), each part recorded on it as its confirmation (confirmsVisit), a day between decisions.
      // supervision-order-followup: patch followup: a 督办 on a definition without a card ladder, offered and taken, its deadline passed with no card from it.
      // post-check-legal: patch legal: a post-check's yellow card on the timer before it is due, then verified; the project withdrawn with
      // decisions undelivered, whose delivery cards (art. 44) the timer still gives after the end.
      const scenarios = [
        'default-project-complete',
        'detours-complete',
        'default-project-read-model',
        'default-project-rules-2',
        'detours-rules-2',
        'default-project-city-load',
        'detours-city-load',
        'default-project-shared-engine',
        'promise-city-load',
        'signed-on-complete',
        'legal-acts-rules-3',
        'migration-rules-3',
        'joint-acceptance-rules-3',
        'agent-on-behalf',
        'card-ladder-rules-3',
        'signoff-chain',
        'shared-materials-rules-3',
        'night-acts-rules-4',
        'default-project-history-200',
        'intermediary-time',
        'signoff-builtin-zhanjiang',
        'supervision-order-followup',
        'post-check-legal',
        'default-project-joint200',
      ] as const;
      for (const scenario of scenarios) {
        const file = join(OUT_DIR, `${scenario}.json`);
        // A recorded file stands for projects already running: never overwrite it by accident.
        if (existsSync(file) && !process.argv.includes('--force')) {
          console.log(`[record] ${scenario}: kept ${file} (--force re-records)`);
          continue;
        }
        const projectId = `replay-${scenario}-${randomUUID().slice(0, 6)}`;
        if (scenario === 'promise-city-load') {
          await promiseBranch(env, taskQueue, projectId);
        } else if (scenario.startsWith('default-project')) {
          const { definition } = await registerDefaultProject(env.client, taskQueue, {
            projectId,
            ...(scenario === 'default-project-shared-engine' ? { projectCode: '2103-330283-04-01-391517' } : {}),
          });
          await driveProject(env.client, projectId, actorsFor(definition), {
            rate: true,
            pause: () => env.sleep('1 day'),
            ...(scenario === 'default-project-history-200' || scenario === 'default-project-joint200' ? { deliverAtIssue: 'electronic' as const } : {}),
          });
        } else if (scenario === 'signed-on-complete') {
          await signedOn(env, taskQueue, projectId);
        } else if (scenario === 'legal-acts-rules-3') {
          await legalActs(env, taskQueue, projectId);
        } else if (scenario === 'migration-rules-3') {
          await migration(env, taskQueue, projectId);
        } else if (scenario === 'joint-acceptance-rules-3') {
          await jointAcceptance(env, taskQueue, projectId);
        } else if (scenario === 'agent-on-behalf') {
          await agentOnBehalf(env, taskQueue, projectId);
        } else if (scenario === 'card-ladder-rules-3') {
          await cardLadder(env, taskQueue, projectId);
        } else if (scenario === 'signoff-chain') {
          await signoffScenario(env.client, taskQueue, projectId, await serverNow(env));
          await decideAndView(env.client, projectId, actors.enterprise, { type: 'withdraw', reason: '项目调整' });
        } else if (scenario === 'signoff-builtin-zhanjiang') {
          await builtinChainScenario(env.client, taskQueue, projectId, await serverNow(env));
        } else if (scenario === 'night-acts-rules-4') {
          await nightActs(env, taskQueue, projectId);
        } else if (scenario === 'shared-materials-rules-3' || scenario === 'intermediary-time') {
          await sharedMaterials(env, taskQueue, projectId);
        } else if (scenario === 'supervision-order-followup') {
          await supervisionOrderWithoutLadder(env, taskQueue, projectId);
        } else if (scenario === 'post-check-legal') {
          await postCheckWarned(env, taskQueue, projectId);
        } else {
          await detours(env, taskQueue, projectId);
        }
        const handle = env.client.workflow.getHandle(projectWorkflowId(projectId));
        await handle.result();
        const history = await handle.fetchHistory();
        writeFileSync(file, historyToJSON(history));
        console.log(`[record] ${scenario}: ${history.events?.length ?? 0} events → ${file}`);
      }
    });
    await timersAcrossRuns(env, 'timers-continue-as-new');
    await timersAcrossRuns(env, 'timers-rules-2');
    await timersAcrossRuns(env, 'timers-city-load');
  } finally {
    await env.teardown();
  }
}

/**
 * migration-rules-3: the small spec accepted, moved to version 2 (the EIA due earlier, a review
 * added to construction), one review approved, the EIA's red card at its moved due, withdrawn.
 */
async function migration(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const step = await startSmallProject(env, taskQueue, projectId, '流程版本迁移');
  await step(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  const moved = await step(actors.coordinator, { type: 'migrateDefinition', spec: smallSpecV2(), reason: '新版流程' });
  await step(actors.planning, { type: 'approveReview', itemId: 'land-planning' });
  const due = moved.reviews.find((r) => r.itemId === 'eia')!.clock!.promisedDueAt;
  await env.sleep(Date.parse(due) - Date.parse(await serverNow(env)) + 60_000);
  await step(actors.enterprise, { type: 'withdraw', reason: '项目调整' });
}

/**
 * night-acts-rules-4: the small spec applied for at 00:30 Beijing time (16:30 UTC the day before), the
 * intake left undecided until it is deemed accepted by the timer at 24:00 of its limit, then withdrawn.
 */
async function nightActs(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const hour = 3_600_000;
  const now = Number(await env.currentTimeMs());
  await env.sleep(Math.ceil((now - 16.5 * hour) / (24 * hour)) * 24 * hour + 16.5 * hour + 24 * hour - now);
  const step = await startSmallProject(env, taskQueue, projectId, '夜间申请');
  await step(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await env.sleep('14 days');
  await step(actors.enterprise, { type: 'withdraw', reason: '项目调整' });
}

/**
 * shared-materials-rules-3 (issue 16): the park project (tests/fixtures/park-spec.ts): the
 * fire-design provider selected, preparation applied for without the report the park's
 * assessment covers, the construction permit without the survey preparation supplied; withdrawn.
 */
async function sharedMaterials(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  await startProject(env.client, taskQueue, { ...parkProjectInput('replay', '园区项目', await serverNow(env)), projectId });
  const deliveryOn = new Date(Date.parse(await serverNow(env)) + 30 * 86_400_000).toISOString().slice(0, 10);
  await driveParkProject(env.client, projectId, deliveryOn, () => env.sleep('1 day'));
  await decideAndView(env.client, projectId, actors.enterprise, { type: 'withdraw', reason: '项目调整' });
}

/**
 * promise-city-load: approval on a written promise (告知承诺, issue 14 item 6) on the small spec with
 * its energy review: signed, approved on it, the results issued, the post-check overdue (its red
 * card on the timer), then found false (the approval revoked with the result, a correction order, a
 * credit record), corrected and approved again (the result issued anew), then withdrawn.
 */
async function promiseBranch(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  await startProject(env.client, taskQueue, { ...promiseProjectInput('replay', '告知承诺项目', await serverNow(env)), projectId });
  const step = stepper(env.client, projectId);
  await step(promiseActors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await step(promiseActors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  await step(promiseActors.enterprise, { type: 'signPromise', itemId: 'energy-review', conditions: PROMISED_CONDITIONS });
  const approved = await step(promiseActors.energy, { type: 'approveOnPromise', itemId: 'energy-review' });
  await step(promiseActors.planning, { type: 'approveReview', itemId: 'land-planning' });
  await step(promiseActors.environment, { type: 'approveReview', itemId: 'eia' });
  await step(promiseActors.coordinator, { type: 'issueResults', stageId: 'preparation' });
  await env.sleep(Date.parse(approved.promises![0]!.checkDueAt!) - Date.parse(await serverNow(env)) + 60_000);
  await step(promiseActors.energy, { type: 'findPromiseFalse', itemId: 'energy-review', reason: '实际年能耗超出承诺' });
  await step(promiseActors.enterprise, { type: 'answerCorrection', itemId: 'energy-review', note: '已整改' });
  await step(promiseActors.energy, { type: 'approveReview', itemId: 'energy-review' });
  await step(promiseActors.enterprise, { type: 'withdraw', reason: '项目调整' });
}

/**
 * post-check-legal (patch legal): on the promise spec, approved on the written promise, the
 * post-check's yellow card on the timer 3 working days before it is due, the check verified; the
 * results issued and the project withdrawn with its three decisions undelivered: their delivery
 * cards (yellow, red) on the timer after the end, one delivered late, the rating window closing.
 */
async function postCheckWarned(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const client = env.client;
  await startProject(client, taskQueue, { ...promiseProjectInput('replay', '告知承诺预警', await serverNow(env)), projectId });
  const step = stepper(client, projectId);
  await step(promiseActors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await step(promiseActors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  await step(promiseActors.enterprise, { type: 'signPromise', itemId: 'energy-review', conditions: PROMISED_CONDITIONS });
  const approved = await step(promiseActors.energy, { type: 'approveOnPromise', itemId: 'energy-review' });
  await env.sleep(Date.parse(approved.promises![0]!.checkDueAt!) - Date.parse(await serverNow(env)) - 86_400_000);
  const warned = await viewProject(client, projectId);
  if (warned.promises![0]!.card !== 'yellow') throw new Error(`post-check-legal: expected the post-check's yellow card, got ${warned.promises![0]!.card}`);
  await step(promiseActors.energy, { type: 'verifyPromise', itemId: 'energy-review', note: '现场核查相符' });
  await step(promiseActors.planning, { type: 'approveReview', itemId: 'land-planning' });
  await step(promiseActors.environment, { type: 'approveReview', itemId: 'eia' });
  const issued = await step(promiseActors.coordinator, { type: 'issueResults', stageId: 'preparation' });
  await step(promiseActors.enterprise, { type: 'withdraw', reason: '项目调整' });
  const due = issued.deliveries!.find((d) => d.itemId === 'eia')!.dueAt;
  await env.sleep(Date.parse(due) - Date.parse(await serverNow(env)) + 60_000);
  const late = await viewProject(client, projectId);
  if (late.worstCard !== 'red') throw new Error(`post-check-legal: expected the deliveries' red card after the end, got ${late.worstCard}`);
  await step(promiseActors.coordinator, { type: 'deliverResult', itemId: 'eia', way: 'mailed', note: 'EMS' });
}

/**
 * joint-acceptance-rules-3: the joint spec's acceptance stage as one joint acceptance (联合验收):
 * a visit date countered by the fire department and proposed again, findings with one
 * rectification (the clock paused on the server for five working days), the re-inspection, the
 * combined conclusion issued with the results, and the decisions delivered.
 */
async function jointAcceptance(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const cal = new WorkingCalendar(buildOfficialSnapshot());
  const sleepUntil = async (date: string) => env.sleep(Date.parse(`${date}T10:00:00+08:00`) - Date.parse(await serverNow(env)));
  await startProject(env.client, taskQueue, { ...jointProjectInput('replay', '联合验收项目', await serverNow(env)), projectId });
  const step = stepper(env.client, projectId);
  await step(jointActors.enterprise, { type: 'submitApplication', stageId: 'acceptance', form: {}, materials: JOINT_MATERIALS });
  const opened = await step(jointActors.coordinator, { type: 'decideIntake', stageId: 'acceptance', decision: 'accept' });
  const first = cal.addWorkdays(cal.dateOf(opened.joint![0]!.clock.startedAt), 2).date;
  const visit = cal.addWorkdays(first, 1).date;
  await step(jointActors.coordinator, { type: 'proposeSiteVisit', stageId: 'acceptance', date: first });
  await step(jointActors.planning, { type: 'confirmSiteVisit', itemId: 'planning-verification' });
  await step(jointActors.fire, { type: 'counterSiteVisit', itemId: 'fire-acceptance', date: visit, reason: '当日另有检查' });
  await step(jointActors.coordinator, { type: 'proposeSiteVisit', stageId: 'acceptance', date: visit });
  await step(jointActors.planning, { type: 'confirmSiteVisit', itemId: 'planning-verification' });
  await step(jointActors.fire, { type: 'confirmSiteVisit', itemId: 'fire-acceptance' });
  await sleepUntil(visit);
  await step(jointActors.planning, { type: 'recordInspection', itemId: 'planning-verification', outcome: 'pass', findings: '符合规划条件' });
  await step(jointActors.fire, {
    type: 'recordInspection',
    itemId: 'fire-acceptance',
    outcome: 'rectify',
    findings: '疏散指示标志缺失',
    rectifyWithinDays: 10,
  });
  const reported = cal.addWorkdays(visit, 5).date;
  await sleepUntil(reported);
  await step(jointActors.enterprise, { type: 'reportRectification', stageId: 'acceptance', note: '已增设疏散指示标志' });
  await step(jointActors.fire, { type: 'recordInspection', itemId: 'fire-acceptance', outcome: 'pass', findings: '整改到位' });
  await step(jointActors.coordinator, { type: 'issueResults', stageId: 'acceptance' });
  await step(jointActors.coordinator, { type: 'deliverResult', itemId: 'planning-verification', way: 'electronic' });
  await step(jointActors.coordinator, { type: 'deliverResult', itemId: 'fire-acceptance', way: 'collected' });
  await step(jointActors.enterprise, { type: 'rate', stageId: 'acceptance', score: 5, comment: '一次验收' });
}

/**
 * <scenario>(.run-N).json (timers-continue-as-new, timers-rules-2): the small spec on its timers, over several runs (a low
 * maxEventsPerRun), with the patch markers of durable effects: a deemed intake, a calendar
 * refresh, a tolerance commitment expiring, a notification channel refusing one message (its
 * bounded retries, then the dead-letter list), a withdrawal and a bad rating alerted at once.
 * Every run is recorded: the first ends in continue-as-new, later ones start from its state.
 */
async function timersAcrossRuns(env: TestWorkflowEnvironment, scenario: string): Promise<void> {
  const first = join(OUT_DIR, `${scenario}.json`);
  if (existsSync(first) && !process.argv.includes('--force')) {
    console.log(`[record] ${scenario}: kept ${first} (--force re-records)`);
    return;
  }
  // The channel refuses the deemed-intake notice: it ends on the dead-letter list.
  class RefusingOutbox extends MemoryOutbox<TNotification> {
    override async put(entry: TNotification): Promise<boolean> {
      if (entry.message.includes('deemed accepted')) throw new Error('SMS gateway refused the message');
      return super.put(entry);
    }
  }
  const { worker, taskQueue, undelivered } = await testWorker(env, new RefusingOutbox());
  await worker.runUntil(async () => {
    const client = env.client;
    const projectId = `replay-${scenario}-${randomUUID().slice(0, 6)}`;
    const { firstExecutionRunId } = await startProject(client, taskQueue, await smallProjectInputNow(env, projectId, '时限与续跑'), { maxEventsPerRun: 60 });
    const step = stepper(client, projectId);
    // bank-letter (tolerable, 5 working days, results withheld on expiry) is missing.
    const submitted = await step(actors.enterprise, {
      type: 'submitApplication',
      stageId: 'preparation',
      form: { projectName: 'X' },
      materials: ['site-plan', 'eia-report', 'public-notice-proof'],
    });
    const intakeDue = submitted.stages[0]!.intakeDueAt!;
    await env.sleep(Date.parse(intakeDue) - Date.parse(await serverNow(env)) + 60_000);
    const refreshed = await refreshCalendar(client, projectId, actors.coordinator);
    const commitment = refreshed.commitments.find((c) => c.materialId === 'bank-letter')!;
    await env.sleep(Date.parse(commitment.dueAt) - Date.parse(await serverNow(env)) + 60_000);
    await step(actors.planning, { type: 'approveReview', itemId: 'land-planning' });
    await step(actors.enterprise, { type: 'withdraw', reason: '项目调整，撤回申请' });
    await step(actors.enterprise, { type: 'rate', stageId: 'preparation', score: 1, comment: '等待太久' });
    const handle = client.workflow.getHandle(projectWorkflowId(projectId));
    await handle.result();
    let runId: string | undefined = firstExecutionRunId;
    for (let run = 1; runId; run++) {
      const history = await client.workflow.getHandle(projectWorkflowId(projectId), runId).fetchHistory();
      const file = join(OUT_DIR, run === 1 ? `${scenario}.json` : `${scenario}.run-${run}.json`);
      writeFileSync(file, historyToJSON(history));
      console.log(`[record] ${scenario} run ${run}: ${history.events?.length ?? 0} events → ${file}`);
      runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    console.log(`[record] ${scenario}: dead-lettered ${(await undelivered.list()).map((d) => d.effect.message).join('; ')}`);
  });
}

/**
 * agent-on-behalf: an agent (代办) applies, answers nothing more, withdraws and rates for the
 * enterprise; each of its entries carries `onBehalfOf` (issue 15, item 5).
 */
async function agentOnBehalf(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const step = await startSmallProject(env, taskQueue, projectId, '代办项目');
  const agent = { userId: 'agent-li', role: 'enterprise', enterpriseId: ENTERPRISE, onBehalfOf: ENTERPRISE } as const;
  await step(agent, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  await step(agent, { type: 'withdraw', reason: '企业委托代办撤回' });
  await step(agent, { type: 'rate', stageId: 'preparation', score: 2, comment: '代办反映等待太久' });
}

/**
 * The small spec through every detour a review can take: tolerance supplied late but accepted,
 * a correction, a special procedure that ends by itself, an extension, an early pre-review.
 */
async function detours(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const client: Client = env.client;
  const step = await startSmallProject(env, taskQueue, projectId, '容缺与补正');
  await step(actors.enterprise, {
    type: 'submitApplication',
    stageId: 'preparation',
    form: { projectName: 'X' },
    materials: ['site-plan', 'eia-report', 'public-notice-proof'],
  });
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' });
  await env.sleep('1 day');
  await step(actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['site-plan'], reason: '红线不清' });
  await env.sleep('3 days');
  await step(actors.enterprise, { type: 'answerCorrection', itemId: 'land-planning', note: '已补正' });
  await step(actors.environment, { type: 'startSpecialProcedure', itemId: 'eia', kind: 'expert-review', days: 3, reason: '专家评审' });
  await env.sleep('6 days');
  await step(actors.coordinator, { type: 'grantExtension', itemId: 'eia', days: 2, reason: '专家意见待复核' });
  await step(actors.enterprise, { type: 'supplyMaterial', itemId: 'land-planning', materialId: 'bank-letter' });
  await step(actors.planning, { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' });
  await step(actors.fire, { type: 'approveReview', itemId: 'fire-design' });
  await step(actors.planning, { type: 'approveReview', itemId: 'land-planning', conditions: '按批准红线施工' });
  await step(actors.environment, { type: 'approveReview', itemId: 'eia' });
  await step(actors.coordinator, { type: 'issueResults', stageId: 'preparation' });
  await applyForConstructionPermit(client, projectId, step);
  await step(actors.housing, { type: 'approveReview', itemId: 'building-permit' });
  await step(actors.coordinator, { type: 'issueResults', stageId: 'construction-permit' });
  for (const stageId of ['preparation', 'construction-permit']) await step(actors.enterprise, { type: 'rate', stageId, score: 4, comment: '较满意' });
}

/**
 * The small spec with decisions typed in days after they were signed (signedOn, back-fill
 * detection): approvals, and one refused for a signing date in the future (the validator's refusal is not recorded).
 */
async function signedOn(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const client: Client = env.client;
  const now = await serverNow(env);
  const registeredOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now));
  const step = await startSmallProject(env, taskQueue, projectId, '补录签发日期', now);
  await step(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  await env.sleep('6 days');
  const refused = await step(actors.fire, { type: 'approveReview', itemId: 'fire-design', signedOn: '2099-01-01' }).then(
    () => 'accepted',
    (err: Error) => err.message,
  );
  console.log(`[record] signed-on-complete: a future signedOn → ${refused}`);
  await step(actors.fire, { type: 'approveReview', itemId: 'fire-design', signedOn: registeredOn });
  await step(actors.planning, { type: 'approveReview', itemId: 'land-planning', conditions: '按批准红线施工', signedOn: registeredOn });
  await step(actors.environment, { type: 'approveReview', itemId: 'eia' });
  await step(actors.coordinator, { type: 'issueResults', stageId: 'preparation' });
  await applyForConstructionPermit(client, projectId, step);
  await step(actors.housing, { type: 'approveReview', itemId: 'building-permit', signedOn: registeredOn });
  await step(actors.coordinator, { type: 'issueResults', stageId: 'construction-permit' });
  for (const stageId of ['preparation', 'construction-permit']) await step(actors.enterprise, { type: 'rate', stageId, score: 5, comment: '满意' });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/** Issue 14's acts on the small spec: refuse, apply again, extensions by authority, deliveries late and on time. */
async function legalActs(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const client: Client = env.client;
  const step = await startSmallProject(env, taskQueue, projectId, '依法受理与送达');
  const prep = { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP } as const;
  await step(actors.enterprise, prep);
  await step(actors.coordinator, { type: 'refuseIntake', stageId: 'preparation', reasonCode: 'applicant-not-eligible', reason: '申请人不是项目单位' });
  // Well past the intake limit: a refused application is never deemed accepted.
  await env.sleep('8 days');
  await step(actors.enterprise, prep);
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  await step(actors.environment, { type: 'requestExtension', itemId: 'eia', days: 5, reason: '需现场核查' });
  await step({ ...actors.environment, userId: 'e-head', leader: true }, { type: 'decideExtension', itemId: 'eia', decision: 'approve' });
  await step(actors.coordinator, { type: 'requestJointExtension', itemId: 'land-planning', days: 3, reason: '联合办理' });
  await step({ userId: 'gov-head', role: 'coordinator', governmentHead: true }, { type: 'decideJointExtension', itemId: 'land-planning', decision: 'approve' });
  await step(actors.fire, { type: 'approveReview', itemId: 'fire-design' });
  await step(actors.planning, { type: 'approveReview', itemId: 'land-planning' });
  await step(actors.environment, { type: 'approveReview', itemId: 'eia' });
  await step(actors.coordinator, { type: 'issueResults', stageId: 'preparation' });
  await step(actors.coordinator, { type: 'deliverResult', itemId: 'eia', way: 'electronic', note: '电子证照' });
  // land-planning's licence is delivered late: its yellow and red cards fire on their timers.
  await env.sleep('20 days');
  await step(actors.coordinator, { type: 'deliverResult', itemId: 'land-planning', way: 'mailed', note: 'EMS' });
  await applyForConstructionPermit(client, projectId, step);
  await step(actors.housing, { type: 'approveReview', itemId: 'building-permit' });
  await step(actors.coordinator, { type: 'issueResults', stageId: 'construction-permit' });
  for (const stageId of ['preparation', 'construction-permit']) await step(actors.enterprise, { type: 'rate', stageId, score: 5 });
  // Rated, but the project's last licences are still to deliver: the workflow waits for them.
  await env.sleep('2 days');
  for (const itemId of ['fire-design', 'building-permit']) await step(actors.coordinator, { type: 'deliverResult', itemId, way: 'collected' });
}

/**
 * Issue 15's card ladder on the small spec under the Zhanjiang ladder: reminders and a warning
 * before the promised due date, yellow once overdue, a 督办 and red when its period runs out (all
 * on the workflow's timer), a violation card, the late approval, then the project withdrawn.
 */
/** Issue 15 follow-up: a 督办 on the small spec (no card ladder), past its deadline with no card from it, then decided. */
async function supervisionOrderWithoutLadder(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  const step = await startSmallProject(env, taskQueue, projectId, '督办无阶梯');
  await step(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  await step(actors.coordinator, { type: 'issueSupervisionOrder', itemId: 'land-planning', days: 2, reason: '群众反映进度慢, 限期办结' });
  await env.sleep('6 days');
  await step(actors.planning, { type: 'approveReview', itemId: 'land-planning' });
  await step(actors.enterprise, { type: 'withdraw', reason: '项目调整' });
}

async function cardLadder(env: TestWorkflowEnvironment, taskQueue: string, projectId: string): Promise<void> {
  await startProject(env.client, taskQueue, { ...ladderProjectInput('replay', '湛江督办', await serverNow(env)), projectId });
  const step = stepper(env.client, projectId);
  await step(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
  await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
  await step(actors.environment, { type: 'approveReview', itemId: 'eia' });
  // Promised 10 working days: three weeks reach past the due date (reminders, warning, yellow on the timer).
  await env.sleep('21 days');
  await step(actors.coordinator, { type: 'issueSupervisionOrder', itemId: 'land-planning', days: 2, reason: '逾期未办结, 限期办结' });
  await env.sleep('6 days');
  await step(actors.coordinator, { type: 'giveViolationCard', itemId: 'eia', level: 'yellow', violation: 'other', reason: '审批意见未上网公开' });
  await step(actors.planning, { type: 'approveReview', itemId: 'land-planning' });
  await step(actors.enterprise, { type: 'withdraw', reason: '项目调整' });
}
