/**
 * Bounded input (issue 11, part 1): an application form takes only its stage's fields, every
 * string and array of a command has a maximum, and a project's state has a budget the engine
 * refuses beyond — so the largest project a client can build still answers its view and its
 * allowed actions quickly (a 40,000-key form once made them run past the workflow's 5 s limit).
 */
import { z } from 'zod';
import { type ProjectEngine, STATE_BUDGET } from '../../../workflows/engine/project-engine';
import { allowedActions, projectView } from '../../../workflows/engine/view';
import type { TActor } from '../../../workflows/model/actor';
import { COMMAND_LIMITS, type TCommand, ZCommand } from '../../../workflows/model/commands';
import { ZCreateProject } from '../../../service/routes/projects.types';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { definitionProject } from './engine-fixture';

const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const DAY = at('2026-03-02');
const coordinator: TActor = { userId: 'c', role: 'coordinator' };
const governmentHead: TActor = { userId: 'g', role: 'coordinator', governmentHead: true };
const enterprise: TActor = { userId: 'e', role: 'enterprise', enterpriseId: 'ent-b' };
const dept = (departmentId: string): TActor => ({ userId: `d-${departmentId}`, role: 'department', departmentId });

function wuhanProject() {
  return definitionProject({ projectId: 'p-bounded', title: '边界测试', enterpriseId: 'ent-b', now: DAY });
}
const prep = () => wuhanProject().input.spec.stages[0]!;
/** The preparation form with every field at its longest (6 × 2,000 characters: under the 20,000 in all). */
const fullForm = () => Object.fromEntries(prep().formFields.map((f) => [f.id, '示'.repeat(COMMAND_LIMITS.formValueChars)]));
const allMaterials = () => [...new Set(prep().items.flatMap((i) => i.materials.filter((m) => !m.providedByResult).map((m) => m.id)))];
const FORTY_THOUSAND = () => Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'xxxxxxxxxxxxxxxxxx']));

describe('commands are bounded before any state is read', () => {
  test('a 40,000-key form is refused with one issue naming `form`', () => {
    const r = ZCommand.safeParse({ type: 'submitApplication', stageId: 'preparation', form: FORTY_THOUSAND(), materials: [] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['form', expect.stringMatching(/at most 50 fields \(got 40000\)/)]]);
  });

  test('a form over 20,000 characters in all, or with a 65-character field name, is refused', () => {
    const long = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x'.repeat(2000)]));
    expect(ZCommand.safeParse({ type: 'submitApplication', stageId: 's', form: long, materials: [] }).error?.issues[0]).toMatchObject({
      path: ['form'],
      message: expect.stringMatching(/20000 characters/),
    });
    expect(ZCommand.safeParse({ type: 'submitApplication', stageId: 's', form: { ['a'.repeat(65)]: 'x' }, materials: [] }).error?.issues[0]).toMatchObject({
      path: ['form'],
      message: expect.stringMatching(/64 characters/),
    });
    expect(ZCommand.safeParse({ type: 'submitApplication', stageId: 's', form: fullForm(), materials: allMaterials() }).success).toBe(true);
  });

  /** Every string and array in a schema's JSON Schema; records (additionalProperties) listed apart. */
  function unbounded(schema: z.ZodType): { strings: string[]; arrays: string[]; records: string[] } {
    const out = { strings: [] as string[], arrays: [] as string[], records: [] as string[] };
    const walk = (node: Record<string, unknown>, path: string) => {
      // A record's keys (propertyNames) are bounded by the record's own check, tested above.
      if (path.endsWith('.propertyNames')) return;
      if (node.type === 'string' && node.maxLength === undefined && node.enum === undefined && node.const === undefined && node.pattern === undefined)
        out.strings.push(path);
      if (node.type === 'array' && node.maxItems === undefined) out.arrays.push(path);
      if (node.type === 'object' && typeof node.additionalProperties === 'object') out.records.push(path);
      for (const [k, v] of Object.entries(node)) {
        if (Array.isArray(v)) v.forEach((x, i) => typeof x === 'object' && x && walk(x as Record<string, unknown>, `${path}.${k}[${i}]`));
        else if (typeof v === 'object' && v) walk(v as Record<string, unknown>, `${path}.${k}`);
      }
    };
    walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, '');
    return out;
  }

  test('every string and array of every command has a maximum; the one record (the form) is bounded by its own check above', () => {
    const found = unbounded(ZCommand);
    expect(found.strings).toEqual([]);
    expect(found.arrays).toEqual([]);
    expect(found.records).toEqual(['.oneOf[0].properties.form']);
  });

  test('registration: every string has a maximum, and its two records refuse too many keys with one issue', () => {
    const found = unbounded(ZCreateProject);
    expect(found.strings).toEqual([]);
    expect(found.arrays).toEqual([]);
    expect(found.records).toEqual(['.properties.attributes', '.properties.preparationDays']);
    const base = { title: 'x', definitionId: 'wuhan-industrial', attributes: DEFAULT_ATTRIBUTES };
    expect(ZCreateProject.safeParse({ ...base, attributes: FORTY_THOUSAND() }).error?.issues.map((i) => i.path.join('.'))).toEqual(['attributes']);
    expect(
      ZCreateProject.safeParse({ ...base, preparationDays: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`s${i}`, 1])) }).error?.issues.map((i) =>
        i.path.join('.'),
      ),
    ).toEqual(['preparationDays']);
    expect(ZCreateProject.safeParse(base).success).toBe(true);
  });
});

