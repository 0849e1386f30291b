/**
 * The forecast of a running project: Monte Carlo runs of its remaining work on the official
 * working-day calendar, from the spec's dependencies, each department's observed working days
 * and queue, and the enterprise's open corrections and commitments. Runs count in working-day
 * offsets from today and turn into dates once at the end; the same seed gives the same answer.
 */
import { z } from 'zod';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { TProcessDefinition } from '../../definitions/process/schema';
import type { TProjectView, TReviewView } from '../engine/view';
import type { TProjectSpec, TSpecItem } from '../model/spec';
import {
  CORRECTION_DAYS,
  HANDOVER_DAYS,
  LATE_SUPPLY_DAYS,
  MIN_OBSERVATIONS,
  PREPARATION_DAYS,
  PREPARATION_SPREAD,
  PROMISED_SPREAD,
  QUEUE_MAX_FACTOR,
  QUEUE_WEIGHT,
  TAIL_OF_PROMISED,
} from './assumptions';
import { itemKey, type TDrawn, type TObservationIndex } from './observations';
import { seededRandom, triangularQuantile } from './random';

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 17;

const ZPercentiles = z.object({ p10: z.string(), p50: z.string(), p90: z.string() });
const ZWorkdayPercentiles = z.object({ p50: z.number().int(), p90: z.number().int() });
/** A limit in government working days and the share of runs that kept within it. */
const ZLimitChance = z.object({ limit: z.number().int(), probability: z.number().min(0).max(1) });

export const ZForecast = z.object({
  projectId: z.string(),
  asOf: z.string(),
  /** The runs' day 0 (Asia/Shanghai). */
  today: z.string(),
  runs: z.number().int(),
  seed: z.number().int(),
  calendarFingerprint: z.string(),
  /** A date lies in a year whose holiday notice is not loaded yet. */
  provisional: z.boolean(),
  /** The last result of the project: dates (Asia/Shanghai) by which 10 %, 50 % and 90 % of runs finished. */
  finish: ZPercentiles,
  /** Government working days along the critical path (corrections, special procedures and the enterprise's time excluded). */
  governmentWorkdays: ZWorkdayPercentiles,
  /** Within the sum of the stages' promised critical paths. */
  promised: ZLimitChance,
  /** Within the definition's ceiling for the whole project (Wuhan: 39 working days, seed 002). */
  ceiling: ZLimitChance,
  stages: z.array(
    z.object({
      stageId: z.string(),
      title: z.string(),
      status: z.string(),
      finish: ZPercentiles,
      governmentWorkdays: ZWorkdayPercentiles,
      /** Within the longest chain of its items' promised limits. */
      promised: ZLimitChance,
      /** Within the stage's budget in the definition. */
      ceiling: ZLimitChance,
    }),
  ),
  /** What each review's durations come from, and how many completed reviews that is. */
  basis: z.object({
    items: z.array(
      z.object({
        itemId: z.string(),
        departmentId: z.string(),
        status: z.string(),
        source: z.enum(['item', 'department', 'definition', 'done']),
        observations: z.number().int(),
        queue: z.number().int(),
      }),
    ),
    /** What each stage's opening (preparation and intake) is drawn from; absent in answers from before it was learnt. */
    stages: z.array(z.object({ stageId: z.string(), source: z.enum(['observed', 'plan', 'assumed', 'open']), observations: z.number().int() })).optional(),
    assumptions: z.array(z.string()),
  }),
});
export type TForecast = z.infer<typeof ZForecast>;

/** The limits the forecast measures against, from the project's definition version. */
export interface TForecastLimits {
  total: number;
  stages: Record<string, number>;
}

export const limitsOf = (definition: Pick<TProcessDefinition, 'totalBudget' | 'stages'>): TForecastLimits => ({
  total: definition.totalBudget,
  stages: Object.fromEntries(definition.stages.map((s) => [s.id, s.budget])),
});

/**
 * What the forecast reads of a project: a project view has it all, and the read model enough of
 * it (db/read-model/forecast-subjects.ts) to forecast every active project without its workflow.
 */
