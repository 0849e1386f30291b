/**
 * The small two-stage project on the engine, for the command groups' tests: instants on the
 * official 2026 calendar, a run that applies time first (as the workflow does), and refusals
 * read as people and the service read them (message, code, field path).
 */
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import { definitionRef, getDefinition } from '../../../definitions/process';
import { buildProjectInput } from '../../../client/register';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { DecisionRefused, ProjectEngine } from '../../../workflows/engine/project-engine';
import type { TActor } from '../../../workflows/model/actor';
import type { TCommand } from '../../../workflows/model/commands';
import { actors, ENTERPRISE, smallSpec } from '../../fixtures/small-spec';

export { actors, ENTERPRISE };
export const calendar = buildOfficialSnapshot();
export const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
/** Every material the preparation stage asks for. */
export const ALL_PREP = ['site-plan', 'bank-letter', 'eia-report', 'public-notice-proof'];

/**
 * @param rules the engine rules version (the current one by default; 2 for grantExtension, before extensions by authority).
 * @param spec the small spec by default, or a variant of it (a sign-off chain).
 */
export function newProject(now = at('2026-03-02'), rules?: number, spec = smallSpec): ProjectEngine {
  return ProjectEngine.create(
    {
      projectId: 'p-1',
      title: '测试项目',
      enterpriseId: ENTERPRISE,
      attributes: {},
      spec,
      calendar,
      registeredAt: now,
      registeredBy: actors.coordinator,
    },
    now,
    rules,
  );
}

export function run(engine: ProjectEngine, actor: TActor, command: TCommand, now: string): void {
  engine.advanceTime(now);
  engine.apply(actor, command, now);
}

/** The refusal of `command`, checked without applying it. */
export function refusal(engine: ProjectEngine, actor: TActor, command: TCommand, now: string): { message: string; code: string; path: string } {
  try {
    engine.check(actor, command, now);
  } catch (err) {
    if (err instanceof DecisionRefused) return { message: err.message, code: err.code, path: err.path };
    throw err;
  }
  throw new Error(`${command.type} was not refused`);
}

/** The history entries recorded after `seq`, as type and summary. */
export const recordedAfter = (engine: ProjectEngine, seq: number) =>
  engine
    .snapshot()
    .history.filter((h) => h.seq > seq)
    .map((h) => [h.type, h.summary]);

/** The notifications waiting, as audience and message (drained). */
export const notified = (engine: ProjectEngine) => engine.drainEffects().flatMap((e) => (e.kind === 'notify' ? [[e.audience, e.message]] : []));

/** The preparation application submitted with `materials` (all by default). */
export function submitted(materials = ALL_PREP, now = at('2026-03-02'), rules?: number, spec = smallSpec): ProjectEngine {
  const e = newProject(now, rules, spec);
  run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials }, now);
  return e;
}

/** Preparation accepted (complete, or with tolerance when materials are left out): both reviews running. */
export function inReview(materials = ALL_PREP, now = at('2026-03-02'), rules?: number, spec = smallSpec): ProjectEngine {
  const e = submitted(materials, now, rules, spec);
  const decision = materials.length === ALL_PREP.length ? 'accept' : 'acceptWithTolerance';
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision }, now);
  return e;
}

/** A project on a built-in definition (Wuhan by default) registered by a coordinator at `now`, under the current rules unless `rules` is given. */
export function definitionProject(opts: {
  projectId: string;
  title: string;
  enterpriseId: string;
  now: string;
  rules?: number;
  definitionId?: string;
}): ProjectEngine {
  const definition = getDefinition(opts.definitionId ?? 'wuhan-industrial')!;
  const input = buildProjectInput({
    projectId: opts.projectId,
    title: opts.title,
    enterpriseId: opts.enterpriseId,
    attributes: DEFAULT_ATTRIBUTES,
    definition,
    ref: definitionRef(definition),
    calendar,
    registeredBy: { userId: 'c', role: 'coordinator' },
    now: opts.now,
  });
  return opts.rules === undefined ? ProjectEngine.create(input, opts.now) : ProjectEngine.create(input, opts.now, opts.rules);
}

/** A project on a built-in definition with its first stage's application complete and accepted on `on` (a working day, at 10:00). */
export function firstStageInReview(opts: { projectId: string; enterpriseId: string; definitionId?: string; on?: string }): ProjectEngine {
  const now = at(opts.on ?? '2026-03-02');
  const e = definitionProject({
    projectId: opts.projectId,
    title: `项目 ${opts.projectId}`,
    enterpriseId: opts.enterpriseId,
    now,
    definitionId: opts.definitionId,
  });
  const stage = e.input.spec.stages[0]!;
  const form = Object.fromEntries(stage.formFields.map((f) => [f.id, '示例']));
  const materials = [...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !m.providedByResult).map((m) => m.id)))];
  const enterprise: TActor = { userId: 'e', role: 'enterprise', enterpriseId: opts.enterpriseId };
  run(e, enterprise, { type: 'submitApplication', stageId: stage.id, form, materials }, now);
  run(e, { userId: 'c', role: 'coordinator' }, { type: 'decideIntake', stageId: stage.id, decision: 'accept' }, now);
  return e;
}
