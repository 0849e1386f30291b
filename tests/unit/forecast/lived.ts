/**
 * A corpus of lived-like projects on the Wuhan definition, driven through the pure engine day
 * by day from one seed: each department has its own pace (a share of the promised limit) and
 * its own habit of asking for corrections, some reviews pause for an expert review, the
 * enterprise prepares each stage for a stage-specific time and the coordinator accepts and
 * issues a day or so late. What each finished project shows (its reviews' days and pauses, its
 * stages' openings) is what the forecast learns from, as it would from the read model.
 */
import { getDefinition } from '../../../definitions/process';
import type { buildProjectInput } from '../../../client/register';
import { readClock } from '../../../workflows/engine/clock';
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView, type TProjectView } from '../../../workflows/engine/view';
import type { TObservation, TStageOpening } from '../../../workflows/forecast/observations';
import { seededRandom, triangularQuantile, uniformInt } from '../../../workflows/forecast/random';
import { at, calendar, wuhanProject } from './world';

/** Version 2, as the world's projects (world.ts): reviews decided item by item, no joint site visit. */
export const wuhan = getDefinition('wuhan-industrial', 2)!;

const coordinator = { userId: 'c', role: 'coordinator' } as const;
const department = (departmentId: string) => ({ userId: `d-${departmentId}`, role: 'department', departmentId }) as const;

/** How a department works: its typical share of the promised limit, its spread, and how often it asks for a correction. */
interface TDepartmentHabit {
  share: number;
  spread: number;
  correctionRate: number;
}

/**
 * The enterprise's preparation of each stage after the previous one's results, in working days:
 * the land and environment files first, then design drawings, then building the plant before
 * acceptance (the longest wait, and the one no limit governs).
 */
const PREPARATION: Record<string, [number, number]> = { preparation: [2, 12], 'construction-approval': [8, 30], acceptance: [20, 55] };

/** A project midway (the first working day its second stage is under review) and how it ended. */
export interface TLivedProject {
  projectId: string;
  /** The view at the forecast point, and that instant. */
  midway: { view: TProjectView; now: string };
  spec: ReturnType<typeof buildProjectInput>['spec'];
  /** The date its last results were issued. */
  finished: string;
  reviews: TObservation[];
  openings: TStageOpening[];
}

const workdays = (from: string, to: string) => (to <= from ? 0 : calendar.workdaysBetween(from, to).count);

/** What a finished project shows: each decided review's clock days and pauses, each stage's opening. */
function observed(engine: ProjectEngine, view: TProjectView): Pick<TLivedProject, 'reviews' | 'openings'> {
  const reviews = view.reviews.flatMap((r): TObservation[] => {
    const decidedAt = engine.reviewCtx(r.itemId).clock?.stoppedAt;
    if (!r.startedAt || !decidedAt || !r.clock) return [];
    const span = workdays(calendar.dateOf(r.startedAt), calendar.dateOf(decidedAt));
    return [
      {
        departmentId: r.departmentId,
        itemId: r.itemId,
        promisedLimit: r.promisedLimit,
        days: r.clock.elapsed,
        pausedDays: Math.max(0, span - r.clock.elapsed),
      },
    ];
  });
  const openings = view.stages.flatMap((s, k): TStageOpening[] => {
    const from = k === 0 ? view.registeredAt : view.stages[k - 1]!.issuedAt;
    return from && s.acceptedAt ? [{ stageId: s.stageId, days: workdays(calendar.dateOf(from), calendar.dateOf(s.acceptedAt)) }] : [];
  });
  return { reviews, openings };
}

/** `count` projects lived from one seed, registered three working days apart from 2026-01-05. */
export function livedCorpus(count: number, seed: number): TLivedProject[] {
  const random = seededRandom(seed);
  const habits = new Map<string, TDepartmentHabit>(
    wuhan.departments.map((d) => [d.id, { share: 0.25 + random() * 0.6, spread: 0.2 + random() * 0.5, correctionRate: 0.05 + random() * 0.3 }]),
  );
  return Array.from({ length: count }, (_, i) => liveOne(`lived-${i}`, calendar.addWorkdays('2026-01-05', i * 3).date, habits, random));
}

