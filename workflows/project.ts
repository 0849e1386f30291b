/**
 * One workflow per project (id `project-<projectId>`), holding all three stages.
 *
 * Why stages live here and not in child workflows: every decision of a project touches
 * rules across stages (early pre-reviews of the next stage, results carried forward, one
 * audit timeline), and the service talks to one workflow id per project for updates and
 * queries. History stays bounded by continue-as-new: the engine's state is plain JSON and
 * crosses it unchanged, and a full default project records a few hundred events only.
 *
 * Decisions are in project/decisions.ts, the read model and search attributes in
 * project/publication.ts, side effects in project/delivery.ts. Every `patched()` marker below
 * stays: recorded histories (tests/histories) replay with the behaviour they were recorded with.
 */
import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import { sharedSnapshot } from '../definitions/calendar/working-calendar';
import type { Activities } from '../activities';
import { parseActor } from './model/actor';
import { ProjectEngine } from './engine/project-engine';
import type { TEffect } from './engine/effects';
import type { TProjectInput, TProjectState } from './engine/state';
import { allowedActions, projectView, type TProjectView } from './engine/view';
import { allowedActionsQuery, historyQuery, readModelQuery, specQuery, viewQuery } from './messages';
import { registerDecisionHandlers } from './project/decisions';
import { Delivery } from './project/delivery';
import { Publication } from './project/publication';
import { Alarm } from './project/alarm';
import { nowIso, nowMs } from './project/time';

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

const { currentCalendar } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } });

/** Ratings (好差评) are still taken this long after the project ends. */
const RATING_WINDOW = '30 days';
/** Continue-as-new well before the 10,240-event warning (TOOLCHAIN.md). */
const MAX_EVENTS_PER_RUN = 8000;
/** And before the history grows past 8 MB (10 MB warns, 50 MB fails). */
const MAX_BYTES_PER_RUN = 8 * 1024 * 1024;

