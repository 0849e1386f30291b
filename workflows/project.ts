/**
 * One workflow per project (id `project-<projectId>`), holding all three stages.
 *
 * Why stages live here and not in child workflows: every decision of a project touches
 * rules across stages (early pre-reviews of the next stage, results carried forward, one
 * audit timeline), and the service talks to one workflow id per project for updates and
 * queries. History stays bounded by continue-as-new: the engine's state is plain JSON and
 * crosses it unchanged, and a full default project records a few hundred events only.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import type { Activities } from '../activities';
import { ZActor } from './model/actor';
import { ZCommand } from './model/commands';
import { DecisionRefused, ProjectEngine } from './engine/project-engine';
import type { TEffect } from './engine/effects';
import type { TProjectInput, TProjectState } from './engine/state';
import { allowedActions, projectView, type TProjectView } from './engine/view';
import { allowedActionsQuery, DECISION_REJECTED, decideUpdate, historyQuery, readModelQuery, refreshCalendarUpdate, specQuery, viewQuery } from './messages';
import { readModelContent, type TReadModelRows } from './read-model/rows';
import { SA } from './search-attributes';

/**
 * A new project starts from its input; a continued run from the state its predecessor handed
 * over. `maxEventsPerRun` lowers the history bound (tests); it is carried across runs.
 */
export type ProjectWorkflowArgs = ({ input: TProjectInput } | { state: TProjectState }) & {
  maxEventsPerRun?: number;
  /** The last read-model seq published by the previous run: the next run's rows must be newer. */
  readModelSeq?: number;
};

const { recordNotification, handOverResult } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
const { currentCalendar } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } });
// Retried until the database takes it; never awaited on the deadline path (see publishRows).
const { publishProjectRows } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** Ratings (好差评) are still taken this long after the project ends. */
const RATING_WINDOW = '30 days';
/** Continue-as-new well before the 10,240-event warning (TOOLCHAIN.md). */
const MAX_EVENTS_PER_RUN = 8000;
/** And before the history grows past 8 MB: each decision records the view it returns (10 MB warns, 50 MB fails). */
const MAX_BYTES_PER_RUN = 8 * 1024 * 1024;

const now = () => new Date().toISOString();

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: DECISION_REJECTED, message, nonRetryable: true });
}

