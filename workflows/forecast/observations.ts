/**
 * What the forecast learns from: completed reviews with the working days they took, how long
 * each stage took to open after the one before (the enterprise's preparation and the intake),
 * and each department's open reviews now. From the read model (db/read-model/observations.ts)
 * or from lived projects; indexed once per request and shared by every project forecast from it.
 */
import { z } from 'zod';

export const ZObservation = z.object({
  departmentId: z.string(),
  itemId: z.string(),
  /** Working days the review's clock counted, from dispatch to decision (pauses excluded). */
  days: z.number().int().min(0),
  promisedLimit: z.number().int().min(0),
  /**
   * Working days the review stood paused (corrections answered by the enterprise, special
   * procedures): they move the finish, not the government's days. Absent where not known.
   */
  pausedDays: z.number().int().min(0).optional(),
});
export type TObservation = z.infer<typeof ZObservation>;

/** A stage that opened: working days from the previous stage's results (the first: the registration) to its acceptance. */
export const ZStageOpening = z.object({ stageId: z.string(), days: z.number().int().min(0) });
export type TStageOpening = z.infer<typeof ZStageOpening>;

export interface TObservations {
  reviews: TObservation[];
  /** Stage openings seen; absent or short, the forecast assumes preparation and intake times. */
  openings?: TStageOpening[];
  /** Open reviews (running, in correction or in a special procedure) per department now. */
  queues: Record<string, number>;
}

/** Observed durations, ascending by `days`, with the pause each one had (same order). */
export interface TDrawn {
  days: Int32Array;
  paused: Int32Array;
}

export interface TObservationIndex {
  /** Days per `department/item`, ascending. */
  byItem: Map<string, TDrawn>;
  /** Days ÷ promised limit per department (reviews with a promised limit above 0), ascending, with their pauses. */
  byDepartment: Map<string, { ratios: Float64Array; paused: Int32Array }>;
  /** Opening days per stage id, ascending. */
  openings: Map<string, Int32Array>;
  queues: Record<string, number>;
  averageQueue: number;
}

export const itemKey = (departmentId: string, itemId: string) => `${departmentId}/${itemId}`;

function group<T>(xs: readonly T[], key: (x: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (k !== undefined) (groups.get(k) ?? groups.set(k, []).get(k)!).push(x);
  }
  return groups;
}

/** Sorted by a value, the pauses kept beside their own observation. */
function sortedPairs(xs: readonly { value: number; paused: number }[]) {
  const sorted = [...xs].sort((a, b) => a.value - b.value);
  return { values: sorted.map((x) => x.value), paused: Int32Array.from(sorted, (x) => x.paused) };
}

export function indexObservations(observations: TObservations): TObservationIndex {
  const items = group(observations.reviews, (o) => itemKey(o.departmentId, o.itemId));
  const departments = group(observations.reviews, (o) => (o.promisedLimit > 0 ? o.departmentId : undefined));
  const queued = Object.values(observations.queues);
  return {
    byItem: new Map(
      [...items].map(([k, v]) => {
        const { values, paused } = sortedPairs(v.map((o) => ({ value: o.days, paused: o.pausedDays ?? 0 })));
        return [k, { days: Int32Array.from(values), paused }];
      }),
    ),
    byDepartment: new Map(
      [...departments].map(([k, v]) => {
        const { values, paused } = sortedPairs(v.map((o) => ({ value: o.days / o.promisedLimit, paused: o.pausedDays ?? 0 })));
        return [k, { ratios: Float64Array.from(values), paused }];
      }),
    ),
    openings: new Map([...group(observations.openings ?? [], (o) => o.stageId)].map(([k, v]) => [k, Int32Array.from(v, (o) => o.days).sort()])),
    queues: observations.queues,
    averageQueue: queued.length === 0 ? 0 : queued.reduce((a, b) => a + b, 0) / queued.length,
  };
}

export const NO_OBSERVATIONS: TObservationIndex = indexObservations({ reviews: [], queues: {} });
