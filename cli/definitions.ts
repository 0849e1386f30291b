/**
 * `approvals definitions …`: list and show the published process definitions, validate a definition
 * file, and pre-schedule a project (预排工期) on the official calendar. Problems exit 1, usage errors 2.
 */
import { type Command, Option } from 'commander';
import { defaultCalendar } from '../definitions/calendar/official';
import { parseAttributeText } from '../definitions/process/attributes';
import { describeCondition } from '../definitions/process/conditions';
import { loadDefinitionRegistry, formatFileProblems, validateDefinitionFile } from '../definitions/process/node/definition-files';
import { PlanError, planSchedule, type TPlan, type TItemActual } from '../definitions/process/plan';
import { definitionRef } from '../definitions/process/registry';
import { forwardPass, offsetTimeline } from '../definitions/process/schedule';
import type { TProcessDefinition } from '../definitions/process/schema';
import { DefinitionError } from '../definitions/process/validate';
import { registerDryRunCommand } from './dry-run';
import { registerMigrateCommand } from './migrate';

/** Where extra definition files live unless `--dir` says otherwise. */
export const DEFINITIONS_DIR_ENV = 'APPROVALS_DEFINITIONS_DIR';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Display width in a terminal: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}
const pad = (text: string, w: number) => text + ' '.repeat(Math.max(0, w - width(text)));

/** Rows as an aligned table with a header line. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => pad(cell, widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** The registry of built-ins plus the directory's files; file problems stop the command (exit 1). */
function loadRegistry(dir: string | undefined) {
  const { registry, problems } = loadDefinitionRegistry(dir ?? (process.env[DEFINITIONS_DIR_ENV] || undefined));
  if (problems.length > 0) {
    process.stderr.write(`definition files have ${problems.length} problem(s):\n${formatFileProblems(problems)}\n`);
    process.exit(1);
  }
  return registry;
}

/** Critical path of promised limits in working days, all items counted (what validation checks budgets with). */
function promisedCriticalPath(definition: TProcessDefinition): number {
  const all = new Set(definition.stages.flatMap((s) => s.items.map((i) => i.id)));
  return forwardPass(offsetTimeline, { definition, applicable: all, start: 0 }).governmentWorkdays;
}

function parseActual(text: string): [string, TItemActual] | undefined {
  const m = /^([a-z0-9-]+)=(\d{4}-\d{2}-\d{2})?(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) return undefined;
  return [m[1]!, { ...(m[2] ? { startedOn: m[2] } : {}), ...(m[3] ? { completedOn: m[3] } : {}) }];
}

function printPlan(plan: TPlan, definition: TProcessDefinition): void {
  const fits = plan.withinBudget ? 'within budget' : 'OVER BUDGET';
  out(`${definition.id} v${definition.version} (${plan.definition.hash.slice(0, 12)}) ${definition.title.zh}`);
  out(
    `start ${plan.start}${plan.asOf ? ` · as of ${plan.asOf}` : ''} · end ${plan.end}${plan.provisional ? ' (provisional: a holiday notice is not loaded yet)' : ''}`,
  );
  out(`government working days on the critical path: ${plan.governmentWorkdays} (budget ${plan.totalBudget}, ${fits}); span ${plan.spanWorkdays} working days`);
  if (plan.intermediaryWorkdays !== undefined) out(`intermediary working days (apart from government time): ${plan.intermediaryWorkdays}`);
  for (const stage of plan.stages) {
    out('');
    const prep = stage.preparationDays > 0 ? ` after ${stage.preparationDays} days of preparation` : '';
    out(
      `${stage.title} [${stage.stageId}] lead ${stage.leadDepartment} · opens ${stage.opens}${prep} · window ${stage.start} → ${stage.end} · ${stage.governmentWorkdays}/${stage.budget} working days${stage.withinBudget ? '' : ' OVER BUDGET'}`,
    );
    const rows = plan.items
      .filter((i) => i.stageId === stage.stageId)
      .map((i) => [
        i.critical ? '*' : '',
        i.itemId,
        i.title,
        i.department,
        i.start,
        i.due,
        i.legalDue,
        `${i.promisedLimit}/${i.legalLimit}`,
        [
          i.status === 'planned' ? '' : i.status,
          i.earlyStart ? 'early' : '',
          i.assumedAttributes.length ? `assumes ${i.assumedAttributes.join(',')}` : '',
          i.provisional ? 'provisional' : '',
        ]
          .filter(Boolean)
          .join(' '),
      ]);
    out(table(['', 'item', 'title', 'department', 'start', 'due', 'legal due', 'days', 'notes'], rows));
    for (const x of plan.intermediaries?.filter((w) => w.stageId === stage.stageId) ?? []) {
      const moved = x.movedEarlier ? `, moved earlier into ${x.startsInStageId}` : '';
      const delays = x.delaysOpening ? ', the stage opens on its delivery' : '';
      out(`  intermediary, not government time: ${x.serviceId} ${x.title} ${x.start} → ${x.end} (${x.workdays} working days, ${x.status}${moved}${delays})`);
    }
  }
  if (plan.skipped.length > 0) {
    out('');
    out('skipped:');
    for (const s of plan.skipped) out(`  ${s.itemId} (${s.stageId}): ${s.reason}`);
  }
  out('');
  out(`critical path (*): ${plan.criticalPath.join(' → ')}`);
}

