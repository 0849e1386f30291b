/**
 * Validation of a process definition beyond its shape: references, cycles, limits, budgets,
 * vague materials. Every problem is reported (not only the first), each with the path of the
 * offending element, e.g. `stages[1].items[2].materials[0].id`.
 */
import { checkSharedMaterials } from './shared-materials';
import type { z } from 'zod';
import { findCycle, indexItems, indexResultIssuers, orderByDependencies, type ItemLocation } from './graph';
import { checkJointAcceptances } from './joint';
import { forwardPass, offsetTimeline } from './schedule';
import { ZProcessDefinition, type TComparison, type TCondition, type TItemCategory, type TProblem, type TProcessDefinition } from './schema';

export type TValidation = { ok: true; definition: TProcessDefinition } | { ok: false; problems: TProblem[] };

/** Thrown where an invalid definition cannot be used; carries every problem. */
export class DefinitionError extends Error {
  constructor(
    readonly problems: readonly TProblem[],
    context = 'invalid process definition',
  ) {
    super(`${context}:\n${problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
    this.name = 'DefinitionError';
  }
}

/** `['stages', 1, 'items', 2, 'id']` → `stages[1].items[2].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function shapeProblems(error: z.ZodError): TProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Catch-all materials ("其他材料", "有关材料", "……等相关材料"): the Changsha platform refuses
 * items listing them (seed 004), since an applicant cannot know what to bring.
 */
const VAGUE_ZH = /(其他|其它|其余|有关|相关|另需|等)(的)?(申请)?(材料|资料|文件|证明|要件)/;
const VAGUE_EN = /\b(other|relevant|related|further|additional)\s+(materials?|documents?|papers?)\b/i;
export function isVagueMaterialTitle(title: { zh: string; en: string }): boolean {
  return VAGUE_ZH.test(title.zh) || VAGUE_EN.test(title.en);
}

/** Parses and checks a definition document; returns it with defaults filled, or every problem. */
export function validateDefinition(input: unknown): TValidation {
  const parsed = ZProcessDefinition.safeParse(input);
  if (!parsed.success) return { ok: false, problems: shapeProblems(parsed.error) };
  const problems = checkDefinition(parsed.data);
  return problems.length === 0 ? { ok: true, definition: parsed.data } : { ok: false, problems };
}

/** Like {@link validateDefinition}, for code that cannot go on without a valid definition. @throws DefinitionError */
export function parseDefinition(input: unknown): TProcessDefinition {
  const result = validateDefinition(input);
  if (!result.ok) throw new DefinitionError(result.problems);
  return result.definition;
}

/** The checks beyond shape, on a definition that has the right shape. */
export function checkDefinition(def: TProcessDefinition): TProblem[] {
  const problems: TProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const departments = new Set(def.departments.map((d) => d.id));
  const items = indexItems(def);
  const issuers = indexResultIssuers(def);
  const unknownDepartment = (path: string, id: string, role: string) => {
    if (!departments.has(id)) report(path, `${role} '${id}' is not a department of this definition (known: ${[...departments].join(', ')})`);
  };

  duplicates(
    def.departments.map((d, i) => [d.id, `departments[${i}].id`]),
    'department',
    report,
  );
  duplicates(
    def.attributes.map((a, i) => [a.key, `attributes[${i}].key`]),
    'attribute',
    report,
  );
  duplicates(
    def.stages.map((s, i) => [s.id, `stages[${i}].id`]),
    'stage',
    report,
  );
  const allItems = [...def.stages.entries()].flatMap(([si, s]) => s.items.map((it, ii) => ({ it, path: `stages[${si}].items[${ii}]` })));
  duplicates(
    allItems.map(({ it, path }) => [it.id, `${path}.id`]),
    'item',
    report,
  );
  duplicates(
    allItems.flatMap(({ it, path }) => it.results.map((r, ri) => [r.id, `${path}.results[${ri}].id`] as const)),
    'result',
    report,
  );

  def.attributes.forEach((a, i) => {
    if (a.type === 'select' && !(a.options && a.options.length > 0)) report(`attributes[${i}].options`, `select attribute '${a.key}' needs options`);
  });

  // Core materials per department: a material its department checks strictly somewhere may never be tolerated.
  const coreByDepartment = new Map<string, string>();
  for (const { it, path } of allItems) {
    it.materials.forEach((m, mi) => {
      if (m.kind === 'core' && !coreByDepartment.has(`${it.department}/${m.id}`)) coreByDepartment.set(`${it.department}/${m.id}`, `${path}.materials[${mi}]`);
    });
  }

  def.stages.forEach((stage, si) => {
    const stagePath = `stages[${si}]`;
    unknownDepartment(`${stagePath}.leadDepartment`, stage.leadDepartment, 'lead department');
    duplicates(
      stage.form.fields.map((f, fi) => [f.id, `${stagePath}.form.fields[${fi}].id`]),
      'form field',
      report,
    );
    stage.form.fields.forEach((f, fi) => {
      if (f.type === 'select' && !(f.options && f.options.length > 0))
        report(`${stagePath}.form.fields[${fi}].options`, `select field '${f.id}' needs options`);
    });

    stage.items.forEach((item, ii) => {
      const path = `${stagePath}.items[${ii}]`;
      const here = items.get(item.id)!;
      unknownDepartment(`${path}.department`, item.department, 'department');
      if (item.promisedLimit > item.legalLimit) {
        report(`${path}.promisedLimit`, `promised limit ${item.promisedLimit} working days is above the legal limit ${item.legalLimit} of item '${item.id}'`);
      }
      if (item.earlyStart && si === 0) report(`${path}.earlyStart`, `item '${item.id}' of the first stage cannot start early: there is no previous stage`);

      item.dependsOn.forEach((dep, di) => {
        const target = items.get(dep);
        const at = `${path}.dependsOn[${di}]`;
        if (!target) report(at, `item '${item.id}' depends on unknown item '${dep}'`);
        else if (target.stageIndex > si) report(at, `item '${item.id}' depends on '${dep}' of a later stage '${target.stage.id}'`);
        else if (target.stageIndex < si)
          report(at, `item '${item.id}' depends on '${dep}' of an earlier stage '${target.stage.id}': use requiresResults with its result`);
      });
      item.requiresResults.forEach((res, ri) => {
        const issuer = issuers.get(res);
        const at = `${path}.requiresResults[${ri}]`;
        if (!issuer) report(at, `item '${item.id}' requires result '${res}' that no item issues`);
        else if (issuer.stageIndex > si) report(at, `item '${item.id}' requires result '${res}' issued only in a later stage '${issuer.stage.id}'`);
        else if (issuer.stageIndex === si)
          report(at, `item '${item.id}' requires result '${res}' issued in the same stage by '${issuer.item.id}': use dependsOn`);
      });

      duplicates(
        item.materials.map((m, mi) => [m.id, `${path}.materials[${mi}].id`]),
        'material',
        report,
      );
      item.materials.forEach((m, mi) => {
        const mPath = `${path}.materials[${mi}]`;
        if (isVagueMaterialTitle(m.title)) {
          report(
            `${mPath}.title`,
            `material '${m.id}' "${m.title.zh}" is a vague catch-all; name the document (catch-all materials such as 其他材料/有关材料 are refused)`,
          );
        }
        const core = coreByDepartment.get(`${item.department}/${m.id}`);
        if (m.kind === 'tolerable' && core) {
          report(
            `${mPath}.kind`,
            `material '${m.id}' is tolerable here but core for department '${item.department}' at ${core}; core materials are never tolerated`,
          );
        }
        if (m.providedByResult !== undefined) checkProvider(m.providedByResult, `${mPath}.providedByResult`, here, issuers, report);
      });

      item.results.forEach((r, ri) => {
        if (r.supervisingDepartment !== undefined)
          unknownDepartment(`${path}.results[${ri}].supervisingDepartment`, r.supervisingDepartment, 'supervising department');
      });
      if (item.condition) checkCondition(item.condition, `${path}.condition`, def, report);
      if (item.promise) {
        const problem = promiseIneligibility(item.category);
        if (problem) report(`${path}.promise`, `item '${item.id}' cannot be decided on a written promise (告知承诺): ${problem}`);
      }
    });

    for (const cycle of stageCycles(stage.items)) {
      const ii = stage.items.findIndex((i) => i.id === cycle[0]);
      report(`${stagePath}.items[${ii}].dependsOn`, `dependency cycle: ${cycle.join(' → ')}`);
    }
  });

  checkJointAcceptances(def, report);
  checkSharedMaterials(def, report);

  // Budgets need a sound graph: only check them when references and cycles are fine.
  if (problems.length === 0) checkBudgets(def, report);
  return problems;
}

/** Why an item of `category` may not take a promise (国办发〔2020〕42号 excludes security, safety, environment, health, life and property), or undefined. */
function promiseIneligibility(category: TItemCategory | undefined): string | undefined {
  if (category === undefined) return "declare its category: only a 'general' item may be promise-eligible";
  if (category === 'general') return undefined;
  return `it is a '${category}' matter; national security, public safety, environment, health, life and property, land planning and construction quality are excluded (国办发〔2020〕42号; core matters are checked strictly)`;
}

function duplicates(entries: readonly (readonly [string, string])[], what: string, report: (path: string, message: string) => void): void {
  const first = new Map<string, string>();
  for (const [id, path] of entries) {
    const seen = first.get(id);
    if (seen) report(path, `duplicate ${what} id '${id}' (first at ${seen})`);
    else first.set(id, path);
  }
}

/** Each cycle once, as `a → b → a`, starting from its first item in document order. */
function stageCycles(items: TProcessDefinition['stages'][number]['items']): string[][] {
  const { cyclic } = orderByDependencies(items);
  const cycles: string[][] = [];
  const covered = new Set<string>();
  for (const item of cyclic) {
    if (covered.has(item.id)) continue;
    const cycle = findCycle(items, item.id);
    if (!cycle) continue; // only downstream of a cycle
    cycle.forEach((id) => covered.add(id));
    cycles.push(cycle);
  }
  return cycles;
}

/** An electronic licence reused as a material must exist before the item runs. */
function checkProvider(
  resultId: string,
  path: string,
  here: ItemLocation,
  issuers: ReadonlyMap<string, ItemLocation>,
  report: (path: string, message: string) => void,
): void {
  const issuer = issuers.get(resultId);
  if (!issuer) return report(path, `material provided by result '${resultId}' that no item issues`);
  if (issuer.stageIndex < here.stageIndex) return;
  if (issuer.stageIndex === here.stageIndex && dependsTransitively(here, issuer.item.id)) return;
  report(
    path,
    `result '${resultId}' (issued by '${issuer.item.id}') is not available before item '${here.item.id}': it must come from an earlier stage or an item this one depends on`,
  );
}

function dependsTransitively(here: ItemLocation, target: string): boolean {
  const byId = new Map(here.stage.items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const stack = [...here.item.dependsOn];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return false;
}

function checkCondition(condition: TCondition, path: string, def: TProcessDefinition, report: (path: string, message: string) => void): void {
  const parts: [TComparison, string][] =
    'all' in condition
      ? condition.all.map((c, i) => [c, `${path}.all[${i}]`])
      : 'any' in condition
        ? condition.any.map((c, i) => [c, `${path}.any[${i}]`])
        : [[condition, path]];
  for (const [c, at] of parts) {
    const spec = def.attributes.find((a) => a.key === c.attribute);
    if (!spec) {
      report(`${at}.attribute`, `condition on unknown attribute '${c.attribute}' (known: ${def.attributes.map((a) => a.key).join(', ') || 'none'})`);
      continue;
    }
    const values = Array.isArray(c.value) ? c.value : [c.value];
    const ordered = c.op === 'gt' || c.op === 'gte' || c.op === 'lt' || c.op === 'lte';
    if (ordered && spec.type !== 'number' && spec.type !== 'date')
      report(`${at}.op`, `'${c.op}' needs a number or date attribute; '${spec.key}' is ${spec.type}`);
    const expected = spec.type === 'number' ? 'number' : spec.type === 'boolean' ? 'boolean' : 'string';
    values.forEach((v, vi) => {
      const vPath = Array.isArray(c.value) ? `${at}.value[${vi}]` : `${at}.value`;
      if (typeof v !== expected) report(vPath, `attribute '${spec.key}' is ${spec.type}; ${JSON.stringify(v)} is not a ${expected}`);
      else if (spec.type === 'select' && !(spec.options ?? []).includes(v as string))
        report(vPath, `'${String(v)}' is not an option of '${spec.key}' (${(spec.options ?? []).join(', ')})`);
    });
  }
}

/**
 * A budget smaller than the critical path of promised limits cannot be kept. All items count,
 * conditional ones included: adding an item never shortens a path, so this is the worst case.
 */
function checkBudgets(def: TProcessDefinition, report: (path: string, message: string) => void): void {
  const all = new Set(def.stages.flatMap((s) => s.items.map((i) => i.id)));
  const schedule = forwardPass(offsetTimeline, { definition: def, applicable: all, start: 0 });
  const byId = new Map(schedule.items.map((i) => [i.itemId, i]));
  schedule.stages.forEach((s, si) => {
    const stage = def.stages[si]!;
    const days = s.end - s.opens;
    if (days > stage.budget) {
      // The chain inside the stage's window that ends with its last result.
      const path: string[] = [];
      for (let cur = byId.get(s.lastItemId!); cur && cur.finish > s.opens;) {
        path.unshift(cur.itemId);
        cur = cur.binding.kind === 'item' ? byId.get(cur.binding.itemId) : undefined;
      }
      report(
        `stages[${si}].budget`,
        `stage '${stage.id}' budget ${stage.budget} working days is smaller than its critical path of promised limits, ${days} (${path.join(' → ')})`,
      );
    }
  });
  if (schedule.governmentWorkdays > def.totalBudget) {
    report(
      'totalBudget',
      `total budget ${def.totalBudget} working days is smaller than the critical path of promised limits, ${schedule.governmentWorkdays} (${schedule.criticalPath.join(' → ')})`,
    );
  }
}
