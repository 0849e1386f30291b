/**
 * The worker process: `npm run worker`, or started by `npm start`. Configuration from the
 * environment (worker/config.ts); SIGINT/SIGTERM drain in-flight tasks and close the connection.
 */
import { join } from 'node:path';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { ZNotification } from '../activities/notifications';
import { copyOutbox, JsonlOutbox, PgOutbox } from '../activities/outbox';
import { ZHandover } from '../activities/supervision';
import { ZUndelivered } from '../activities/undelivered';
import { migrateToLatest, openDatabase } from '../db/connect';
import { CreditRecordStore } from '../db/credit-records';
import { ReadModelStore } from '../db/read-model/store';
import { currentCalendarSnapshot } from '../definitions/calendar/node/store';
import { loadDefinitionRegistry } from '../definitions/process/node/definition-files';
import { DocumentArchive } from '../activities/documents/archive';
import { departmentNames } from '../service/projects/names';
import { parseWorkerConfig } from './config';
import { connectionOptions } from './connection';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger(process.env.LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });
  const config = parseWorkerConfig(process.env);
  const db = openDatabase(config.DATABASE_URL, { applicationName: 'approvals-worker' });
  await migrateToLatest(db);
  const outbox = new PgOutbox(db, 'notifications', ZNotification);
  const supervision = new PgOutbox(db, 'supervision', ZHandover);
  // The file outboxes of an install from before PostgreSQL: their entries move over once (keys already there are kept).
  await copyOutbox(new JsonlOutbox(join(config.APPROVALS_DATA_DIR, 'outbox', 'notifications.jsonl'), ZNotification), outbox);
  await copyOutbox(new JsonlOutbox(join(config.APPROVALS_DATA_DIR, 'outbox', 'supervision.jsonl'), ZHandover), supervision);
  const connection = await NativeConnection.connect(connectionOptions(config));
  try {
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      maxCachedWorkflows: config.APPROVALS_WORKER_MAX_CACHED_WORKFLOWS,
      workflowThreads: config.APPROVALS_WORKER_WORKFLOW_THREADS,
      deps: {
        outbox,
        supervision,
        calendar: () => currentCalendarSnapshot(config.APPROVALS_DATA_DIR),
        readModel: new ReadModelStore(db),
        undelivered: new PgOutbox(db, 'undelivered', ZUndelivered),
        // The seal names the department as the service's definitions do (the same APPROVALS_DEFINITIONS_DIR).
        documents: new DocumentArchive(db, departmentNames(loadDefinitionRegistry(process.env.APPROVALS_DEFINITIONS_DIR || undefined).registry)),
        credit: new CreditRecordStore(db),
      },
    });
    console.log(`[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`);
    // Worker.run() installs SIGINT/SIGTERM handlers itself (shutdownSignals) and resolves once drained.
    await worker.run();
    console.log('[worker] stopped');
  } finally {
    await connection.close();
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`[worker] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
