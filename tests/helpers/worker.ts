/** A worker for a test: bundles the workflows once per test file, fresh worker per test. */
import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  type ActivityDeps,
  type CreditRecordWriter,
  MemoryOutbox,
  MemoryReadModel,
  type ReadModelWriter,
  type TCreditRecordEntry,
  type TNotification,
  type THandover,
  type TUndelivered,
} from '../../activities';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import type { TCalendarSnapshot } from '../../definitions/calendar/snapshot';
import { PRELOAD_MODULES, WORKFLOWS_PATH, createWorker } from '../../worker/create-worker';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: PRELOAD_MODULES, logger: quietLogger });
  return bundle;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/**
 * `calendar` answers the workflow's `currentCalendar` activity (the calendar "in force now");
 * `readModel` takes the rows the workflows publish (in memory, or a test database's store).
 */
export async function testWorker(
  env: TestWorkflowEnvironment,
  outbox = new MemoryOutbox<TNotification>(),
  calendar: () => TCalendarSnapshot = buildOfficialSnapshot,
  readModel: ReadModelWriter = new MemoryReadModel(),
  opts: { workflowBundle?: WorkflowBundleWithSourceMap; documents?: ActivityDeps['documents']; credit?: CreditRecordWriter } = {},
) {
  const supervision = new MemoryOutbox<THandover>();
  /** The dead-letter list (effects whose delivery failed after their retries). */
  const undelivered = new MemoryOutbox<TUndelivered>();
  /** 告知承诺 credit records the workflows wrote (in memory unless the test passes the database's). */
  const credit = opts.credit ?? new MemoryOutbox<TCreditRecordEntry>();
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: { outbox, supervision, calendar, readModel, undelivered, credit, ...(opts.documents ? { documents: opts.documents } : {}) },
    workflowBundle: opts.workflowBundle ?? (await workflowBundle()),
  });
  return { worker, taskQueue, outbox, supervision, readModel, undelivered, credit };
}
