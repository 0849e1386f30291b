/**
 * Login throttling: attempts are counted per (client address, username) and per client address
 * in a window (rate-limiter-flexible); past the limit, every attempt (even with the right
 * password) answers 429 with `Retry-After` until the window ends. The counters live in
 * PostgreSQL (table `login_throttle`, RateLimiterPostgres), so every service replica counts the
 * same attempts and a restart forgets nothing. The address is the real client's
 * (client-address.ts), never a header a client could set itself.
 */
import { CompiledQuery } from 'kysely';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../../db/connect';
import { AppError } from '../errors';

export interface TThrottleOptions {
  /** Failures allowed per address and username within the window. */
  perAccount: number;
  /** Failures allowed per address (password spraying across usernames). */
  perAddress: number;
  /** From the first counted failure (a fixed window, rate-limiter-flexible's). */
  windowMs: number;
}

export const DEFAULT_THROTTLE: TThrottleOptions = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** The table migration 0004 creates in the limiter's own layout. */
const TABLE = 'login_throttle';

/**
 * RateLimiterPostgres speaks to a `pg` pool's `query({ text, values })`; this hands its
 * statements to the service's one pool (through Kysely) instead of opening a second one.
 */
function storeClientOf(db: Db) {
  return {
    query: async ({ text, values = [] }: { text: string; values?: unknown[] }) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) };
    },
  };
}

export class LoginThrottle {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(db: Db, options: TThrottleOptions = DEFAULT_THROTTLE) {
    const store = { storeClient: storeClientOf(db), storeType: 'pool', tableName: TABLE, tableCreated: true, duration: options.windowMs / 1000 };
    this.perAccount = new RateLimiterPostgres({ ...store, keyPrefix: 'account', points: options.perAccount });
    this.perAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'address', points: options.perAddress });
  }

  private static accountKey(address: string, username: string): string {
    return `${address}|${username.toLowerCase()}`;
  }

  /**
   * Starts a login attempt. The attempt is counted as a failure *before* the password is
   * checked (one atomic upsert per counter), and refused when that takes either counter past
   * its limit: so parallel guesses sent to many replicas at once cannot all slip past the limit
   * while their (slow) password checks run. A refused attempt is given back, so it does not
   * count and the window ends on time while an attacker keeps knocking.
   * @throws AppError RATE_LIMITED when either limit is exceeded (Retry-After: until its window ends)
   */
  async begin(address: string, username: string): Promise<LoginAttempt> {
    const account = LoginThrottle.accountKey(address, username);
    const counted = await Promise.allSettled([this.perAccount.consume(account), this.perAddress.consume(address)]);
    const refusals = counted.flatMap((c) => (c.status === 'rejected' ? [c.reason as unknown] : []));
    if (refusals.length > 0) {
      const failure = refusals.find((r) => !(r instanceof RateLimiterRes));
      if (failure) throw failure;
      await Promise.all([this.perAccount.reward(account), this.perAddress.reward(address)]);
      const waitMs = Math.max(...refusals.map((r) => (r as RateLimiterRes).msBeforeNext));
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError('RATE_LIMITED', `too many failed logins; try again in ${retryAfter} s`, [], { 'Retry-After': String(retryAfter) });
    }
    return {
      // The right password: this attempt was no failure, and the account's earlier failures are forgiven.
      succeeded: async () => {
        await Promise.all([this.perAccount.delete(account), this.perAddress.reward(address)]);
      },
    };
  }

  /** The failures counted now against an account from an address (operators, tests). */
  async failures(address: string, username: string): Promise<number> {
    return (await this.perAccount.get(LoginThrottle.accountKey(address, username)))?.consumedPoints ?? 0;
  }
}

/** A login attempt in progress: counted as a failure unless `succeeded` is called. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}
