/**
 * Effects (notifications, hand-overs) on the time-skipping server: carried across
 * continue-as-new, delivered off the deadline path with bounded retries, dead-lettered when
 * delivery keeps failing, and a bad rating on an ended project alerting the coordinator at once.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { decide, decideAndView, startProject } from '../../client/projects';
import { MemoryOutbox, MemoryReadModel, type TNotification } from '../../activities';
import type { TReadModelRows } from '../../workflows/read-model/rows';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { actors, ALL_PREP, smallProjectInput } from '../fixtures/small-spec';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

const GOVERNMENT_HEAD = { userId: 'gov-head', role: 'coordinator' as const, governmentHead: true as const };
const input = () => smallProjectInput('fx', '通知测试');

const nowOnServer = () => serverNow(env);

/** Waits (in real time, the server's clock standing still) until `probe` holds. */
async function eventually(probe: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return probe();
}

/** Counts every delivery attempt per key (at least once) while storing each key once. */
class CountingOutbox extends MemoryOutbox<TNotification> {
  readonly attempts = new Map<string, number>();
  override async put(entry: TNotification): Promise<boolean> {
    this.attempts.set(entry.key, (this.attempts.get(entry.key) ?? 0) + 1);
    return super.put(entry);
  }
}

/** A notification channel that is down for good. */
class BrokenOutbox extends MemoryOutbox<TNotification> {
  attempts = 0;
  override async put(): Promise<boolean> {
    this.attempts++;
    throw new Error('SMS gateway unreachable');
  }
}

test('notifications queued while a run waits to continue-as-new reach the outbox exactly once in the next run', async () => {
  // Each read-model write takes a while, so once its history is long enough a run waits for the
  // write before it continues as new; the next decision arrives in that wait and queues its notification.
  class SlowReadModel extends MemoryReadModel {
    override async write(rows: TReadModelRows): Promise<boolean> {
      await new Promise((r) => setTimeout(r, 2000));
      return super.write(rows);
    }
  }
  const outbox = new CountingOutbox();
  const { worker, taskQueue } = await testWorker(env, outbox, buildOfficialSnapshot, new SlowReadModel());
  const project = input();
  const needles = [
    'correction requested (site-plan)',
    'correction requested (eia-report)',
    'correction requested (fire-drawings)',
    'extended by 2',
    'extended by 3',
    'extended by 4',
  ];
  const has = async (needle: string) => (await outbox.list()).some((n) => n.message.includes(needle));
  await worker.runUntil(async () => {
    const { firstExecutionRunId } = await startProject(env.client, taskQueue, project, { maxEventsPerRun: 30 });
    const step = (actor: Parameters<typeof decide>[2], command: Parameters<typeof decide>[3]) => decide(env.client, project.projectId, actor, command);
    // 行政许可法 art. 42(2): the coordinator asks, the government head approves (the enterprise is told once, on approval).
    const extend = async (itemId: string, days: number, reason: string) => {
      await step(actors.coordinator, { type: 'requestJointExtension', itemId, days, reason });
      return step(GOVERNMENT_HEAD, { type: 'decideJointExtension', itemId, decision: 'approve' });
    };
    await step(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
    await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
    // Six decisions, each telling the enterprise something of its own; each sent as soon as the
    // notification of the one before is out, i.e. while the run waits for its read-model write.
    const decisions = [
      () => step(actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['site-plan'], reason: '补正一' }),
      () => step(actors.environment, { type: 'requestCorrection', itemId: 'eia', materials: ['eia-report'], reason: '补正二' }),
      () => step(actors.fire, { type: 'requestCorrection', itemId: 'fire-design', materials: ['fire-drawings'], reason: '补正三' }),
      () => extend('eia', 2, '延期一'),
      () => extend('land-planning', 3, '延期二'),
      () => extend('fire-design', 4, '延期三'),
    ];
    for (const [i, send] of decisions.entries()) {
      if (i > 0) await eventually(() => has(needles[i - 1]!), 5000);
      await send();
    }
    const handle = env.client.workflow.getHandle(projectWorkflowId(project.projectId));
    await eventually(async () => (await handle.describe()).runId !== firstExecutionRunId && (await Promise.all(needles.map(has))).every(Boolean), 15_000);
    expect((await handle.describe()).runId).not.toBe(firstExecutionRunId);
  });
  const messages = (await outbox.list()).map((n) => n.message);
  for (const needle of needles) expect(messages.filter((m) => m.includes(needle))).toHaveLength(1);
  // Every notification the engine produced (keys numbered 1..n) reached the outbox, once.
  const seqs = (await outbox.list()).map((n) => Number(n.key.split(':').at(-1))).sort((a, b) => a - b);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
});

