/**
 * The follow-up sweep: what time alone brings to follow-up cases, without anyone loading a page.
 * Each run (1) opens the case of every bad rating the read model holds without one — a rating
 * answered 202 (pending) is recorded by the workflow later, and a service that stopped between the
 * workflow's answer and opening the case left one unopened — and (2) raises the reminders and
 * cards the open steps have earned (FollowUpCases.raiseNotices). Everything is keyed in
 * PostgreSQL, so a run is idempotent: replicas may sweep at once, and a restart loses nothing
 * (the first run after it catches up). Why not a Temporal schedule: cases live in PostgreSQL and
 * outlive their projects (cases.ts), so the service that owns them sweeps them.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { BAD_RATING_MAX, type TCaseNotice } from './cases';
import { openRatingCase, type TRatingOpener } from './ratings';

/** How often the service sweeps: step limits are whole working days, so minutes are prompt enough. */
export const SWEEP_EVERY_MS = 5 * 60_000;

export interface TSweepReport {
  /** Bad ratings whose case this run opened. */
  opened: number;
  /** Bad ratings it could not open this time (the project unreachable); the next run tries again. */
  failed: number;
  raised: Array<TCaseNotice & { caseId: string }>;
}

export class FollowUpSweep {
  constructor(private readonly deps: TRatingOpener & { db: Db }) {}

  async run(): Promise<TSweepReport> {
    const missing = await this.deps.db
      .selectFrom('project_ratings as r')
      .select(['r.project_id', 'r.stage_id', 'r.score', 'r.comment'])
      .where('r.score', '<=', BAD_RATING_MAX)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('follow_up_cases as c')
              .select(sql`1`.as('one'))
              .whereRef('c.source_key', '=', sql<string>`'rating:' || r.project_id || ':' || r.stage_id`),
          ),
        ),
      )
      .execute();
    let opened = 0;
    let failed = 0;
    for (const r of missing) {
      try {
        await openRatingCase(this.deps, r.project_id, { stageId: r.stage_id, score: r.score, comment: r.comment });
        opened += 1;
      } catch {
        failed += 1;
      }
    }
    return { opened, failed, raised: await this.deps.cases.raiseNotices() };
  }
}

/**
 * Sweeps now and then every `everyMs` until the returned function is called; a failed run is
 * logged and the next one tries again.
 */
export function startFollowUpSweep(sweep: FollowUpSweep, log: (line: string) => void, everyMs = SWEEP_EVERY_MS): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sweep
      .run()
      .then((r) => {
        if (r.opened + r.failed + r.raised.length > 0)
          log(`[follow-up] opened ${r.opened} case(s) of bad ratings (${r.failed} to retry), raised ${r.raised.length} reminder(s) and card(s)`);
      })
      .catch((err: unknown) => log(`[follow-up] sweep failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
