/**
 * The floor workflow: `updates` updates, each taking its share of the project's other events:
 * activities (run one at a time in the order queued, as the engine once delivered its effects),
 * local activities (one after another in the update's wake, as the engine's `publishWake`),
 * search-attribute upserts and timers (each new timer cancels the one before, as the engine's
 * one alarm). It completes once every update has come and every activity has run. The work is
 * nothing: a local activity returns its argument, an upsert writes the step's number.
 */
import {
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { SA } from '../../workflows/search-attributes';
import type { createFloorActivities } from './activities';
import { floorStateQuery, floorStepUpdate, type TFloorInput } from './messages';

const { floorEffect } = proxyActivities<ReturnType<typeof createFloorActivities>>({ startToCloseTimeout: '1 minute' });
const local = proxyLocalActivities<ReturnType<typeof createFloorActivities>>({ startToCloseTimeout: '1 minute' });

export async function floorWorkflow(input: TFloorInput): Promise<number> {
  let steps = 0;
  let queued = 0;
  let effectsDone = 0;
  /** Events owed by the updates so far and not yet made, per kind. */
  const owed = { local: 0, upserts: 0, timers: 0 };
  // Update i's share of `total`, spread evenly over `updates`.
  const shareOf = (total: number | undefined, i: number) =>
    Math.floor(((i + 1) * (total ?? 0)) / input.updates) - Math.floor((i * (total ?? 0)) / input.updates);
  setHandler(
    floorStepUpdate,
    ({ step }) => {
      queued += shareOf(input.activities, steps);
      owed.local += shareOf(input.localActivities, steps);
      owed.upserts += shareOf(input.upserts, steps);
      owed.timers += shareOf(input.timers, steps);
      steps++;
      return step;
    },
    {
      validator: ({ step }) => {
        if (!Number.isInteger(step)) throw new TypeError('step: a whole number');
      },
    },
  );
  setHandler(floorStateQuery, () => ({ steps, effectsDone }));
  let alarm: CancellationScope | undefined;
  const work = () => effectsDone < queued || owed.local + owed.upserts + owed.timers > 0;
  while (steps < input.updates || work()) {
    await condition(() => work() || steps >= input.updates);
    for (; owed.upserts > 0; owed.upserts--) upsertSearchAttributes([{ key: SA.stage, value: `floor-${steps}` }]);
    for (; owed.timers > 0; owed.timers--) {
      alarm?.cancel();
      alarm = new CancellationScope();
      alarm
        .run(() => sleep('30 days'))
        .catch((err: unknown) => {
          if (!isCancellation(err)) throw err;
        });
    }
    for (; owed.local > 0; owed.local--) await local.floorEffect(steps);
    while (effectsDone < queued) {
      await floorEffect(effectsDone);
      effectsDone++;
    }
  }
  return steps;
}
