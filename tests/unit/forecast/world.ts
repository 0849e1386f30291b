/**
 * A project lived on the pure engine, one working day at a time: the enterprise files each
 * stage a set number of working days after the previous one ends, the coordinator accepts on
 * the day and issues on the day, and each department decides after the working days the
 * test's `reviewDays` gives it. Forecast tests look at the project midway and at its end.
 */
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import { definitionRef, getDefinition } from '../../../definitions/process';
import { buildProjectInput } from '../../../client/register';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { WorkingCalendar } from '../../../definitions/calendar/working-calendar';
import { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView, type TProjectView } from '../../../workflows/engine/view';
import type { TProjectSpec } from '../../../workflows/model/spec';

export const snapshot = buildOfficialSnapshot();
export const calendar = WorkingCalendar.of(snapshot);
export const at = (date: string) => `${date}T10:00:00+08:00`;

const ENTERPRISE = 'ent-world';
const coordinator = { userId: 'c', role: 'coordinator' } as const;
const enterprise = { userId: 'e', role: 'enterprise', enterpriseId: ENTERPRISE } as const;
const department = (departmentId: string) => ({ userId: `d-${departmentId}`, role: 'department', departmentId }) as const;

export interface TWorld {
  spec: TProjectSpec;
  start: string;
  /** Working days each review takes, drawn when it is dispatched. */
  reviewDays: (departmentId: string, itemId: string) => number;
  /** Working days the enterprise prepares each stage after the previous one's results. */
  preparationDays?: (stageId: string) => number;
  /** Called at 10:00 each working day before anyone acts; return true to stop there. */
  stopWhen?: (view: TProjectView, date: string) => boolean;
}

export function newEngine(spec: TProjectSpec, start: string, projectId = 'p-world'): ProjectEngine {
  return ProjectEngine.create(
    { projectId, title: '预测', enterpriseId: ENTERPRISE, attributes: {}, spec, calendar: snapshot, registeredAt: at(start), registeredBy: coordinator },
    at(start),
  );
}

/** A project on the built-in Wuhan definition registered on `start` (the test attributes), and its engine. */
export function wuhanProject(projectId: string, start: string) {
  // Version 2: this world decides item by item (the default, 4, accepts on one joint site visit).
  const definition = getDefinition('wuhan-industrial', 2)!;
  const input = buildProjectInput({
    projectId,
    title: '预测',
    enterpriseId: ENTERPRISE,
    attributes: DEFAULT_ATTRIBUTES,
    definition,
    ref: definitionRef(definition),
    calendar: snapshot,
    registeredBy: coordinator,
    now: at(start),
  });
  return { input, engine: ProjectEngine.create(input, at(start)) };
}

/** Files a stage with every material it asks for (less those earlier results provide) and accepts it at once. */
export function fileAndAccept(engine: ProjectEngine, stageId: string, now: string): void {
  const stage = engine.specStage(stageId);
  const issued = engine.issuedResultIds();
  const materials = [
    ...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id))),
  ];
  const form = Object.fromEntries(stage.formFields.map((f) => [f.id, '示例']));
  engine.advanceTime(now);
  engine.apply({ ...enterprise, enterpriseId: engine.input.enterpriseId }, { type: 'submitApplication', stageId, form, materials }, now);
  engine.apply(coordinator, { type: 'decideIntake', stageId, decision: 'accept' }, now);
}

/** Lives the project to its end or to `stopWhen`; returns the engine and the date it stopped on. */
export function live(world: TWorld, engine = newEngine(world.spec, world.start)): { engine: ProjectEngine; date: string } {
  const due = new Map<string, string>();
  let opensOn = world.start;
  let date = world.start;
  for (let guard = 0; guard < 2000; guard++) {
    const now = at(date);
    engine.advanceTime(now);
    if (engine.status() !== 'active') return { engine, date };
    if (world.stopWhen?.(projectView(engine, now), date)) return { engine, date };
    for (const stage of engine.input.spec.stages) {
      const status = engine.stageStatus(stage.id);
      if (status === 'awaitingApplication' && date >= opensOn) fileAndAccept(engine, stage.id, now);
    }
    for (const stage of engine.input.spec.stages) {
      for (const item of stage.items) {
        if (engine.reviewStatus(item.id) !== 'inReview') continue;
        const started = calendar.dateOf(engine.reviewCtx(item.id).clock!.startedAt);
        if (!due.has(item.id)) due.set(item.id, calendar.addWorkdays(started, world.reviewDays(item.departmentId, item.id)).date);
        if (due.get(item.id)! <= date) engine.apply(department(item.departmentId), { type: 'approveReview', itemId: item.id }, now);
      }
      if (engine.stageStatus(stage.id) === 'readyToIssue') {
        engine.apply(coordinator, { type: 'issueResults', stageId: stage.id }, now);
        const next = engine.input.spec.stages[engine.input.spec.stages.indexOf(stage) + 1];
        if (next) opensOn = calendar.addWorkdays(date, world.preparationDays?.(next.id) ?? 0).date;
      }
    }
    date = calendar.addWorkdays(date, 1).date;
  }
  throw new Error('the project did not end within 2000 working days');
}

/** The date its last stage's results were issued. */
export const finishedOn = (engine: ProjectEngine) => {
  const stages = engine.input.spec.stages;
  return calendar.dateOf(engine.stage(stages[stages.length - 1]!.id).context.issuedAt!);
};