function printDefinition(d: TProcessDefinition): void {
  const ref = definitionRef(d);
  const departments = new Map(d.departments.map((x) => [x.id, x.name.zh]));
  out(`${d.id} v${d.version} (${ref.hash.slice(0, 12)}) ${d.title.zh} — ${d.title.en}`);
  out(
    `budget ${d.totalBudget} working days (critical path of promised limits ${promisedCriticalPath(d)}); yellow card at ${d.yellowThreshold} working days left`,
  );
  for (const stage of d.stages) {
    out('');
    out(
      `${stage.title.zh} [${stage.id}] lead ${departments.get(stage.leadDepartment) ?? stage.leadDepartment} · budget ${stage.budget} working days · form: ${stage.form.fields.map((f) => f.label.zh).join('、')}`,
    );
    const rows = stage.items.map((i) => [
      i.id,
      i.title.zh,
      departments.get(i.department) ?? i.department,
      `${i.promisedLimit}/${i.legalLimit}`,
      [...i.dependsOn, ...i.requiresResults.map((r) => `result ${r}`)].join(', '),
      [
        i.earlyStart ? 'early' : '',
        i.condition ? `if ${describeCondition(i.condition)}` : '',
        i.materials.some((m) => m.kind === 'tolerable')
          ? `tolerable: ${i.materials
              .filter((m) => m.kind === 'tolerable')
              .map((m) => m.id)
              .join(',')}`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
    ]);
    out(table(['item', 'title', 'department', 'days', 'after', 'notes'], rows));
  }
}

export function registerDefinitionsCommands(program: Command): void {
  const definitions = program.command('definitions').description('process definitions: list, show, validate, plan (预排工期), dry-run, migrate');
  const dirOption = () => new Option('--dir <directory>', `also load the definition files (JSON/YAML) of this directory (default: $${DEFINITIONS_DIR_ENV})`);

  definitions
    .command('list')
    .description('every published definition version with its content hash')
    .addOption(dirOption())
    .option('--json', 'machine-readable output')
    .action((opts: { dir?: string; json?: boolean }) => {
      // Unlike plan, list shows what did load and then reports every file problem (exit 1).
      const { registry, problems } = loadDefinitionRegistry(opts.dir ?? (process.env[DEFINITIONS_DIR_ENV] || undefined));
      const published = registry.list();
      if (problems.length > 0) {
        process.stderr.write(`definition files have ${problems.length} problem(s):\n${formatFileProblems(problems)}\n`);
        process.exitCode = 1;
      }
      if (opts.json) {
        out(
          JSON.stringify(
            published.map((p) => ({ ...p.ref, title: p.definition.title, origin: p.origin })),
            null,
            2,
          ),
        );
        return;
      }
      const rows = published.map(({ definition: d, ref, origin }) => [
        d.id,
        String(d.version),
        d.title.zh,
        String(d.stages.length),
        String(d.stages.reduce((n, s) => n + s.items.length, 0)),
        `${promisedCriticalPath(d)}/${d.totalBudget}`,
        ref.hash.slice(0, 12),
        origin,
      ]);
      out(table(['id', 'version', 'title', 'stages', 'items', 'days/budget', 'hash', 'origin'], rows));
    });

  definitions
    .command('show')
    .description('one definition: its stages, lead departments, items with limits, dependencies and conditions')
    .argument('<id>', 'definition id')
    .option('--version <n>', 'definition version (default: latest)')
    .addOption(dirOption())
    .option('--json', 'the definition document as JSON (defaults filled in)')
    .action((id: string, opts: { version?: string; dir?: string; json?: boolean }, cmd: Command) => {
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) {
        cmd.error(`error: --version must be a positive integer, got '${opts.version}'`, { exitCode: 2, code: 'approvals.usage' });
      }
      let definition: TProcessDefinition;
      try {
        definition = loadRegistry(opts.dir).require(id, version);
      } catch (err) {
        if (!(err instanceof DefinitionError)) throw err;
        return cmd.error(`error: ${err.problems.map((p) => p.message).join('; ')}`, { exitCode: 2, code: 'approvals.usage' });
      }
      if (opts.json) return out(JSON.stringify(definition, null, 2));
      printDefinition(definition);
    });

  definitions
    .command('validate')
    .description('check a definition file (JSON or YAML); exits 1 listing every problem with its path')
    .argument('<file>', 'definition file')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { json?: boolean }) => {
      const result = validateDefinitionFile(file);
      if (opts.json) out(JSON.stringify(result.ok ? { ok: true, ...definitionRef(result.definition) } : result, null, 2));
      if (!result.ok) {
        if (!opts.json) {
          out(`${file}: ${result.problems.length} problem(s)`);
          for (const p of result.problems) out(`  ${p.path || '(document)'}: ${p.message}`);
        }
        process.exitCode = 1;
        return;
      }
      if (opts.json) return;
      const d = result.definition;
      const ref = definitionRef(d);
      const items = d.stages.reduce((n, s) => n + s.items.length, 0);
      out(
        `${file}: ok — ${d.id} v${d.version} (${ref.hash.slice(0, 12)}), ${d.stages.length} stages, ${items} items, critical path ${promisedCriticalPath(d)} of ${d.totalBudget} working days`,
      );
    });

  definitions
    .command('plan')
    .description('pre-schedule a project (预排工期) on the official working-day calendar')
    .argument('<id>', 'definition id')
    .requiredOption('--start <date>', 'registration date YYYY-MM-DD (day 1 is the next working day)')
    .option('--version <n>', 'definition version (default: latest)')
    .option('--attr <key=value>', 'project attribute, repeatable (e.g. floorArea=12000)', collect, [])
    .option('--prep <stage=days>', 'enterprise preparation before a stage in working days, repeatable', collect, [])
    .option('--actual <item=started[/completed]>', 'actual progress, repeatable, to re-plan (e.g. project-filing=2026-03-02/2026-03-02)', collect, [])
    .option('--as-of <date>', 'today, when re-planning from actuals')
    .addOption(dirOption())
    .option('--json', 'machine-readable output (the plan as JSON)')
    .action(
      (
        id: string,
        opts: { start: string; version?: string; attr: string[]; prep: string[]; actual: string[]; asOf?: string; dir?: string; json?: boolean },
        cmd: Command,
      ) => {
        const usage = (message: string): never => cmd.error(`error: ${message}`, { exitCode: 2, code: 'approvals.usage' });
        const version = opts.version === undefined ? undefined : Number(opts.version);
        if (version !== undefined && !(Number.isInteger(version) && version > 0)) usage(`--version must be a positive integer, got '${opts.version}'`);
        const registry = loadRegistry(opts.dir);
        let definition: TProcessDefinition;
        try {
          definition = registry.require(id, version);
        } catch (err) {
          return usage(err instanceof DefinitionError ? err.problems.map((p) => p.message).join('; ') : String(err));
        }
        const { attributes, problems } = parseAttributeText(definition, opts.attr);
        if (problems.length > 0) usage(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
        const preparationDays: Record<string, number> = {};
        for (const p of opts.prep) {
          const m = /^([a-z0-9-]+)=(\d+)$/.exec(p);
          if (!m) usage(`--prep expects stage=days, got '${p}'`);
          preparationDays[m![1]!] = Number(m![2]);
        }
        const actuals: Record<string, TItemActual> = {};
        for (const a of opts.actual) {
          const parsed = parseActual(a);
          if (!parsed) usage(`--actual expects item=YYYY-MM-DD[/YYYY-MM-DD] or item=/YYYY-MM-DD, got '${a}'`);
          actuals[parsed![0]] = parsed![1];
        }
        let plan: TPlan;
        try {
          plan = planSchedule(definition, attributes, opts.start, defaultCalendar(), {
            preparationDays,
            actuals,
            ...(opts.asOf ? { asOf: opts.asOf } : {}),
          });
        } catch (err) {
          if (err instanceof PlanError) return usage(err.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
          throw err;
        }
        if (opts.json) out(JSON.stringify(plan, null, 2));
        else printPlan(plan, definition);
      },
    );
  registerDryRunCommand(definitions);
  registerMigrateCommand(definitions, DEFINITIONS_DIR_ENV);
}