export async function projectWorkflow(args: ProjectWorkflowArgs): Promise<TProjectView> {
  const engine = 'state' in args ? ProjectEngine.restore(args.state) : ProjectEngine.create(args.input, now());
  const outbox: TEffect[] = [];
  let dirty = true;

  /** The validator's view: the engine as it will be once time has been applied. */
  const checked = (actor: unknown, command: unknown) => {
    const a = ZActor.safeParse(actor);
    if (!a.success) refuse(`actor: ${a.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const c = ZCommand.safeParse(command);
    if (!c.success) refuse(`command: ${c.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    const probe = engine.fork();
    probe.advanceTime(now());
    try {
      probe.check(a.data, c.data, now());
    } catch (err) {
      if (err instanceof DecisionRefused) refuse(err.message);
      throw err;
    }
    return { actor: a.data, command: c.data };
  };

  setHandler(
    decideUpdate,
    ({ actor, command }) => {
      const args = checked(actor, command);
      engine.advanceTime(now());
      engine.apply(args.actor, args.command, now());
      outbox.push(...engine.drainEffects());
      dirty = true;
      return projectView(engine, now());
    },
    { validator: ({ actor, command }) => void checked(actor, command) },
  );

  setHandler(
    refreshCalendarUpdate,
    async ({ actor }) => {
      const snapshot = await currentCalendar();
      engine.replaceCalendar(snapshot, ZActor.parse(actor), now());
      outbox.push(...engine.drainEffects());
      dirty = true;
      return projectView(engine, now());
    },
    {
      validator: ({ actor }) => {
        const a = ZActor.safeParse(actor);
        if (!a.success || a.data.role !== 'coordinator') refuse('refreshCalendar: only a coordinator may do this');
      },
    },
  );

  // The read model: the project's rows, published whenever they change (a decision, a timer).
  let readModelSeq = args.readModelSeq ?? 0;
  let lastRows: TReadModelRows | undefined;
  let lastRowsKey = '';
  const publishing = new Set<Promise<unknown>>();
  const publishRows = (view: TProjectView) => {
    if (!patched('read-model')) return;
    const content = readModelContent(engine, now(), view);
    const key = JSON.stringify(content);
    if (key === lastRowsKey) return;
    lastRowsKey = key;
    readModelSeq += 1;
    lastRows = { seq: readModelSeq, ...content };
    // Not awaited: a slow database must not hold back timers or decisions. Rows carry their
    // seq, so writes finishing out of order leave the newest; all are awaited before the run ends.
    const write: Promise<unknown> = publishProjectRows(lastRows)
      .catch((err: unknown) => log.error('read-model rows not published', { seq: readModelSeq, error: String(err) }))
      .finally(() => publishing.delete(write));
    publishing.add(write);
  };
  const published = () => Promise.all([...publishing]);

  setHandler(viewQuery, () => projectView(engine, now()));
  setHandler(readModelQuery, () => lastRows ?? { seq: readModelSeq, ...readModelContent(engine, now()) });
  setHandler(historyQuery, () => engine.raw.history);
  setHandler(specQuery, () => engine.raw.input.spec);
  setHandler(allowedActionsQuery, (actor) => {
    const a = ZActor.safeParse(actor);
    return a.success ? allowedActions(engine, a.data, now()) : [];
  });

  let lastAttributes = '';
  const publish = () => {
    const view = projectView(engine, now());
    publishRows(view);
    const pending = [...new Set(view.reviews.filter((r) => r.status === 'inReview' || r.status === 'specialProcedure').map((r) => r.departmentId))].sort();
    const attrs = {
      projectId: view.projectId,
      stage: view.currentStageId,
      status: view.status,
      enterprise: view.enterpriseId,
      worstCard: view.worstCard,
      pending,
      nextDue: view.nextDueAt,
      title: view.title,
    };
    const key = JSON.stringify(attrs);
    if (key === lastAttributes) return;
    lastAttributes = key;
    upsertSearchAttributes([
      { key: SA.projectId, value: attrs.projectId },
      { key: SA.stage, value: attrs.stage },
      { key: SA.status, value: attrs.status },
      { key: SA.enterprise, value: attrs.enterprise },
      { key: SA.worstCard, value: attrs.worstCard },
      { key: SA.pendingDepartments, value: pending.length > 0 ? pending : null },
      { key: SA.nextDue, value: attrs.nextDue ? new Date(attrs.nextDue) : null },
      { key: SA.title, value: attrs.title },
    ]);
  };

  const flush = async () => {
    while (outbox.length > 0) {
      const effect = outbox[0]!;
      if (effect.kind === 'notify') {
        await recordNotification({ key: effect.key, audience: effect.audience, recipient: effect.recipient, message: effect.message });
      } else {
        await handOverResult(effect);
      }
      outbox.shift();
    }
  };

  for (;;) {
    dirty = false;
    engine.advanceTime(now());
    outbox.push(...engine.drainEffects());
    publish();
    await flush();
    if (engine.status() !== 'active') break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (args.maxEventsPerRun ?? MAX_EVENTS_PER_RUN) || info.historySize > MAX_BYTES_PER_RUN) {
      await published();
      await condition(allHandlersFinished);
      await continueAsNew<typeof projectWorkflow>({ state: engine.snapshot(), maxEventsPerRun: args.maxEventsPerRun, readModelSeq });
    }
    const wake = engine.nextWakeAt(now());
    const wait = wake === undefined ? undefined : Math.max(1000, Date.parse(wake) - Date.now());
    if (wait === undefined) await condition(() => dirty);
    else await condition(() => dirty, wait);
  }

  // A decision that ended the project while notifications were being sent has not been
  // published yet: lists would show the project as still running.
  if (patched('publish-after-end')) publish();

  // The project has ended; the enterprise may still rate the stages it went through.
  const ended = () => engine.raw.input.spec.stages.filter((s) => ['complete', 'rejected', 'withdrawn'].includes(engine.stageStatus(s.id)));
  const allRated = () => ended().every((s) => engine.raw.ratings.some((r) => r.stageId === s.id));
  if (patched('read-model-ratings')) {
    // Each rating reaches the read model (supervision's 好差评) as it comes, not at the end.
    const closesAt = Date.now() + msToNumber(RATING_WINDOW);
    while (!allRated() && Date.now() < closesAt) {
      dirty = false;
      await condition(() => dirty || allRated(), closesAt - Date.now());
      publish();
    }
  } else {
    await condition(allRated, RATING_WINDOW);
  }
  outbox.push(...engine.drainEffects());
  await flush();
  await published();
  await condition(allHandlersFinished);
  return projectView(engine, now());
}
