/**
 * Login throttling: failed attempts are counted per (client address, username) and per
 * client address in a sliding window; past the limit, every attempt (even with the right
 * password) answers 429 with `Retry-After` until the oldest failure leaves the window.
 * In memory: one service process; a restart forgets (acceptable for a throttle).
 */
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
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: TThrottleOptions = DEFAULT_THROTTLE) {
    this.now = options.now ?? Date.now;
  }

  private keys(address: string, username: string): [string, number][] {
    return [
      [`a|${address}|${username.toLowerCase()}`, this.options.perAccount],
      [`i|${address}`, this.options.perAddress],
    ];
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** @throws AppError RATE_LIMITED when either limit is reached */
  check(address: string, username: string): void {
    for (const [key, limit] of this.keys(address, username)) {
      const recent = this.recent(key);
      if (recent.length >= limit) {
        const retryAfter = Math.max(1, Math.ceil((recent[0]! + this.options.windowMs - this.now()) / 1000));
        throw new AppError('RATE_LIMITED', `too many failed logins; try again in ${retryAfter} s`, [], { 'Retry-After': String(retryAfter) });
      }
    }
  }

  fail(address: string, username: string): void {
    if (this.failures.size > 100_000) this.failures.clear(); // bound memory under a flood
    for (const [key] of this.keys(address, username)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(address: string, username: string): void {
    this.failures.delete(this.keys(address, username)[0]![0]);
  }
}
