/**
 * What the forecast learns from, read from the read model: the working days each completed
 * review took (its clock's elapsed days at the decision) and each department's open reviews now.
 */
import { sql } from 'kysely';
import type { Db } from '../connect';
import type { TObservations } from '../../workflows/forecast/observations';

/** Decided reviews (a cancelled one was never decided, so it says nothing about the department). */
const DECIDED = ['approved', 'approvedWithConditions', 'rejected'];
const OPEN = ['inReview', 'correction', 'specialProcedure'];
/** The newest decided reviews read: recent enough to reflect how departments work now, few enough to read in milliseconds. */
export const OBSERVATIONS_READ = 20_000;

export async function reviewObservations(db: Db, newest = OBSERVATIONS_READ): Promise<TObservations> {
  const [reviews, queues] = await Promise.all([
    db
      .selectFrom('project_reviews')
      .select(['department_id', 'item_id', 'elapsed', 'promised_limit'])
      .where('status', 'in', DECIDED)
      .where('elapsed', 'is not', null)
      .where('started_at', 'is not', null)
      .orderBy('started_at', 'desc')
      .limit(newest)
      .execute(),
    db
      .selectFrom('project_reviews')
      .select(['department_id', sql<string>`count(*)`.as('n')])
      .where('status', 'in', OPEN)
      .groupBy('department_id')
      .execute(),
  ]);
  return {
    reviews: reviews.map((r) => ({ departmentId: r.department_id, itemId: r.item_id, days: r.elapsed!, promisedLimit: r.promised_limit })),
    queues: Object.fromEntries(queues.map((q) => [q.department_id, Number(q.n)])),
  };
}
