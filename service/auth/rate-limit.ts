/**
 * Login throttling: failed attempts are counted per (client address, username) and per
 * client address in a sliding window; past the limit, every attempt (even with the right
 * password) answers 429 with `Retry-After` until the oldest failure leaves the window.
 * The failures live in PostgreSQL (table `login_failures`), so every service replica counts
 * the same attempts and a restart forgets nothing. The address is the real client's
 * (client-address.ts), never a header a client could set itself.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { AppError } from '../errors';

export interface TThrottleOptions {
  /** Failures allowed per address and username within the window. */
  perAccount: number;
  /** Failures allowed per address (password spraying across usernames). */
  perAddress: number;
  windowMs: number;
  now?: () => number;
}

export const DEFAULT_THROTTLE: TThrottleOptions = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly options: TThrottleOptions = DEFAULT_THROTTLE,
  ) {
    this.now = options.now ?? Date.now;
  }

  private keys(address: string, username: string): [string, number][] {
    return [
      [`account|${address}|${username.toLowerCase()}`, this.options.perAccount],
      [`address|${address}`, this.options.perAddress],
    ];
  }

  private since(): Date {
    return new Date(this.now() - this.options.windowMs);
  }

  /**
   * Starts a login attempt. The attempt is counted as a failure *before* the password is
   * checked, and the limits are checked after counting it: so parallel guesses sent to many
   * replicas at once cannot all slip past the limit while their (slow) password checks run.
   * A refused attempt is not counted, so the window clears while an attacker keeps knocking.
   * @throws AppError RATE_LIMITED when either limit is exceeded (Retry-After: until the oldest failure leaves the window)
   */
  async begin(address: string, username: string): Promise<LoginAttempt> {
    const keys = this.keys(address, username);
    const at = new Date(this.now()).toISOString();
    const rows = await this.db
      .insertInto('login_failures')
      .values(keys.map(([key]) => ({ key, failed_at: at })))
      .returning('id')
      .execute();
    const ids = rows.map((r) => r.id);
    const since = this.since();
    for (const [key, limit] of keys) {
      const { n, oldest } = await this.db
        .selectFrom('login_failures')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('failed_at').as('oldest')])
        .where('key', '=', key)
        .where('failed_at', '>', since)
        .executeTakeFirstOrThrow();
      if (Number(n) > limit && oldest) {
        await this.db.deleteFrom('login_failures').where('id', 'in', ids).execute();
        const retryAfter = Math.max(1, Math.ceil((new Date(oldest).getTime() + this.options.windowMs - this.now()) / 1000));
        throw new AppError('RATE_LIMITED', `too many failed logins; try again in ${retryAfter} s`, [], { 'Retry-After': String(retryAfter) });
      }
    }
    // Failures older than the window count for nothing: drop them, so the table stays small under a flood.
    await this.db.deleteFrom('login_failures').where('failed_at', '<=', sql<Date>`${since.toISOString()}::timestamptz`).execute();
    return {
      // The right password: this attempt was no failure, and the account's earlier failures are forgiven.
      succeeded: async () => {
        await this.db
          .deleteFrom('login_failures')
          .where((eb) => eb.or([eb('id', 'in', ids), eb('key', '=', keys[0]![0])]))
          .execute();
      },
    };
  }
}

/** A login attempt in progress: counted as a failure unless `succeeded` is called. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}
