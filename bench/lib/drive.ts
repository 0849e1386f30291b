/**
 * One complete project of each kind, driven through the Temporal client: a default project
 * (registered as tests do, every stage applied for, accepted, reviewed, issued and rated, then
 * its result awaited) and a floor workflow of the same shape (updates, queries, activities).
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { driveProject } from '../../client/scenario';
import { getDefinition } from '../../definitions/process';
import { actorsFor, registerDefaultProject } from '../../tests/helpers/projects';
import { projectWorkflowId, viewQuery } from '../../workflows/messages';
import { DEFAULT_TASK_QUEUE } from '../../workflows/shared';
import { FLOOR_TASK_QUEUE, floorStateQuery, floorStepUpdate, type TFloorInput } from '../floor/messages';

const EventType = temporal.api.enums.v1.EventType;
/** The marker the SDK records for a local activity's result. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** What a complete project costs Temporal: counted from its history (every run), queries from the client's own calls. */
export interface TShape {
  updates: number;
  activities: number;
  /** Local activities (their markers): the engine's `publishWake`, one per wake that changed something. */
  localActivities: number;
  /** Search-attribute upserts, the SDK's change versions included. */
  upserts: number;
  timers: number;
  queries: number;
  events: number;
  runs: number;
  /** Bytes of the history's payloads (update results, inputs). */
  historyBytes: number;
}

/** Drives a default project to its end; the number of queries the client sent. */
export async function completeDefaultProject(client: Client, projectId: string, opts: { waitForWorker?: boolean } = {}): Promise<{ queries: number }> {
  const definition = getDefinition('wuhan-industrial')!;
  await registerDefaultProject(client, DEFAULT_TASK_QUEUE, { projectId });
  if (opts.waitForWorker) await untilAnswered(client, projectId);
  const view = await driveProject(client, projectId, actorsFor(definition), { rate: true });
  await client.workflow.getHandle(projectWorkflowId(projectId)).result();
  // driveProject: one view at the start, then per stage the spec and a view (client/scenario.ts stageApplication).
  return { queries: 1 + 2 * view.stages.length };
}

/**
 * On a loaded machine the worker may still be bundling the workflows when the first project
 * starts, and a query sent before it polls fails after the server's timeout: ask again for up
 * to three minutes (the run's first project only; its queries are not counted).
 */
async function untilAnswered(client: Client, projectId: string): Promise<void> {
  const handle = client.workflow.getHandle(projectWorkflowId(projectId));
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.query(viewQuery);
      return;
    } catch (err) {
      if (attempt >= 6) throw err;
    }
  }
}

/** Runs a floor workflow of `shape` to its end: its updates in order, its queries spread between them. */
export async function completeFloor(client: Client, workflowId: string, shape: TFloorInput & { queries: number }): Promise<void> {
  const handle = await client.workflow.start('floorWorkflow', { taskQueue: FLOOR_TASK_QUEUE, workflowId, args: [floorInput(shape)] });
  const queryBefore = (i: number) => Math.floor(((i + 1) * shape.queries) / shape.updates) - Math.floor((i * shape.queries) / shape.updates);
  for (let i = 0; i < shape.updates; i++) {
    for (let q = 0; q < queryBefore(i); q++) await handle.query(floorStateQuery);
    await handle.executeUpdate(floorStepUpdate, { args: [{ step: i }] });
  }
  await handle.result();
}

/** The floor's input for a shape: every kind of event the floor copies. */
export function floorInput(shape: TFloorInput): TFloorInput {
  const { updates, activities, localActivities, upserts, timers } = shape;
  return { updates, activities, localActivities, upserts, timers };
}

/** Counts a workflow's history over all its runs (following continue-as-new back to the first run). */
export async function shapeOf(client: Client, workflowId: string, queries: number): Promise<TShape> {
  const shape: TShape = { updates: 0, activities: 0, localActivities: 0, upserts: 0, timers: 0, queries, events: 0, runs: 0, historyBytes: 0 };
  let runId: string | undefined;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    shape.runs++;
    shape.events += events.length;
    shape.historyBytes += temporal.api.history.v1.History.encode(history).finish().length;
    for (const e of events) {
      if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) shape.updates++;
      if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) shape.activities++;
      if (e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER)
        shape.localActivities++;
      if (e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) shape.upserts++;
      if (e.eventType === EventType.EVENT_TYPE_TIMER_STARTED) shape.timers++;
    }
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    if (!runId) return shape;
  }
}
