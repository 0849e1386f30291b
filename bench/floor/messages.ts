/**
 * The floor's messages: a bare Temporal workflow with the event shape of a default project
 * (as many updates, activities and queries), none of the engine's work. Imported by the
 * floor workflow and by the benchmarks' clients.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export interface TFloorInput {
  /** Updates before the workflow completes (a default project's decisions). */
  updates: number;
  /** Activities in all, spread over the updates and run one after another (as the engine's effects). */
  activities: number;
  /** Local activities in all (the engine's one `publishWake` per wake that changed something). */
  localActivities?: number;
  /** Search-attribute upserts in all (the SDK's change versions included: an event each all the same). */
  upserts?: number;
  /** Timers started in all; each cancels the one before. */
  timers?: number;
}

/** One step; answers the step's number (a few bytes, no view). */
export const floorStepUpdate = defineUpdate<number, [{ step: number }]>('floorStep');
export const floorStateQuery = defineQuery<{ steps: number; effectsDone: number }>('floorState');

export const FLOOR_TASK_QUEUE = 'bench-floor';
