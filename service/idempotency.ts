/**
 * `Idempotency-Key` on commands: a retried request with the same key and body gets the first
 * answer and applies once; the same key with another body is refused (422). Two layers:
 * this in-process record answers retries and concurrent duplicates at once, and the key also
 * becomes the Temporal Update id, which the server deduplicates per workflow, so a retry
 * after a service restart still applies once. Only successes are remembered: a refused
 * command may succeed when retried after the state has changed.
 */
import { createHash } from 'node:crypto';
import { AppError } from './errors';

interface Entry<T> {
  fingerprint: string;
  result: Promise<T>;
  at: number;
}

/** How long a key is remembered in process (the Update id keeps deduplicating after that). */
const TTL_MS = 24 * 60 * 60_000;
const MAX_ENTRIES = 50_000;

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export class IdempotencyStore<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Runs `fn` once per `scope`; a repeat with the same fingerprint gets the same result.
   * @returns the result and whether it was replayed
   * @throws AppError IDEMPOTENCY_KEY_REUSED when the scope was used with another fingerprint
   */
  async run(scope: string, fingerprint: string, fn: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    this.prune();
    const existing = this.entries.get(scope);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body', [
          { path: 'Idempotency-Key', message: 'use a new key for a different command' },
        ]);
      }
      return { value: await existing.result, replayed: true };
    }
    const result = fn();
    this.entries.set(scope, { fingerprint, result, at: this.now() });
    try {
      return { value: await result, replayed: false };
    } catch (err) {
      this.entries.delete(scope);
      throw err;
    }
  }

  private prune(): void {
    const cutoff = this.now() - TTL_MS;
    for (const [key, entry] of this.entries) {
      if (entry.at > cutoff && this.entries.size <= MAX_ENTRIES) break; // insertion order: oldest first
      this.entries.delete(key);
    }
  }
}