export type TForecastView = Pick<TProjectView, 'projectId' | 'registeredAt'> & {
  stages: readonly Pick<TProjectView['stages'][number], 'stageId' | 'status' | 'acceptedAt' | 'intakeDueAt' | 'issuedAt'>[];
  reviews: readonly (Pick<TReviewView, 'itemId' | 'status' | 'startedAt' | 'special'> & { clock: { elapsed: number } | null })[];
  commitments: readonly Pick<TProjectView['commitments'][number], 'itemId' | 'status' | 'dueAt'>[];
  plan?: { stages: readonly { stageId: string; preparationDays: number }[] };
};

/** What the forecast reads of a project's spec: its stages' items, their dependencies and promised limits. */
export type TForecastSpec = Pick<TProjectSpec, 'intakeLimit'> & {
  stages: readonly {
    id: string;
    title: string;
    items: readonly (Pick<TSpecItem, 'id' | 'departmentId' | 'promisedLimit' | 'dependsOn' | 'requiresResults' | 'earlyStart'> & {
      results: readonly { id: string }[];
    })[];
  }[];
};

export interface TForecastRequest {
  view: TForecastView;
  spec: TForecastSpec;
  limits: TForecastLimits;
  calendar: WorkingCalendar;
  observations: TObservationIndex;
  now: string;
  runs?: number;
  seed?: number;
}

const ASSUMPTIONS = [
  `a review with fewer than ${MIN_OBSERVATIONS} completed reviews of its item takes its department's observed share of the promised limit, and without those a triangular spread of ${PROMISED_SPREAD.min * 100}–${PROMISED_SPREAD.max * 100} % (most likely ${PROMISED_SPREAD.mode * 100} %) of the promised limit`,
  `a correction is answered in ${CORRECTION_DAYS.min}–${CORRECTION_DAYS.max} working days; an expired commitment is supplied in ${LATE_SUPPLY_DAYS.min}–${LATE_SUPPLY_DAYS.max}, an open one by its due date`,
  `a review's pauses (corrections, special procedures) are those of the observed review drawn; a stage opens after the previous one's results as observed stages did (at least ${MIN_OBSERVATIONS} of them), or else is prepared in the plan's estimate ±50 %, or ${PREPARATION_DAYS.min}–${PREPARATION_DAYS.max} working days, and accepted within the intake limit; results are issued within ${HANDOVER_DAYS.max} working day of the last review`,
  `a department with more open reviews than the average one is slower by ${QUEUE_WEIGHT * 100} % of the excess (at most ×${QUEUE_MAX_FACTOR})`,
  'no review is rejected and no extension is granted',
];

// Stage phases and review kinds, as small integers for the runs' inner loop.
const CORRECTION_MIN = CORRECTION_DAYS.min;
const CORRECTION_MAX = CORRECTION_DAYS.max;
const HANDOVER_MIN = HANDOVER_DAYS.min;
const HANDOVER_MAX = HANDOVER_DAYS.max;
const S_DONE = 0;
const S_TO_SUBMIT = 1;
const S_INTAKE = 2;
const S_REVIEW = 3;
const R_DONE = 0;
const R_PENDING = 1;
const R_RUNNING = 2;
const R_CORRECTION = 3;
const R_SPECIAL = 4;

const STAGE_PHASE: Record<string, number> = {
  locked: S_TO_SUBMIT,
  awaitingApplication: S_TO_SUBMIT,
  returned: S_TO_SUBMIT,
  intake: S_INTAKE,
  inReview: S_REVIEW,
  readyToIssue: S_REVIEW,
};
const REVIEW_KIND: Record<string, number> = { pending: R_PENDING, inReview: R_RUNNING, correction: R_CORRECTION, specialProcedure: R_SPECIAL };

