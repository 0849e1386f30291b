/**
 * Replays recorded histories of whole projects with the current workflow code: a change that
 * would make running projects non-deterministic, or make them answer differently, fails here
 * before it reaches them. On replay every update handler must return what the running project
 * answered at the time (the history's update outcomes), and the workflow what it ended with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, Worker, type InjectedSinks, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { PRELOAD_MODULES, WORKFLOWS_PATH } from '../../worker/create-worker';
import type { ReplayedResultSinks } from '../histories/replayed-results';

const dir = join(__dirname, '..', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Every recorded history, by name: a file that goes missing (or an unplanned one) fails here. */
const RECORDED = [
  'agent-on-behalf.json',
  'card-ladder-rules-3.json',
  'default-project-city-load.json',
  'default-project-complete.json',
  'default-project-history-200.json',
  'default-project-joint200.json',
  'default-project-read-model.json',
  'default-project-rules-2.json',
  'default-project-shared-engine.json',
  'detours-city-load.json',
  'detours-complete.json',
  'detours-rules-2.json',
  'intermediary-time.json',
  'joint-acceptance-rules-3.json',
  'legal-acts-rules-3.json',
  'migration-rules-3.json',
  'night-acts-rules-4.json',
  'post-check-legal.json',
  'promise-city-load.json',
  'shared-materials-rules-3.json',
  'signed-on-complete.json',
  'signoff-builtin-zhanjiang.json',
  'signoff-chain.json',
  'supervision-order-followup.json',
  'timers-city-load.json',
  'timers-city-load.run-2.json',
  'timers-continue-as-new.json',
  'timers-continue-as-new.run-2.json',
  'timers-continue-as-new.run-3.json',
  'timers-rules-2.json',
  'timers-rules-2.run-2.json',
  'timers-rules-2.run-3.json',
];

type TOutcome = { value: unknown } | { failure: string };

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
function bundleWithCapture(): Promise<WorkflowBundleWithSourceMap> {
  const noop = () => undefined;
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: PRELOAD_MODULES,
    workflowInterceptorModules: [require.resolve('../histories/replayed-results')],
    logger: { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop },
  });
  return bundle;
}

/** What the history says each update answered (by update id), and the workflow's result if this run completed. */
function recorded(history: temporal.api.history.v1.IHistory) {
  const updates = new Map<string, { name: string; outcome: TOutcome }>();
  const names = new Map<string, string>();
  let result: { value: unknown } | undefined;
  for (const event of history.events ?? []) {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) names.set(accepted.acceptedRequest!.meta!.updateId!, accepted.acceptedRequest!.input!.name!);
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed) {
      const id = completed.meta!.updateId!;
      const { success, failure } = completed.outcome!;
      const outcome: TOutcome = failure ? { failure: failure.message ?? '' } : { value: defaultPayloadConverter.fromPayload(success!.payloads![0]!) };
      updates.set(id, { name: names.get(id)!, outcome });
    }
    const done = event.workflowExecutionCompletedEventAttributes;
    if (done) result = { value: defaultPayloadConverter.fromPayload(done.result!.payloads![0]!) };
  }
  return { updates, result, continuedAsNew: history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes != null };
}

/** Replays one history and returns what today's code answered on the way. */
async function replay(file: string, history: temporal.api.history.v1.IHistory) {
  const updates = new Map<string, { name: string; outcome: TOutcome }>();
  const results: unknown[] = [];
  const parse = (json: string | undefined) => (json === undefined ? undefined : (JSON.parse(json) as unknown));
  const sinks: InjectedSinks<ReplayedResultSinks> = {
    replayed: {
      update: {
        fn: (_info, updateId, name, outcome) => void updates.set(updateId, { name, outcome: 'failure' in outcome ? outcome : { value: parse(outcome.json) } }),
        callDuringReplay: true,
      },
      result: { fn: (_info, json) => void results.push(parse(json)), callDuringReplay: true },
    },
  };
  const replays = Worker.runReplayHistories({ workflowBundle: await bundleWithCapture(), sinks }, [{ workflowId: file, history }]);
  for await (const outcome of replays) expect(outcome.error).toBeUndefined();
  return { updates, results };
}

test('every recorded history is replayed', () => {
  expect(files.sort()).toEqual(RECORDED);
});

test.each(RECORDED)('%s replays without non-determinism and answers as it did', async (file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  const expected = recorded(history);
  const replayed = await replay(file, history);

  // Same updates, in the same handlers, each answering exactly what the project answered then.
  expect([...replayed.updates.keys()].sort()).toEqual([...expected.updates.keys()].sort());
  for (const [id, { name, outcome }] of expected.updates) {
    expect({ update: id, name: replayed.updates.get(id)?.name }).toEqual({ update: id, name });
    expect(replayed.updates.get(id)?.outcome).toEqual(outcome);
  }
  // The run that completed returns the final view it recorded; a run that continued as new returns nothing.
  if (expected.result) expect(replayed.results).toEqual([expected.result.value]);
  else {
    expect(expected.continuedAsNew).toBe(true);
    expect(replayed.results).toEqual([]);
  }
});

test('the recorded histories cover a calendar refresh, continue-as-new, a deemed intake, a tolerance expiry and the patches', () => {
  const histories = RECORDED.map((file) => historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
  const all = histories.map(recorded);
  const answers = JSON.stringify(all.flatMap((h) => [...[...h.updates.values()].map((u) => u.outcome), h.result]));
  expect(new Set(all.flatMap((h) => [...h.updates.values()].map((u) => u.name)))).toEqual(new Set(['decide', 'refreshCalendar']));
  expect(all.some((h) => h.continuedAsNew)).toBe(true);
  expect(answers).toContain('"acceptance":"deemed"');
  expect(answers).toMatch(/"commitments":\[[^\]]*"status":"expired"/);
  const patches = histories.flatMap((h) =>
    (h.events ?? []).flatMap((e) => {
      const details = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0];
      return details ? [(defaultPayloadConverter.fromPayload(details) as { id: string }).id] : [];
    }),
  );
  // At least every patch workflows/project.ts had at 960d22f, when the *-rules-2 histories were recorded.
  expect([...new Set(patches)]).toEqual(expect.arrayContaining(['engine-rules-2', 'read-model', 'durable-effects', 'publish-after-end', 'read-model-ratings']));
  // And each engine rules version since: a project of each replays under the rules it ran.
  expect([...new Set(patches)]).toEqual(expect.arrayContaining(['city-load', 'engine-rules-3', 'engine-rules-4', 'followup']));
  // Issue 12's smaller history (no pending-departments upserts, one timer kept longer).
  expect(patches).toContain('history-200');
  // Issue 14's leftovers: a post-check's yellow card and delivery cards after the end.
  expect(patches).toContain('legal');
});
