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
  ActivityFailure,
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
import { type TActor, ZActor } from './model/actor';
import { type TCommand, ZCommand } from './model/commands';
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
  /** Notifications and hand-overs the previous run had queued but not delivered: this run delivers them first. */
  effects?: TEffect[];
};

// Before patch durable-effects: awaited one by one on the deadline path, retried without end.
const { recordNotification, handOverResult } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
// Since durable-effects: started without awaiting (see deliver), 10 attempts over about 6 minutes,
// then the dead-letter list. A repeated key is a no-op in the outbox, so a retry never delivers twice.
const delivery = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10 },
});
// The dead-letter list is retried until the database takes it; never on the deadline path either.
const { recordUndelivered } = proxyActivities<Activities>({
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
  // Engine rules 2 (issue 11: early pre-review, same-day cards) for new projects; one recorded before replays under 1. A later version adds its own patch.
  const engine = 'state' in args ? ProjectEngine.restore(args.state) : ProjectEngine.create(args.input, now(), patched('engine-rules-2') ? 2 : 1);
  // Effects queued and not yet delivered (or dead-lettered); carried across continue-as-new.
  const outbox: TEffect[] = [...(args.effects ?? [])];
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

  /**
   * What the handler applies: the decision as the validator accepted it. The validator does
   * not run on replay, the handler does, so the handler never judges again: a stricter schema
   * or rule shipped later must not refuse, or change, a decision already in history. Parsing
   * only normalises (trimmed reasons); input today's schema would refuse is taken as it came.
   */
  const accepted = (actor: unknown, command: unknown): { actor: TActor; command: TCommand } => {
    const a = ZActor.safeParse(actor);
    const c = ZCommand.safeParse(command);
    return { actor: a.success ? a.data : (actor as TActor), command: c.success ? c.data : (command as TCommand) };
  };

  setHandler(
    decideUpdate,
    ({ actor, command }) => {
      const args = accepted(actor, command);
      engine.advanceTime(now());
      try {
        engine.apply(args.actor, args.command, now());
      } catch (err) {
        if (err instanceof DecisionRefused) refuse(err.message);
        throw err;
      }
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
      engine.replaceCalendar(snapshot, accepted(actor, undefined).actor, now());
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

  // Durable effects (patch durable-effects): each queued effect goes to its activity at once and is
  // not awaited, like the read-model rows, so a slow or broken channel never holds back a timer or a
  // decision. Delivered, or after its last attempt put on the dead-letter list, it leaves the queue;
  // what is left (handlers finishing at the end of a run) crosses continue-as-new.
  const sending = new Map<string, Promise<void>>();
  const failure = (err: unknown) => (err instanceof ActivityFailure && err.cause ? err.cause.message : err instanceof Error ? err.message : String(err));
  const deadLetter = async (effect: TEffect, err: unknown) => {
    const error = failure(err);
    log.error('effect not delivered: dead-lettered', { key: effect.key, error });
    await recordUndelivered({ key: effect.key, projectId: engine.raw.input.projectId, kind: effect.kind, effect, error, failedAt: now() }).catch((e: unknown) =>
      log.error('dead-letter entry not written', { key: effect.key, error: failure(e) }),
    );
  };
  const deliver = () => {
    for (const effect of outbox) {
      if (sending.has(effect.key)) continue;
      const sent: Promise<unknown> =
        effect.kind === 'notify'
          ? delivery.recordNotification({ key: effect.key, audience: effect.audience, recipient: effect.recipient, message: effect.message })
          : delivery.handOverResult({ key: effect.key, result: effect.result });
      const settled = sent
        .then(
          () => undefined,
          (err: unknown) => deadLetter(effect, err),
        )
        .finally(() => {
          sending.delete(effect.key);
          const i = outbox.indexOf(effect);
          if (i >= 0) outbox.splice(i, 1);
        });
      sending.set(effect.key, settled);
    }
  };
  const delivered = async () => {
    while (sending.size > 0) await Promise.all([...sending.values()]);
  };

  for (;;) {
    dirty = false;
    engine.advanceTime(now());
    outbox.push(...engine.drainEffects());
    publish();
    const durable = patched('durable-effects');
    if (durable) deliver();
    else await flush();
    if (engine.status() !== 'active') break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (args.maxEventsPerRun ?? MAX_EVENTS_PER_RUN) || info.historySize > MAX_BYTES_PER_RUN) {
      if (durable) await delivered();
      await published();
      await condition(allHandlersFinished);
      // Handlers that finished meanwhile queued effects of their own: the next run delivers them.
      const effects = durable ? [...outbox, ...engine.drainEffects()] : [];
      await continueAsNew<typeof projectWorkflow>({
        state: engine.snapshot(),
        maxEventsPerRun: args.maxEventsPerRun,
        readModelSeq,
        ...(effects.length > 0 ? { effects } : {}),
      });
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
      // A bad rating alerts the coordinator now, not when the window closes.
      if (patched('durable-effects')) deliver();
    }
  } else {
    await condition(allRated, RATING_WINDOW);
  }
  if (patched('durable-effects')) {
    // Everything queued goes out before the run ends, also what handlers finishing now queue.
    for (;;) {
      outbox.push(...engine.drainEffects());
      if (outbox.length === 0 && allHandlersFinished()) break;
      deliver();
      await delivered();
      await published();
      await condition(allHandlersFinished);
    }
  } else {
    outbox.push(...engine.drainEffects());
    await flush();
  }
  await published();
  await condition(allHandlersFinished);
  return projectView(engine, now());
}