test('a broken notification channel holds back neither deemed intake nor a card; what could not go out lands on the dead-letter list', async () => {
  const outbox = new BrokenOutbox();
  const { worker, taskQueue, undelivered } = await testWorker(env, outbox);
  const project = input();
  await worker.runUntil(async () => {
    await startProject(env.client, taskQueue, project);
    const view = await decideAndView(env.client, project.projectId, actors.enterprise, {
      type: 'submitApplication',
      stageId: 'preparation',
      form: { projectName: 'X' },
      materials: ALL_PREP,
    });
    const due = view.stages[0]!.intakeDueAt!;
    await env.sleep(Date.parse(due) - Date.parse(await nowOnServer()) + 60_000);
    const handle = env.client.workflow.getHandle(projectWorkflowId(project.projectId));
    let history = await handle.query(historyQuery);
    expect(history.find((h) => h.type === 'intakeDeemedAccepted')).toMatchObject({ at: due });
    // The fire pre-review started with the deemed intake; its red card comes on time too.
    const fire = (await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery)).find((h) => h.itemId === 'fire-design');
    expect(fire).toBeDefined();
    await env.sleep('20 days');
    history = await handle.query(historyQuery);
    expect(history.filter((h) => h.itemId === 'fire-design' && /Card$/.test(h.type)).map((h) => h.type)).toEqual(['yellowCard', 'redCard']);
  });
  expect(outbox.attempts).toBeGreaterThan(0);
  const dead = await undelivered.list();
  expect(dead.map((d) => d.effect.message)).toEqual(
    expect.arrayContaining([
      expect.stringContaining('application waiting for intake'),
      expect.stringContaining('deemed accepted'),
      expect.stringContaining('red card on fire-design'),
    ]),
  );
  expect(dead.every((d) => d.projectId === project.projectId && d.kind === 'notify' && /SMS gateway unreachable/.test(d.error))).toBe(true);
});

test('a bad rating of an ended project alerts the coordinator at once, not when every stage is rated', async () => {
  const outbox = new MemoryOutbox<TNotification>();
  const { worker, taskQueue } = await testWorker(env, outbox);
  const project = input();
  await worker.runUntil(async () => {
    await startProject(env.client, taskQueue, project);
    const step = (actor: Parameters<typeof decide>[2], command: Parameters<typeof decide>[3]) => decide(env.client, project.projectId, actor, command);
    await step(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP });
    await step(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
    for (const [actor, itemId] of [
      [actors.fire, 'fire-design'],
      [actors.planning, 'land-planning'],
      [actors.environment, 'eia'],
    ] as const) {
      await step(actor, { type: 'approveReview', itemId });
    }
    await step(actors.coordinator, { type: 'issueResults', stageId: 'preparation' });
    const ended = await step(actors.enterprise, { type: 'withdraw', reason: '项目调整' });
    expect(ended.status).toBe('withdrawn');
    // The run has sent what the withdrawal asked for and is in the rating window.
    expect(await eventually(async () => (await outbox.list()).some((n) => n.message.includes('withdrawn by the enterprise')))).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    // Two stages ended (one complete, one withdrawn); only the first is rated, badly.
    await step(actors.enterprise, { type: 'rate', stageId: 'preparation', score: 1, comment: '太慢' });
    const alerted = await eventually(async () => (await outbox.list()).some((n) => n.audience === 'coordinator' && n.message.includes('bad rating (1/5)')));
    expect(alerted).toBe(true);
  });
});
