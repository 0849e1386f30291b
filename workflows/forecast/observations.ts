/**
 * What the forecast learns from: completed reviews with the working days they took (the read
 * model's `project_reviews`, db/read-model/observations.ts) and each department's open reviews
 * now. Indexed once per request and shared by every project forecast from it.
 */
import { z } from 'zod';

export const ZObservation = z.object({
  departmentId: z.string(),
  itemId: z.string(),
  /** Working days the review's clock counted, from dispatch to decision (pauses excluded). */
  days: z.number().int().min(0),
  promisedLimit: z.number().int().min(0),
});
export type TObservation = z.infer<typeof ZObservation>;

export interface TObservations {
  reviews: TObservation[];
  /** Open reviews (running, in correction or in a special procedure) per department now. */
  queues: Record<string, number>;
}

export interface TObservationIndex {
  /** Days per `department/item`, ascending. */
  byItem: Map<string, Int32Array>;
  /** Days ÷ promised limit per department (reviews with a promised limit above 0), ascending. */
  byDepartment: Map<string, Float64Array>;
  queues: Record<string, number>;
  averageQueue: number;
}

export const itemKey = (departmentId: string, itemId: string) => `${departmentId}/${itemId}`;

export function indexObservations(observations: TObservations): TObservationIndex {
  const items = new Map<string, number[]>();
  const departments = new Map<string, number[]>();
  for (const o of observations.reviews) {
    const key = itemKey(o.departmentId, o.itemId);
    (items.get(key) ?? items.set(key, []).get(key)!).push(o.days);
    if (o.promisedLimit > 0) (departments.get(o.departmentId) ?? departments.set(o.departmentId, []).get(o.departmentId)!).push(o.days / o.promisedLimit);
  }
  const queued = Object.values(observations.queues);
  return {
    byItem: new Map([...items].map(([k, v]) => [k, Int32Array.from(v).sort()])),
    byDepartment: new Map([...departments].map(([k, v]) => [k, Float64Array.from(v).sort()])),
    queues: observations.queues,
    averageQueue: queued.length === 0 ? 0 : queued.reduce((a, b) => a + b, 0) / queued.length,
  };
}

export const NO_OBSERVATIONS: TObservationIndex = indexObservations({ reviews: [], queues: {} });
