/**
 * `approvals read-model rebuild`: writes every project's list, inbox and statistics rows
 * again from the workflows in Temporal (TEMPORAL_* as the worker reads them) into the
 * database (DATABASE_URL). For a new database, a restored backup, or rows suspected wrong.
 */
import { Client, Connection } from '@temporalio/client';
import type { Command } from 'commander';
import { migrateToLatest, openDatabase } from '../db/connect';
import { rebuildReadModel } from '../db/read-model/rebuild';
import { ReadModelStore } from '../db/read-model/store';
import { ProjectGateway } from '../service/projects/gateway';
import { parseWorkerConfig } from '../worker/config';
import { connectionOptions } from '../worker/connection';

export function registerReadModelCommands(program: Command): void {
  const readModel = program.command('read-model').description('the tables every list, inbox and statistic reads');
  readModel
    .command('rebuild')
    .description("write every project's rows again from Temporal (the source of truth)")
    .action(async () => {
      let config;
      try {
        config = parseWorkerConfig(process.env);
      } catch (err) {
        process.stderr.write(`approvals read-model rebuild: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(2);
      }
      const db = openDatabase(config.DATABASE_URL, { max: 8, applicationName: 'approvals-rebuild' });
      let connection: Connection | undefined;
      try {
        await migrateToLatest(db);
        connection = await Connection.connect(connectionOptions(config));
        const gateway = new ProjectGateway(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), config.TEMPORAL_TASK_QUEUE);
        const started = Date.now();
        const result = await rebuildReadModel(gateway, new ReadModelStore(db), { progress: (n) => process.stdout.write(`  ${n} projects written\n`) });
        process.stdout.write(
          `rebuilt ${result.projects} projects in ${((Date.now() - started) / 1000).toFixed(1)} s; removed ${result.removed} no longer in Temporal\n`,
        );
      } catch (err) {
        process.stderr.write(`approvals read-model rebuild: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
        process.exitCode = 1;
      } finally {
        await connection?.close();
        await db.destroy();
      }
    });
}