export async function projectWorkflow(args: ProjectWorkflowArgs): Promise<TProjectView> {
  // Engine rules 2 (issue 11: early pre-review, same-day cards) for new projects; one recorded before replays under 1. A later version adds its own patch.
  // Issue 12 (patch city-load): one local activity per wake for rows and effects, one timer kept while its instant
  // holds, and decisions that answer what they changed.
  const batch = patched('city-load');
  // A project started under city-load started after every earlier patch: it records no marker for them.
  const since = (patch: string) => batch || patched(patch);
  // Engine rules 3 (issue 14: delivery clocks, extensions by authority): its own marker, not `since`, because projects
  // recorded under city-load before it run rules 2. Rules 4: instants dated in Beijing time in the workflow too.
  const rules = () => (patched('engine-rules-4') ? 4 : patched('engine-rules-3') ? 3 : since('engine-rules-2') ? 2 : 1);
  // Issue 12 (patch history-200): fewer events per project — no pending-departments upserts, a pending earlier timer
  // kept, the rating window on that one timer. Asked here, in the first workflow task, like city-load.
  const lean = batch && patched('history-200');
  // Issue 12: the arguments hold the worker's one copy of each calendar (equal content, see sharedSnapshot), so this
  // run's own parse of it is not kept alive by them while the project waits in the cache.
  if ('state' in args) args.state.input.calendar = sharedSnapshot(args.state.input.calendar);
  else args.input.calendar = sharedSnapshot(args.input.calendar);
  const engine = 'state' in args ? ProjectEngine.restore(args.state) : ProjectEngine.create(args.input, nowIso(), rules());
  // Issue 15 follow-up: a 督办 is offered on reviews without a card ladder; decisions recorded before answered without it.
  engine.offersSupervisionWithoutLadder = patched('followup');
  // Issue 14 leftovers (patch legal): a post-check's yellow card before it is due, and delivery clocks (art. 44) that still
  // wake the workflow after the end. Both are timers projects running before did not take.
  const legal = lean && patched('legal');
  engine.warnsPostCheck = legal;
  const delivery = new Delivery(() => engine.raw.input.projectId, args.effects, batch);
  const publication = new Publication(args.readModelSeq ?? 0);
  let dirty = true;
  const alarm = new Alarm();

  registerDecisionHandlers({
    engine: () => engine,
    changed: () => {
      delivery.outbox.push(...engine.drainEffects());
      dirty = true;
    },
    smallResults: batch,
    currentCalendar: () => currentCalendar(),
  });

  setHandler(viewQuery, () => projectView(engine, nowIso()));
  setHandler(readModelQuery, () => publication.rowsNow(engine, nowIso()));
  setHandler(historyQuery, () => engine.raw.history);
  setHandler(specQuery, () => engine.raw.input.spec);
  setHandler(allowedActionsQuery, (actor) => {
    const a = parseActor(actor);
    return a.success ? allowedActions(engine, a.data, nowIso()) : [];
  });

  /** The project's rows and search attributes, published when they changed (and, batched, its queued effects with them). */
  const publish = () => {
    const now = nowIso();
    const view = projectView(engine, now);
    if (batch) {
      const rows = publication.changedRows(engine, now, view);
      publication.attributes(view, false, lean);
      delivery.deliverWake(rows);
      return;
    }
    if (patched('read-model')) {
      const rows = publication.changedRows(engine, now, view);
      if (rows) delivery.publishRows(rows);
    }
    publication.attributes(view);
  };
  /** Queued effects on their way (durable-effects): batched, what publish() did not take yet; else each its own activity. */
  const deliver = () => (batch ? delivery.deliverWake(undefined) : delivery.deliverEach());

  for (;;) {
    dirty = false;
    engine.advanceTime(nowIso());
    delivery.outbox.push(...engine.drainEffects());
    publish();
    const durable = since('durable-effects');
    if (durable) deliver();
    else await delivery.flushInTurn();
    if (engine.status() !== 'active') break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (args.maxEventsPerRun ?? MAX_EVENTS_PER_RUN) || info.historySize > MAX_BYTES_PER_RUN) {
      if (durable) await delivery.delivered();
      await delivery.published();
      await condition(allHandlersFinished);
      // Handlers that finished meanwhile queued effects of their own: the next run delivers them.
      const effects = durable ? [...delivery.outbox, ...engine.drainEffects()] : [];
      await continueAsNew<typeof projectWorkflow>({
        state: engine.snapshot(),
        maxEventsPerRun: args.maxEventsPerRun,
        readModelSeq: publication.readModelSeq,
        ...(effects.length > 0 ? { effects } : {}),
      });
    }
    const wake = engine.nextWakeAt(nowIso());
    if (batch) {
      alarm.set(wake, lean);
      await condition(() => dirty || alarm.rang());
      continue;
    }
    const wait = wake === undefined ? undefined : Math.max(1000, Date.parse(wake) - nowMs());
    if (wait === undefined) await condition(() => dirty);
    else await condition(() => dirty, wait);
  }
  if (!lean) alarm.set(undefined);

  // A decision that ended the project while notifications were being sent has not been
  // published yet: lists would show the project as still running.
  if (since('publish-after-end')) publish();

  // The project has ended; the enterprise may still rate the stages it went through.
  const ended = () => engine.raw.input.spec.stages.filter((s) => ['complete', 'rejected', 'withdrawn'].includes(engine.stageStatus(s.id)));
  // Decisions are delivered after the project ends too (送达, art. 44): the window stays open for them as for ratings.
  // Projects from before delivery clocks have none, so they wait exactly as they did.
  const allDelivered = () => Object.values(engine.raw.deliveries ?? {}).every((d) => d.value === 'delivered');
  const allRated = () => ended().every((s) => engine.raw.ratings.some((r) => r.stageId === s.id)) && allDelivered();
  if (since('read-model-ratings')) {
    // Each rating reaches the read model (supervision's 好差评) as it comes, not at the end.
    const closesAt = nowMs() + msToNumber(RATING_WINDOW);
    const closes = new Date(closesAt).toISOString();
    // Patch legal: a delivery clock still open rings the one timer at its yellow and red instants before the window closes,
    // so its card is recorded, sent to the coordinator and published (supervision reads the read model, not the clock).
    const nextRing = () => {
      const card = legal ? engine.nextDeliveryCardAt(nowIso()) : undefined;
      return card !== undefined && Date.parse(card) < closesAt ? card : closes;
    };
    // history-200: the window closes on the project's one timer (an earlier one pending rings first, and harmlessly), not a timer per rating.
    if (lean) alarm.set(nextRing(), true);
    while (!allRated() && nowMs() < closesAt) {
      dirty = false;
      if (lean) await condition(() => dirty || allRated() || alarm.rang());
      else await condition(() => dirty || allRated(), closesAt - nowMs());
      if (legal) {
        engine.advanceDeliveryCards(nowIso());
        delivery.outbox.push(...engine.drainEffects());
        if (nowMs() < closesAt) alarm.set(nextRing(), true);
      }
      // An early timer rang: the window's own takes its place.
      else if (lean && alarm.rang() && nowMs() < closesAt) alarm.set(closes);
      publish();
      // A bad rating alerts the coordinator now, not when the window closes.
      if (since('durable-effects')) deliver();
    }
  } else {
    await condition(allRated, RATING_WINDOW);
  }
  if (since('durable-effects')) {
    // Everything queued goes out before the run ends, also what handlers finishing now queue.
    for (;;) {
      delivery.outbox.push(...engine.drainEffects());
      if (delivery.outbox.length === 0 && allHandlersFinished()) break;
      deliver();
      await delivery.delivered();
      await delivery.published();
      await condition(allHandlersFinished);
    }
  } else {
    delivery.outbox.push(...engine.drainEffects());
    await delivery.flushInTurn();
  }
  await delivery.published();
  await condition(allHandlersFinished);
  return projectView(engine, nowIso());
}