describe('the engine holds a client talking to Temporal directly to the same rules', () => {
  test('a form key the stage does not have is refused with its path, and nothing changes', () => {
    const e = wuhanProject();
    const before = JSON.stringify(e.snapshot());
    const command: TCommand = { type: 'submitApplication', stageId: 'preparation', form: { ...fullForm(), foo: 'bar' }, materials: allMaterials() };
    expect(() => e.check(enterprise, command, DAY)).toThrow(/^form\.foo: not a field of the 前期准备 application form \(fields: projectName, /);
    expect(() => e.apply(enterprise, command, DAY)).toThrow(/^form\.foo: /);
    expect(JSON.stringify(e.snapshot())).toBe(before);
    expect(() => e.check(enterprise, { ...command, form: fullForm() }, DAY)).not.toThrow();
  });

  test('history budget: once its entries are used up every decision is refused with the reason, except withdrawal', () => {
    const e = wuhanProject();
    const form = { projectName: 'X', enterpriseCreditCode: 'X', siteLocation: 'X', constructionScope: 'X', totalInvestment: 1 };
    // A complete application returned and sent again: two short entries a round.
    const materials = allMaterials();
    while (e.snapshot().seq < STATE_BUDGET.historyEntries - 1) {
      e.apply(enterprise, { type: 'submitApplication', stageId: 'preparation', form, materials }, DAY);
      e.apply(coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'return', notice: '缺件' }, DAY);
    }
    e.apply(enterprise, { type: 'submitApplication', stageId: 'preparation', form, materials }, DAY);
    expect(() => e.check(coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, DAY)).toThrow(
      /^decideIntake: this project's history is full \(2000 of 2000 entries/,
    );
    expect(() => e.check(enterprise, { type: 'withdraw', reason: '不再建设' }, DAY)).not.toThrow();
  });

  test('history budget: 2,000-character notices fill its characters first', () => {
    const e = wuhanProject();
    const form = { projectName: 'X', enterpriseCreditCode: 'X', siteLocation: 'X', constructionScope: 'X', totalInvestment: 1 };
    let rounds = 0;
    while ((e.snapshot().historyChars ?? 0) < STATE_BUDGET.historyChars) {
      e.apply(enterprise, { type: 'submitApplication', stageId: 'preparation', form, materials: [] }, DAY);
      e.apply(coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'return', notice: '缺'.repeat(2000) }, DAY);
      rounds++;
    }
    expect(rounds).toBeLessThan(250);
    expect(() => e.check(enterprise, { type: 'submitApplication', stageId: 'preparation', form, materials: [] }, DAY)).toThrow(
      /history is full .* of 400000 characters/,
    );
  });

  test('a review may be paused (correction, special procedure) at most 10 times', () => {
    const e = wuhanProject();
    e.apply(enterprise, { type: 'submitApplication', stageId: 'preparation', form: fullForm(), materials: allMaterials() }, DAY);
    e.apply(coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, DAY);
    const env = dept('ecology-environment');
    for (let i = 0; i < STATE_BUDGET.pausesPerReview; i++) {
      e.apply(env, { type: 'requestCorrection', itemId: 'eia-form-approval', materials: ['eia-form'], reason: '补正' }, DAY);
      e.apply(enterprise, { type: 'answerCorrection', itemId: 'eia-form-approval' }, DAY);
    }
    expect(() => e.check(env, { type: 'requestCorrection', itemId: 'eia-form-approval', materials: ['eia-form'], reason: '补正' }, DAY)).toThrow(
      /^itemId: review eia-form-approval has been paused 10 times/,
    );
    expect(() => e.check(env, { type: 'startSpecialProcedure', itemId: 'eia-form-approval', kind: 'expert-review', days: 3, reason: '专家评审' }, DAY)).toThrow(
      /paused 10 times/,
    );
    expect(() => e.check(env, { type: 'approveReview', itemId: 'eia-form-approval' }, DAY)).not.toThrow();
  });
});