interface CompiledItem {
  kind: number;
  stage: number;
  early: boolean;
  /** Working days its clock counted that count against its stage (an early pre-review: from the stage's opening). */
  elapsed: number;
  /** Predecessors, in this stage or (for an early pre-review) an earlier one: indices into the compiled items. */
  deps: number[];
  /**
   * Working days a run draws from, uniformly: for a review not yet running its whole duration, for
   * a running one what is left of it; queue factor applied. Observations as they are, or the
   * quantiles of the definition's spread (TABLE_SIZE of them).
   */
  table: Int32Array;
  /** The same draws with the observed review's pause added: the days until its decision. */
  wall: Int32Array;
  /** Working days until a special procedure's announced end. */
  specialDays: number;
}

interface CompiledStage {
  phase: number;
  first: number;
  end: number;
  prep: [number, number];
  /** Observed openings (days from the previous stage's results to acceptance), conditioned on the days already waited; null: assumed. */
  opening: Int32Array | null;
  intakeMax: number;
  /** Open commitments of the stage's items: pairs of min, max days until supplied and accepted. */
  holds: number[];
  doneDate: string | null;
  promisedPath: number;
  budget: number;
}

/** Working days from `from` to `to` (0 when `to` is not later). */
function daysUntilFrom(calendar: WorkingCalendar, from: string, to: string): number {
  return to <= from ? 0 : calendar.workdaysBetween(from, to).count;
}

/** Working days from today to the date of `instant` (0 when it is today or past). */
function daysUntil(calendar: WorkingCalendar, today: string, instant: string): number {
  const date = calendar.dateOf(instant);
  return date <= today ? 0 : calendar.workdaysBetween(today, date).count;
}

const TABLE_SIZE = 128;

/** A review's draws: clock days (the government's) and the days to its decision (pauses added), index by index. */
interface TDraws {
  table: Int32Array;
  wall: Int32Array;
}

/**
 * What a run draws for one review (see CompiledItem.table). A running review's draws are
 * conditioned on lasting at least its elapsed days; past every draw, the tail of TAIL_OF_PROMISED.
 */
function daysTable(observed: TDrawn, promisedLimit: number, elapsed: number, factor: number): TDraws {
  const key = elapsed * 4096 + Math.round(factor * 1000);
  let byKey = tables.get(observed.days);
  if (!byKey) tables.set(observed.days, (byKey = new Map()));
  let draws = byKey.get(key);
  if (!draws) {
    const { days, paused } = observed;
    let later = 0;
    for (let j = 0; j < days.length; j++) if (days[j]! >= elapsed) later++;
    const tail = Math.max(1, Math.ceil(promisedLimit * TAIL_OF_PROMISED));
    const table = new Int32Array(later > 0 ? later : tail + 1);
    const wall = new Int32Array(table.length);
    if (later === 0) for (let j = 0; j <= tail; j++) wall[j] = table[j] = Math.round(j * factor);
    else
      for (let j = 0, n = 0; j < days.length; j++)
        if (days[j]! >= elapsed) {
          table[n] = Math.round((days[j]! - elapsed) * factor);
          wall[n] = table[n]! + paused[j]!;
          n++;
        }
    byKey.set(key, (draws = { table, wall }));
  }
  return draws;
}

/**
 * Tables by the draws they come from (an item's observations, a department's scaled to a limit, the
 * definition's spread) and by elapsed days and queue factor: projects at the same point share them.
 * Keyed weakly by the observation index's arrays, which the service replaces when it re-reads them.
 */
const tables = new WeakMap<Int32Array, Map<number, TDraws>>();
const scaled = new WeakMap<Float64Array, Map<number, TDrawn>>();

/** A department's observed shares of the promised limit, as days for a limit (pauses as they were). */
function scaledTo(department: { ratios: Float64Array; paused: Int32Array }, promisedLimit: number): TDrawn {
  let byLimit = scaled.get(department.ratios);
  if (!byLimit) scaled.set(department.ratios, (byLimit = new Map()));
  let drawn = byLimit.get(promisedLimit);
  if (!drawn)
    byLimit.set(promisedLimit, (drawn = { days: Int32Array.from(department.ratios, (x) => Math.round(x * promisedLimit)), paused: department.paused }));
  return drawn;
}

