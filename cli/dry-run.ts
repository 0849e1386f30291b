/**
 * `approvals definitions dry-run NEW.yaml`: what a new definition version would do to every
 * running project of its id (read from the read model and the workflows; nothing is changed).
 * Exit 0 when every project could move, 1 when one could not or the file has problems, 2 for
 * a bad configuration.
 */
import { Client, Connection } from '@temporalio/client';
import type { Command } from 'commander';
import { currentCalendarSnapshot } from '../definitions/calendar/node/store';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { validateDefinitionFile } from '../definitions/process/node/definition-files';
import { definitionRef } from '../definitions/process/registry';
import { migrateToLatest, openDatabase } from '../db/connect';
import { ReadModelStore } from '../db/read-model/store';
import type { TProjectDryRun } from '../service/definitions/dry-run';
import { dryRunRunningProjects, type TDryRunReport } from '../service/definitions/running-projects';
import { ProjectGateway } from '../service/projects/gateway';
import { parseWorkerConfig } from '../worker/config';
import { connectionOptions } from '../worker/connection';

const ref = (r: { id: string; version: number; hash: string }) => `${r.id} v${r.version} (${r.hash.slice(0, 12)})`;

/** One project's changes as indented lines. */
export function projectLines(p: TProjectDryRun): string[] {
  const head = `${p.projectId} ${p.title} · ${ref(p.from)} · stage ${p.currentStageId}: ${p.canMove ? (p.unchanged ? 'can move, no change' : 'can move') : 'CANNOT MOVE'}`;
  const lines = [head];
  for (const b of p.blockers) lines.push(`  ✗ ${b.reason}`);
  for (const a of p.itemsAdded) lines.push(`  + item ${a.itemId} ${a.title} (${a.departmentId}, stage ${a.stageId})`);
  for (const d of p.itemsDropped) lines.push(`  - item ${d.itemId} ${d.title} (stage ${d.stageId}, ${d.status})`);
  for (const l of p.limitsChanged) {
    lines.push(`  ~ limit ${l.itemId}: promised ${l.promised.from} → ${l.promised.to}, legal ${l.legal.from} → ${l.legal.to} working days`);
  }
  for (const d of p.duesMoved) {
    const provisional = d.provisional ? ' (provisional: a holiday notice is not loaded yet)' : '';
    lines.push(`  ~ due ${d.itemId}: promised ${d.promisedDueAt.from} → ${d.promisedDueAt.to}; legal ${d.legalDueAt.from} → ${d.legalDueAt.to}${provisional}`);
  }
  for (const m of p.materialsNewlyRequired)
    lines.push(`  + material ${m.materialId} ${m.title} (${m.kind}) for ${m.itemId}, stage ${m.stageId} ${m.stageStatus}`);
  return lines;
}

export function dryRunText(report: TDryRunReport): string {
  const s = report.summary;
  return [
    `dry run of ${ref(report.definition)} over ${s.projects} running project(s): ${s.canMove} can move (${s.unchanged} unchanged), ${s.cannotMove} cannot; nothing was changed`,
    ...report.projects.flatMap((p) => ['', ...projectLines(p)]),
  ].join('\n');
}

export function registerDryRunCommand(definitions: Command): void {
  definitions
    .command('dry-run')
    .description('what a new definition version would change in every running project of its id (reads Temporal and the read model; changes nothing)')
    .argument('<file>', 'the new definition (JSON or YAML)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const checked = validateDefinitionFile(file);
      if (!checked.ok) {
        process.stderr.write(
          `${file}: ${checked.problems.length} problem(s)\n${checked.problems.map((p) => `  ${p.path || '(document)'}: ${p.message}`).join('\n')}\n`,
        );
        process.exitCode = 1;
        return;
      }
      let config;
      try {
        config = parseWorkerConfig(process.env);
      } catch (err) {
        process.stderr.write(`approvals definitions dry-run: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(2);
      }
      const db = openDatabase(config.DATABASE_URL, { max: 4, applicationName: 'approvals-dry-run' });
      let connection: Connection | undefined;
      try {
        await migrateToLatest(db);
        connection = await Connection.connect(connectionOptions(config));
        const gateway = new ProjectGateway(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), config.TEMPORAL_TASK_QUEUE);
        const calendar = new WorkingCalendar(currentCalendarSnapshot(config.APPROVALS_DATA_DIR));
        const report = await dryRunRunningProjects(
          { gateway, readModel: new ReadModelStore(db), calendar, now: new Date() },
          { definition: checked.definition, ref: definitionRef(checked.definition) },
        );
        process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : dryRunText(report)}\n`);
        if (report.summary.cannotMove > 0) process.exitCode = 1;
      } catch (err) {
        process.stderr.write(`approvals definitions dry-run: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
        process.exitCode = 1;
      } finally {
        await connection?.close();
        await db.destroy();
      }
    });
}
