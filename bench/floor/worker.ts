/** The floor's worker process: same connection settings and cache size as the product's worker, the floor's task queue. */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { FLOOR_TASK_QUEUE } from './messages';
import { createFloorActivities } from './activities';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  try {
    const worker = await Worker.create({
      connection,
      taskQueue: FLOOR_TASK_QUEUE,
      workflowsPath: require.resolve('./workflows'),
      activities: createFloorActivities(),
      maxCachedWorkflows: Number(process.env.APPROVALS_WORKER_MAX_CACHED_WORKFLOWS ?? 1000),
    });
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(`[floor-worker] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