/** The definition's spread for a promised limit, computed once per limit (pure, so shared); no pauses assumed. */
const spreads = new Map<number, TDrawn>();
function spreadOf(p: number): TDrawn {
  let spread = spreads.get(p);
  if (!spread) {
    const days = new Int32Array(TABLE_SIZE);
    for (let j = 0; j < TABLE_SIZE; j++)
      days[j] = triangularQuantile((j + 0.5) / TABLE_SIZE, p * PROMISED_SPREAD.min, p * PROMISED_SPREAD.mode, p * PROMISED_SPREAD.max);
    spreads.set(p, (spread = { days, paused: new Int32Array(TABLE_SIZE) }));
  }
  return spread;
}

/** Observed openings of a stage less the days already waited (those still to come only); past every one, none left to wait. */
function openingTable(observed: Int32Array, waited: number): Int32Array {
  const later = observed.filter((d) => d >= waited);
  return later.length > 0 ? later.map((d) => d - waited) : new Int32Array(1);
}

function compile(req: TForecastRequest, today: string) {
  const { view, spec, calendar, observations: obs } = req;
  const reviews = new Map(view.reviews.map((r) => [r.itemId, r]));
  const issuer = new Map(spec.stages.flatMap((s) => s.items.flatMap((i) => i.results.map((r) => [r.id, i.id] as const))));
  const items: CompiledItem[] = [];
  const stages: CompiledStage[] = [];
  const basis: TForecast['basis']['items'] = [];
  const stageBasis: NonNullable<TForecast['basis']['stages']> = [];
  // Predecessors in earlier stages too: an early-start item (提前介入) waits for an earlier stage's result.
  const index = new Map<string, number>();
  spec.stages.forEach((stage, k) => {
    const sv = view.stages.find((s) => s.stageId === stage.id)!;
    const phase = STAGE_PHASE[sv.status] ?? (['complete', 'rejected', 'withdrawn'].includes(sv.status) ? S_DONE : S_INTAKE);
    const first = items.length;
    // Topological order inside the stage (the spec was validated acyclic).
    const inStage = new Set(stage.items.map((i) => i.id));
    const predsOf = new Map(stage.items.map((i) => [i.id, [...i.dependsOn, ...i.requiresResults.map((r) => issuer.get(r)!)]] as const));
    const placed = new Set<string>();
    const order: Array<(typeof stage.items)[number]> = [];
    while (order.length < stage.items.length) {
      const before = order.length;
      for (const item of stage.items) {
        if (!placed.has(item.id) && predsOf.get(item.id)!.every((p) => placed.has(p) || !inStage.has(p))) {
          placed.add(item.id);
          order.push(item);
        }
      }
      if (order.length === before) throw new Error(`dependency cycle in stage '${stage.id}'`);
    }
    const chain = new Map<string, number>();
    for (const item of order) {
      const r = reviews.get(item.id);
      const status = r?.status ?? 'pending';
      const kind = phase === S_DONE ? R_DONE : (REVIEW_KIND[status] ?? R_DONE);
      const elapsed = kind === R_PENDING ? 0 : (r?.clock?.elapsed ?? 0);
      let counted = elapsed;
      // A stage's budget runs from its opening: the days a pre-review (提前介入) ran before then count against no stage.
      if (kind !== R_PENDING && item.earlyStart && k > 0 && r?.startedAt && sv.acceptedAt) {
        const opened = calendar.dateOf(sv.acceptedAt);
        const end = kind === R_DONE ? calendar.addWorkdays(calendar.dateOf(r.startedAt), elapsed).date : today;
        counted = Math.min(elapsed, Math.max(0, calendar.workdaysBetween(opened, end).count));
      }
      const preds = predsOf.get(item.id)!.filter((id) => index.has(id));
      let longest = 0;
      for (const p of preds) longest = Math.max(longest, chain.get(p) ?? 0);
      chain.set(item.id, longest + item.promisedLimit);
      const queue = obs.queues[item.departmentId] ?? 0;
      const excess = obs.averageQueue > 0 ? Math.max(0, queue / obs.averageQueue - 1) : 0;
      const own = obs.byItem.get(itemKey(item.departmentId, item.id));
      const ratios = obs.byDepartment.get(item.departmentId);
      let values: TDrawn | null = null;
      let source: TForecast['basis']['items'][number]['source'] = kind === R_DONE ? 'done' : 'definition';
      let count = 0;
      if (own && own.days.length >= MIN_OBSERVATIONS) {
        values = own;
        count = own.days.length;
        if (kind !== R_DONE) source = 'item';
      } else if (ratios && ratios.ratios.length >= MIN_OBSERVATIONS) {
        values = scaledTo(ratios, item.promisedLimit);
        count = ratios.ratios.length;
        if (kind !== R_DONE) source = 'department';
      }
      const draws =
        kind === R_DONE
          ? { table: new Int32Array(1), wall: new Int32Array(1) }
          : daysTable(
              values ?? spreadOf(item.promisedLimit),
              item.promisedLimit,
              kind === R_PENDING ? 0 : elapsed,
              Math.min(QUEUE_MAX_FACTOR, 1 + QUEUE_WEIGHT * excess),
            );
      index.set(item.id, items.length);
      items.push({
        kind,
        stage: k,
        early: item.earlyStart,
        elapsed: counted,
        deps: preds.map((id) => index.get(id)!),
        table: draws.table,
        wall: draws.wall,
        specialDays: kind === R_SPECIAL && r?.special ? daysUntil(calendar, today, r.special.endsAt) : 0,
      });
      basis.push({ itemId: item.id, departmentId: item.departmentId, status, source, observations: count, queue });
    }
    const planned = (view.plan?.stages ?? []).find((s) => s.stageId === stage.id)?.preparationDays;
    const holds = view.commitments
      .filter((c) => stage.items.some((i) => i.id === c.itemId) && (c.status === 'open' || c.status === 'supplied' || c.status === 'expired'))
      .flatMap((c): [number, number] => {
        if (c.status === 'supplied') return [HANDOVER_DAYS.min, HANDOVER_DAYS.max];
        const due = daysUntil(calendar, today, c.dueAt);
        return c.status === 'open' && due > 0 ? [0, due + HANDOVER_DAYS.max] : [LATE_SUPPLY_DAYS.min, LATE_SUPPLY_DAYS.max + HANDOVER_DAYS.max];
      });
    // The stage's opening as observed, from the previous stage's results (the first: the registration).
    const observedOpenings = obs.openings.get(stage.id);
    const learnt = phase === S_TO_SUBMIT && sv.status !== 'returned' && observedOpenings !== undefined && observedOpenings.length >= MIN_OBSERVATIONS;
    const previous = k === 0 ? view.registeredAt : view.stages[k - 1]?.issuedAt;
    const waited = previous ? daysUntilFrom(calendar, calendar.dateOf(previous), today) : 0;
    stageBasis.push({
      stageId: stage.id,
      source: phase !== S_TO_SUBMIT ? 'open' : learnt ? 'observed' : planned !== undefined ? 'plan' : 'assumed',
      observations: observedOpenings?.length ?? 0,
    });
    stages.push({
      phase,
      opening: learnt ? openingTable(observedOpenings, waited) : null,
      first,
      end: items.length,
      prep:
        sv.status === 'returned'
          ? [CORRECTION_DAYS.min, CORRECTION_DAYS.max]
          : planned !== undefined
            ? [Math.round(planned * PREPARATION_SPREAD.min), Math.round(planned * PREPARATION_SPREAD.max)]
            : [PREPARATION_DAYS.min, PREPARATION_DAYS.max],
      intakeMax: phase === S_INTAKE && sv.intakeDueAt ? daysUntil(calendar, today, sv.intakeDueAt) : spec.intakeLimit,
      holds,
      doneDate: sv.issuedAt ? calendar.dateOf(sv.issuedAt) : sv.status === 'complete' ? today : null,
      promisedPath: Math.max(0, ...chain.values()),
      budget: req.limits.stages[stage.id] ?? Math.max(0, ...chain.values()),
    });
  });
  return { items, stages, basis, stageBasis };
}