/**
 * The largest project a client can build: the longest form, then every preparation review
 * paused as often as it may be with the longest reasons and notes, until the history is full.
 */
function largestProject(): ProjectEngine {
  const e = wuhanProject();
  const long = (c: string) => c.repeat(COMMAND_LIMITS.textChars);
  const materials = allMaterials().filter((m) => m !== 'deed-tax-receipt');
  e.apply(enterprise, { type: 'submitApplication', stageId: 'preparation', form: fullForm(), materials }, DAY);
  e.apply(coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, DAY);
  // The filing and the land pre-review approved: the most reviews run at once (the early ones too).
  e.apply(dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, DAY);
  e.apply(dept('natural-resources-planning'), { type: 'approveReview', itemId: 'land-pre-review' }, DAY);
  const running = e.input.spec.stages.flatMap((s) => s.items).filter((i) => e.reviewStatus(i.id) === 'inReview');
  expect(running.length).toBeGreaterThanOrEqual(7);
  const until = (full: () => void) => {
    try {
      full();
    } catch {
      /* refused: the budget is used up */
    }
  };
  until(() => {
    for (let round = 0; round < STATE_BUDGET.pausesPerReview; round++) {
      for (const item of running) {
        e.apply(dept(item.departmentId), { type: 'requestCorrection', itemId: item.id, materials: [item.materials[0]!.id], reason: long('补') }, DAY);
        e.apply(enterprise, { type: 'answerCorrection', itemId: item.id, note: long('答') }, DAY);
      }
    }
  });
  // Whatever is left goes to extensions, each with the longest reason (kept in the clock too).
  until(() => {
    for (let days = 0; days < 15; days++)
      for (const item of running) {
        e.apply(coordinator, { type: 'requestJointExtension', itemId: item.id, days: 1, reason: long('延') }, DAY);
        e.apply(governmentHead, { type: 'decideJointExtension', itemId: item.id, decision: 'approve', note: long('批') }, DAY);
      }
  });
  return e;
}

describe('the largest accepted project answers quickly', () => {
  test("listing every actor's actions and advancing a copy's time leave the project unchanged (copies share what the engine never changes in place)", () => {
    const e = largestProject();
    const before = JSON.stringify(e.snapshot());
    for (const actor of [coordinator, enterprise, dept('ecology-environment'), dept('natural-resources-planning'), dept('development-reform')])
      allowedActions(e, actor, at('2026-03-04'));
    e.fork().advanceTime(at('2026-04-30'));
    expect(JSON.stringify(e.snapshot())).toBe(before);
  });

  test('its view and allowed actions take under 100 ms (median of 7, acceptance criterion of issue 11)', () => {
    const e = largestProject();
    const now = at('2026-03-04');
    // It is at its budget: the next decision is refused.
    expect(() => e.check(dept('ecology-environment'), { type: 'rejectReview', itemId: 'eia-form-approval', reason: '不符合' }, now)).toThrow(/history is full/);
    expect(Object.values(e.snapshot().reviews).reduce((n, r) => n + (r.context.clock?.pauses.length ?? 0), 0)).toBeGreaterThan(50);
    const timings: number[] = [];
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      projectView(e, now);
      allowedActions(e, coordinator, now);
      allowedActions(e, dept('natural-resources-planning'), now);
      timings.push(performance.now() - start);
    }
    timings.sort((a, b) => a - b);
    expect(timings[3]).toBeLessThan(100);
  });
});
