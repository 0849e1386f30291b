/**
 * The floor workflow: `updates` updates, each queueing its share of `activities`; the
 * activities run one at a time in the order queued (the engine delivers its effects so); it
 * completes once every update has come and every activity has run.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createFloorActivities } from './activities';
import { floorStateQuery, floorStepUpdate, type TFloorInput } from './messages';

const { floorEffect } = proxyActivities<ReturnType<typeof createFloorActivities>>({ startToCloseTimeout: '1 minute' });

export async function floorWorkflow(input: TFloorInput): Promise<number> {
  let steps = 0;
  let queued = 0;
  let effectsDone = 0;
  // Activities for update i: the i-th share of `activities` spread evenly over `updates`.
  const shareOf = (i: number) => Math.floor(((i + 1) * input.activities) / input.updates) - Math.floor((i * input.activities) / input.updates);
  setHandler(
    floorStepUpdate,
    ({ step }) => {
      queued += shareOf(steps);
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
  while (steps < input.updates || effectsDone < queued) {
    await condition(() => effectsDone < queued || steps >= input.updates);
    while (effectsDone < queued) {
      await floorEffect(effectsDone);
      effectsDone++;
    }
  }
  return steps;
}