/**
 * Nearest-rank percentiles of whole numbers ≥ 0 by counting (a run's offsets are small): cheaper
 * than sorting, which costs more than the runs themselves at 1,000 a forecast.
 */
function percentiles(xs: Int32Array, ps: readonly number[]): number[] {
  let max = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i]! > max) max = xs[i]!;
  const counts = new Int32Array(max + 1);
  for (let i = 0; i < xs.length; i++) counts[xs[i]!]!++;
  return ps.map((p) => {
    const rank = Math.max(1, Math.ceil(p * xs.length));
    let seen = 0;
    for (let v = 0; v <= max; v++) if ((seen += counts[v]!) >= rank) return v;
    return max;
  });
}

/**
 * The forecast of one project (an active one; an ended project's forecast is its outcome).
 * @throws Error on a spec with a dependency cycle (registration refuses those)
 */
export function forecastProject(req: TForecastRequest): TForecast {
  const runs = req.runs ?? DEFAULT_RUNS;
  const seed = req.seed ?? DEFAULT_SEED;
  const { calendar } = req;
  const today = calendar.dateOf(req.now);
  const { items, stages, basis, stageBasis } = compile(req, today);
  const random = seededRandom(seed);
  const finish = new Int32Array(items.length);
  const gov = new Int32Array(items.length);
  const stageEnd = stages.map(() => new Int32Array(runs));
  const stageGov = stages.map(() => new Int32Array(runs));
  const totalEnd = new Int32Array(runs);
  const totalGov = new Int32Array(runs);

  // The inner loop reads plain locals and typed arrays: imported bindings are getters once compiled
  // to CommonJS (tsx, jest), which cost more than the arithmetic itself.
  const n = items.length;
  const kind = Int8Array.from(items, (it) => it.kind);
  const elapsed = Int32Array.from(items, (it) => it.elapsed);
  const special = Int32Array.from(items, (it) => it.specialDays);
  const tables = items.map((it) => it.table);
  const walls = items.map((it) => it.wall);
  const early = Uint8Array.from(items, (it) => (it.early ? 1 : 0));
  const stageOf = Int32Array.from(items, (it) => it.stage);
  const depFrom = new Int32Array(n + 1);
  items.forEach((it, i) => (depFrom[i + 1] = depFrom[i]! + it.deps.length));
  const deps = Int32Array.from(items.flatMap((it) => it.deps));
  const uniform = (lo: number, hi: number) => (hi <= lo ? lo : lo + Math.floor(random() * (hi - lo + 1)));
  // Decided reviews are the same in every run: their government days once, and each run walks only the others.
  const decidedGov = stages.map(() => 0);
  const undecided = stages.map((st, k) => {
    const open: number[] = [];
    for (let i = st.first; i < st.end; i++) {
      if (kind[i] !== R_DONE) {
        open.push(i);
        continue;
      }
      let g = 0;
      for (let j = depFrom[i]!; j < depFrom[i + 1]!; j++) if (stageOf[deps[j]!] === k && gov[deps[j]!]! > g) g = gov[deps[j]!]!;
      gov[i] = g + elapsed[i]!;
      if (gov[i]! > decidedGov[k]!) decidedGov[k] = gov[i]!;
    }
    return Int32Array.from(open);
  });

  for (let run = 0; run < runs; run++) {
    let prevEnd = 0;
    let prevAccept = 0;
    let govSum = 0;
    for (let k = 0; k < stages.length; k++) {
      const st = stages[k]!;
      let accept = 0;
      const opening = st.opening;
      if (st.phase === S_TO_SUBMIT && opening) accept = prevEnd + opening[Math.floor(random() * opening.length)]!;
      else if (st.phase === S_TO_SUBMIT) accept = prevEnd + uniform(st.prep[0], st.prep[1]) + uniform(0, st.intakeMax);
      else if (st.phase === S_INTAKE) accept = uniform(0, st.intakeMax);
      let done = accept;
      let stageG = decidedGov[k]!;
      const open = undecided[k]!;
      for (let x = 0; x < open.length; x++) {
        const i = open[x]!;
        const kd = kind[i]!;
        const e = elapsed[i]!;
        let f = 0;
        let g0 = 0;
        let start = kd === R_PENDING && early[i] === 1 && k > 0 && st.phase !== S_REVIEW ? prevAccept : accept;
        for (let j = depFrom[i]!; j < depFrom[i + 1]!; j++) {
          const d = deps[j]!;
          if (finish[d]! > start) start = finish[d]!;
          // Government days run along the stage's own chain; an earlier stage's are counted there.
          if (stageOf[d] === k && gov[d]! > g0) g0 = gov[d]!;
        }
        let g: number;
        const table = tables[i]!;
        const drawn = Math.floor(random() * table.length);
        const days = table[drawn]!;
        // Its pauses to come: the observed review's (none once it is in one now, whose end is drawn instead).
        const wall = walls[i]![drawn]!;
        if (kd === R_PENDING) {
          f = start + wall;
          g = g0 + days;
        } else if (kd === R_RUNNING) {
          f = wall;
          g = g0 + e + days;
        } else {
          f = (kd === R_CORRECTION ? uniform(CORRECTION_MIN, CORRECTION_MAX) : special[i]!) + days;
          g = g0 + e + days;
        }
        // Before its stage opens, an early pre-review's days count against the stage only from the opening on.
        if (early[i] === 1 && k > 0 && (kd === R_PENDING || st.phase !== S_REVIEW)) g = Math.max(g0, f - accept);
        finish[i] = f;
        gov[i] = g;
        if (f > done) done = f;
        if (g > stageG) stageG = g;
      }
      let end = 0;
      if (st.phase !== S_DONE) {
        end = done;
        const holds = st.holds;
        for (let h = 0; h < holds.length; h += 2) {
          const supplied = uniform(holds[h]!, holds[h + 1]!);
          if (supplied > end) end = supplied;
        }
        end += uniform(HANDOVER_MIN, HANDOVER_MAX);
      }
      stageEnd[k]![run] = end;
      stageGov[k]![run] = stageG;
      govSum += stageG;
      prevEnd = end;
      prevAccept = accept;
    }
    totalEnd[run] = prevEnd;
    totalGov[run] = govSum;
  }

  let provisional = false;
  const dateAt = (offset: number) => {
    const d = calendar.addWorkdays(today, offset);
    provisional ||= d.provisional;
    return d.date;
  };
  const dates = (ends: Int32Array) => {
    const [p10, p50, p90] = percentiles(ends, [0.1, 0.5, 0.9]).map(dateAt) as [string, string, string];
    return { p10, p50, p90 };
  };
  const workdays = (g: Int32Array) => {
    const [p50, p90] = percentiles(g, [0.5, 0.9]) as [number, number];
    return { p50, p90 };
  };
  const within = (g: Int32Array, limit: number) => {
    let n = 0;
    for (let i = 0; i < g.length; i++) if (g[i]! <= limit) n++;
    return { limit, probability: Math.round((n / g.length) * 1000) / 1000 };
  };
  const promisedTotal = stages.reduce((sum, s) => sum + s.promisedPath, 0);
  const stageForecasts = req.spec.stages.map((stage, k) => {
    const st = stages[k]!;
    const done = st.doneDate;
    return {
      stageId: stage.id,
      title: stage.title,
      status: req.view.stages[k]!.status,
      finish: done ? { p10: done, p50: done, p90: done } : dates(stageEnd[k]!),
      governmentWorkdays: workdays(stageGov[k]!),
      promised: within(stageGov[k]!, st.promisedPath),
      ceiling: within(stageGov[k]!, st.budget),
    };
  });
  const total = dates(totalEnd);
  return {
    projectId: req.view.projectId,
    asOf: req.now,
    today,
    runs,
    seed,
    calendarFingerprint: calendar.fingerprint,
    provisional,
    finish: total,
    governmentWorkdays: workdays(totalGov),
    promised: within(totalGov, promisedTotal),
    ceiling: within(totalGov, req.limits.total),
    stages: stageForecasts,
    basis: { items: basis, stages: stageBasis, assumptions: ASSUMPTIONS },
  };
}
