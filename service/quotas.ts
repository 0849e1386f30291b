/**
 * Quotas per enterprise, over a rolling day: registrations, and uploads per project and in
 * total (files and bytes). Each use is a row of `quota_usage` (migration 0003), taken under a
 * per-enterprise advisory lock, so concurrent requests on any replica cannot overshoot. Over a
 * quota → 429 QUOTA_EXCEEDED with `Retry-After` (when the oldest counted use leaves the day).
 */
import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/connect';
import { AppError } from './errors';

interface QuotaUsageTable {
  id: string;
  enterprise_id: string;
  kind: 'registration' | 'upload';
  project_id: string | null;
  amount: string | number;
  at: Date | string;
}

export interface TQuotaLimits {
  /** Projects an enterprise registers for itself per day (a coordinator's registrations are not counted). */
  registrationsPerDay: number;
  /** Files and bytes handed in for one project per day. */
  uploadFilesPerProjectPerDay: number;
  uploadBytesPerProjectPerDay: number;
  /** Bytes an enterprise hands in over all its projects per day. */
  uploadBytesPerDay: number;
}

const MiB = 1024 * 1024;
/** A real application is a few dozen files of a few MiB each; these leave room for several. */
export const DEFAULT_QUOTAS: TQuotaLimits = {
  registrationsPerDay: 10,
  uploadFilesPerProjectPerDay: 100,
  uploadBytesPerProjectPerDay: 500 * MiB,
  uploadBytesPerDay: 2048 * MiB,
};

const DAY_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

type Check = { label: string; path: string; limit: number; projectOnly: boolean; measure: 'count' | 'sum' };

export class QuotaStore {
  private readonly db: Kysely<{ quota_usage: QuotaUsageTable }>;
  private lastPrune = 0;

  constructor(
    db: Db,
    readonly limits: TQuotaLimits = DEFAULT_QUOTAS,
    private readonly now: () => number = Date.now,
  ) {
    this.db = db as unknown as Kysely<{ quota_usage: QuotaUsageTable }>;
  }

  /**
   * Counts one registration by the enterprise.
   * @returns the usage id (release it if the registration then fails)
   * @throws AppError QUOTA_EXCEEDED (429, Retry-After)
   */
  registration(enterpriseId: string): Promise<string> {
    return this.take(enterpriseId, 'registration', null, 1, [
      {
        label: `${this.limits.registrationsPerDay} project registrations a day`,
        path: 'projectId',
        limit: this.limits.registrationsPerDay,
        projectOnly: false,
        measure: 'count',
      },
    ]);
  }

  /**
   * Counts one upload of `bytes` for the project.
   * @throws AppError QUOTA_EXCEEDED (429, Retry-After)
   */
  upload(enterpriseId: string, projectId: string, bytes: number): Promise<string> {
    return this.take(enterpriseId, 'upload', projectId, bytes, [
      {
        label: `${this.limits.uploadFilesPerProjectPerDay} files a day for one project`,
        path: 'file',
        limit: this.limits.uploadFilesPerProjectPerDay,
        projectOnly: true,
        measure: 'count',
      },
      {
        label: `${this.limits.uploadBytesPerProjectPerDay / MiB} MiB a day for one project`,
        path: 'file',
        limit: this.limits.uploadBytesPerProjectPerDay,
        projectOnly: true,
        measure: 'sum',
      },
      {
        label: `${this.limits.uploadBytesPerDay / MiB} MiB a day over all the enterprise's projects`,
        path: 'file',
        limit: this.limits.uploadBytesPerDay,
        projectOnly: false,
        measure: 'sum',
      },
    ]);
  }

  /** Gives back a use whose request failed after it was counted. */
  async release(id: string): Promise<void> {
    await this.db.deleteFrom('quota_usage').where('id', '=', id).execute();
  }

  private async take(enterpriseId: string, kind: QuotaUsageTable['kind'], projectId: string | null, amount: number, checks: Check[]): Promise<string> {
    const now = this.now();
    const since = new Date(now - DAY_MS).toISOString();
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.prune();
    }
    return this.db.transaction().execute(async (trx) => {
      // One enterprise's quota checks run one at a time on every replica (the lock ends with the transaction).
      await sql`select pg_advisory_xact_lock(hashtext(${`quota|${enterpriseId}`}))`.execute(trx);
      for (const check of checks) {
        let q = trx.selectFrom('quota_usage').where('enterprise_id', '=', enterpriseId).where('kind', '=', kind).where('at', '>', since);
        if (check.projectOnly) q = q.where('project_id', '=', projectId);
        const rows = await q.select(['amount', 'at']).orderBy('at').execute();
        const used = check.measure === 'count' ? rows.length : rows.reduce((sum, r) => sum + Number(r.amount), 0);
        const adding = check.measure === 'count' ? 1 : amount;
        if (used + adding <= check.limit) continue;
        // When enough of the oldest uses have left the day for this one to fit.
        let freed = used;
        let until = now + DAY_MS;
        for (const r of rows) {
          freed -= check.measure === 'count' ? 1 : Number(r.amount);
          if (freed + adding <= check.limit) {
            until = new Date(r.at).getTime() + DAY_MS;
            break;
          }
        }
        const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
        throw new AppError(
          'QUOTA_EXCEEDED',
          `quota reached: at most ${check.label}; try again in ${formatWait(retryAfter)}`,
          [{ path: check.path, message: `at most ${check.label}` }],
          {
            'Retry-After': String(retryAfter),
          },
        );
      }
      const row = await trx
        .insertInto('quota_usage')
        .values({ enterprise_id: enterpriseId, kind, project_id: projectId, amount, at: new Date(now).toISOString() } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      return String(row.id);
    });
  }

  /** Forgets uses older than a day (they no longer count). */
  async prune(): Promise<number> {
    const result = await this.db
      .deleteFrom('quota_usage')
      .where('at', '<=', new Date(this.now() - DAY_MS).toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}
