/**
 * `approvals definitions migrate PROJECT --as COORDINATOR`: one running project moved to a newer
 * published version of its definition (the built-ins and the files of the definitions folder, as
 * the service publishes them). Without `--yes` it prints the project's dry run and changes
 * nothing; with it, sends migrateDefinition as that coordinator and prints the history entry.
 * Exit 0 when moved (or movable), 1 when it cannot move or the move is refused, 2 for a bad configuration.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Command } from 'commander';
import { currentCalendarSnapshot } from '../definitions/calendar/node/store';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { formatFileProblems, loadDefinitionRegistry } from '../definitions/process/node/definition-files';
import { openDatabase } from '../db/connect';
import { migrationCommand, planMigration } from '../service/definitions/migration';
import { ProjectGateway } from '../service/projects/gateway';
import { actorOf, UserDirectory } from '../service/users/store';
import { parseWorkerConfig } from '../worker/config';
import { connectionOptions } from '../worker/connection';
import { projectLines } from './dry-run';

const fail = (message: string, code = 1) => {
  process.stderr.write(`approvals definitions migrate: ${message}\n`);
  process.exitCode = code;
};

export function registerMigrateCommand(definitions: Command, definitionsDirEnv: string): void {
  definitions
    .command('migrate')
    .description('move one running project to a newer published version of its definition (a dry run unless --yes)')
    .argument('<projectId>', 'the project')
    .requiredOption('--as <username>', 'the coordinator who moves it (recorded in the history)')
    .option('--to-version <n>', 'the target version (default: the newest published)', (v) => Number.parseInt(v, 10))
    .option('--reason <text>', 'why, recorded in the history')
    .option('--yes', 'move it (without: show what would change)')
    .option('--dir <directory>', `also load the definition files of this directory (default: $${definitionsDirEnv})`)
    .action(async (projectId: string, opts: { as: string; toVersion?: number; reason?: string; yes?: boolean; dir?: string }) => {
      const { registry, problems } = loadDefinitionRegistry(opts.dir ?? (process.env[definitionsDirEnv] || undefined));
      if (problems.length > 0) return fail(`definition files have problems:\n${formatFileProblems(problems)}`);
      let config;
      try {
        config = parseWorkerConfig(process.env);
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err), 2);
      }
      const db = openDatabase(config.DATABASE_URL, { max: 2, applicationName: 'approvals-migrate' });
      let connection: Connection | undefined;
      try {
        const user = await new UserDirectory(db).find(opts.as);
        if (user?.role !== 'coordinator') return fail(`--as ${opts.as}: not an active coordinator`);
        connection = await Connection.connect(connectionOptions(config));
        const gateway = new ProjectGateway(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), config.TEMPORAL_TASK_QUEUE);
        const view = await gateway.view(projectId);
        const calendar = new WorkingCalendar(currentCalendarSnapshot(config.APPROVALS_DATA_DIR));
        const plan = await planMigration({ gateway, definitions: registry, calendar }, view, opts.toVersion);
        if (!plan.target || !plan.dryRun) return fail(`${projectId} runs ${view.definition.id} v${view.definition.version}: no newer version is published`);
        process.stdout.write(`${projectLines(plan.dryRun).join('\n')}\n`);
        if (!plan.dryRun.canMove) return fail(`${projectId} cannot move to v${plan.target.version}`);
        if (!opts.yes) {
          process.stdout.write('nothing was changed: run again with --yes to move it\n');
          return;
        }
        const command = migrationCommand(view, { target: plan.target, dryRun: plan.dryRun }, opts.reason);
        await gateway.decide(projectId, actorOf(user), command, `migrate-${randomUUID()}`);
        const entry = (await gateway.history(projectId)).filter((h) => h.type === 'definitionMigrated').at(-1);
        process.stdout.write(`moved: ${entry?.summary ?? `${projectId} now runs v${plan.target.version}`}\n`);
      } catch (err) {
        fail((err instanceof Error ? err.message : String(err)).split('\n')[0]!);
      } finally {
        await connection?.close();
        await db.destroy();
      }
    });
}
