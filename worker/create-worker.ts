/** Builds the product's worker: one workflowsPath, the activities from their factory. */
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { type ActivityDeps, createActivities } from '../activities';

export const WORKFLOWS_PATH = require.resolve('../workflows');
/** Loaded once per workflow thread and shared by its cached workflows (workflows/preload.ts); every bundle of the workflows names it. */
export const PRELOAD_MODULES = [require.resolve('../workflows/preload')];

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Sticky cache size (worker/config.ts APPROVALS_WORKER_MAX_CACHED_WORKFLOWS); the SDK's default when absent. */
  maxCachedWorkflows?: number;
  /** Workflow threads (worker/config.ts APPROVALS_WORKER_WORKFLOW_THREADS); the SDK's default when absent. */
  workflowThreads?: number;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: PRELOAD_MODULES } }),
    activities: createActivities(opts.deps),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    ...(opts.workflowThreads !== undefined ? { workflowThreadPoolSize: opts.workflowThreads } : {}),
  });
}
