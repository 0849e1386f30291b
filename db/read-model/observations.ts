/**
 * What the forecast learns from, read from the read model: the working days each completed
 * review took (its clock's elapsed days at the decision), how long each stage took to open after
 * the previous one's results, and each department's open reviews now.
 */
import { sql } from 'kysely';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { Db } from '../connect';
import type { TObservations, TStageOpening } from '../../workflows/forecast/observations';

/** Decided reviews (a cancelled one was never decided, so it says nothing about the department). */
const DECIDED = ['approved', 'approvedWithConditions', 'rejected'];
const OPEN = ['inReview', 'correction', 'specialProcedure'];
/** The newest decided reviews read: recent enough to reflect how departments work now, few enough to read in milliseconds. */
export const OBSERVATIONS_READ = 20_000;
/** The newest projects whose stage openings are read. */
export const OPENINGS_READ = 2_000;

export async function reviewObservations(db: Db, calendar?: WorkingCalendar, newest = OBSERVATIONS_READ): Promise<TObservations> {
  const [reviews, queues, openings] = await Promise.all([
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
    calendar ? stageOpenings(db, calendar) : Promise.resolve([]),
  ]);
  return {
    reviews: reviews.map((r) => ({ departmentId: r.department_id, itemId: r.item_id, days: r.elapsed!, promisedLimit: r.promised_limit })),
    openings,
    queues: Object.fromEntries(queues.map((q) => [q.department_id, Number(q.n)])),
  };
}

/**
 * Each stage's opening in the newest projects: from the latest results issued before it (none:
 * the registration) to its first own review's dispatch (the acceptance; pre-reviews left out).
 */
export async function stageOpenings(db: Db, calendar: WorkingCalendar, newest = OPENINGS_READ): Promise<TStageOpening[]> {
  const projects = db.selectFrom('projects').select('project_id').orderBy('registered_at', 'desc').limit(newest);
  const [opened, issued] = await Promise.all([
    db
      .selectFrom('project_reviews as r')
      .innerJoin('projects as p', 'p.project_id', 'r.project_id')
      .select(['r.project_id', 'r.stage_id', 'p.registered_at', (eb) => eb.fn.min('r.started_at').as('opened_at')])
      .where('r.project_id', 'in', projects)
      .where('r.early', '=', false)
      .where('r.started_at', 'is not', null)
      .groupBy(['r.project_id', 'r.stage_id', 'p.registered_at'])
      .execute(),
    db
      .selectFrom('project_results')
      .select(['project_id', (eb) => eb.fn.max('issued_at').as('issued_at')])
      .where('project_id', 'in', projects)
      .where('issued_at', 'is not', null)
      .groupBy(['project_id', 'stage_id'])
      .execute(),
  ]);
  const issues = new Map<string, number[]>();
  for (const r of issued) (issues.get(r.project_id) ?? issues.set(r.project_id, []).get(r.project_id)!).push(new Date(r.issued_at as Date | string).getTime());
  return opened.flatMap((o) => {
    if (!o.opened_at) return [];
    const at = new Date(o.opened_at as Date | string).getTime();
    const from = Math.max(o.registered_at.getTime(), ...(issues.get(o.project_id) ?? []).filter((t) => t <= at));
    const [a, b] = [calendar.dateOf(new Date(from).toISOString()), calendar.dateOf(new Date(at).toISOString())];
    return [{ stageId: o.stage_id, days: b <= a ? 0 : calendar.workdaysBetween(a, b).count }];
  });
}