function liveOne(projectId: string, start: string, habits: Map<string, TDepartmentHabit>, random: () => number): TLivedProject {
  const { input, engine } = wuhanProject(projectId, start);
  const enterprise = { userId: 'e', role: 'enterprise', enterpriseId: input.enterpriseId } as const;
  const stages = input.spec.stages;
  /** Per review, drawn at dispatch: clock days to decide, and the clock day of its correction or expert review. */
  const plans = new Map<string, { days: number; correctAt: number | null; expertAt: number | null; answerOn?: string }>();
  const files = new Map<string, string>([[stages[0]!.id, calendar.addWorkdays(start, uniformInt(random, ...PREPARATION[stages[0]!.id]!)).date]]);
  const accepts = new Map<string, string>();
  const issues = new Map<string, string>();
  let midway: TLivedProject['midway'] | undefined;
  let date = start;
  for (let guard = 0; guard < 2000 && engine.status() === 'active'; guard++) {
    const now = at(date);
    engine.advanceTime(now);
    if (!midway && engine.stageStatus(stages[1]!.id) === 'inReview') midway = { view: projectView(engine, now), now };
    for (const [k, stage] of stages.entries()) {
      const status = engine.stageStatus(stage.id);
      if (status === 'awaitingApplication' && files.get(stage.id)! <= date) {
        const issued = engine.issuedResultIds();
        const materials = [
          ...new Set(stage.items.flatMap((it) => it.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id))),
        ];
        engine.apply(
          enterprise,
          { type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.formFields.map((f) => [f.id, '示例'])), materials },
          now,
        );
        accepts.set(stage.id, calendar.addWorkdays(date, uniformInt(random, 0, 2)).date);
      }
      if (engine.stageStatus(stage.id) === 'intake' && accepts.get(stage.id)! <= date) {
        engine.apply(coordinator, { type: 'decideIntake', stageId: stage.id, decision: 'accept' }, now);
      }
      for (const item of stage.items) {
        const status = engine.reviewStatus(item.id);
        const habit = habits.get(item.departmentId)!;
        if (status === 'inReview' && !plans.has(item.id)) {
          const p = item.promisedLimit;
          const days = p === 0 ? 0 : Math.max(1, triangularQuantile(random(), 1, p * habit.share, p * (habit.share + habit.spread) + 1));
          const corrected = days > 1 && random() < habit.correctionRate;
          const expert = !corrected && days > 1 && random() < 0.06;
          plans.set(item.id, {
            days,
            correctAt: corrected ? uniformInt(random, 1, days - 1) : null,
            expertAt: expert ? uniformInt(random, 1, days - 1) : null,
          });
        }
        const plan = plans.get(item.id);
        if (!plan) continue;
        const clock = engine.reviewCtx(item.id).clock;
        const elapsed = clock ? readClock(clock, engine.workingCalendar, now, engine.clockRules).promised.elapsed : 0;
        const actor = department(item.departmentId);
        if (status === 'correction' && plan.answerOn! <= date) {
          engine.apply(enterprise, { type: 'answerCorrection', itemId: item.id }, now);
        } else if (status === 'inReview' && plan.correctAt !== null && elapsed >= plan.correctAt) {
          engine.apply(actor, { type: 'requestCorrection', itemId: item.id, materials: [item.materials[0]!.id], reason: '材料不齐' }, now);
          plan.correctAt = null;
          plan.answerOn = calendar.addWorkdays(date, uniformInt(random, 2, 12)).date;
        } else if (status === 'inReview' && plan.expertAt !== null && elapsed >= plan.expertAt) {
          engine.apply(
            actor,
            { type: 'startSpecialProcedure', itemId: item.id, kind: 'expert-review', days: uniformInt(random, 5, 15), reason: '专家评审' },
            now,
          );
          plan.expertAt = null;
        } else if (status === 'inReview' && elapsed >= plan.days) {
          engine.apply(actor, { type: 'approveReview', itemId: item.id }, now);
        }
      }
      if (engine.stageStatus(stage.id) === 'readyToIssue') {
        if (!issues.has(stage.id)) issues.set(stage.id, calendar.addWorkdays(date, uniformInt(random, 0, 1)).date);
        if (issues.get(stage.id)! <= date) {
          engine.apply(coordinator, { type: 'issueResults', stageId: stage.id }, now);
          const next = stages[k + 1];
          if (next) files.set(next.id, calendar.addWorkdays(date, uniformInt(random, ...PREPARATION[next.id]!)).date);
        }
      }
    }
    date = calendar.addWorkdays(date, 1).date;
  }
  if (engine.status() !== 'complete' || !midway) throw new Error(`${projectId} did not complete (${engine.status()} on ${date})`);
  const end = at(date);
  const view = projectView(engine, end);
  return { projectId, midway, spec: input.spec, finished: calendar.dateOf(engine.stage(stages.at(-1)!.id).context.issuedAt!), ...observed(engine, view) };
}
