/**
 * `Idempotency-Key` on commands: a retried request with the same key and body gets the first
 * answer and applies once; the same key with another body is refused (422). The record lives
 * in PostgreSQL (table `idempotency_records`), so a retry reaching another replica, or the
 * same one after a restart, finds it. The first request claims the key (one upsert: new, or
 * older than the TTL) as `pending`, and stores its answer as `done` beside the response; a
 * concurrent duplicate waits for that answer. Should the first replica die while pending, the duplicate applies the command
 * itself after a while: the key is also the Temporal Update id, which the server deduplicates
 * per workflow, so it still applies once. Only successes are remembered: a refused command
 * may succeed when retried after the state has changed.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { AppError } from './errors';

/** How long a key is remembered (the Update id keeps deduplicating within the workflow after that). */
const TTL_MS = 24 * 60 * 60_000;

const PRUNE_EVERY_MS = 5 * 60_000;

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export interface TIdempotencyOptions {
  /** How long a duplicate waits for a pending first request before applying the command itself (the Update id deduplicates). */
  pendingWaitMs?: number;
  pollMs?: number;
  now?: () => number;
  /** A record that could not be written (its key stays pending: a retry applies the command itself after `pendingWaitMs`). */
  logError?: (err: unknown) => void;
}

const reused = () =>
  new AppError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body', [
    { path: 'Idempotency-Key', message: 'use a new key for a different command' },
  ]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class IdempotencyStore<T> {
  private readonly pendingWaitMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly logError: (err: unknown) => void;
  private lastPrune = 0;
  /** Answers not yet recorded. */
  private readonly recording = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    options: TIdempotencyOptions = {},
  ) {
    this.pendingWaitMs = options.pendingWaitMs ?? 15_000;
    this.pollMs = options.pollMs ?? 100;
    this.now = options.now ?? Date.now;
    this.logError = options.logError ?? ((err: unknown) => console.error('[service] idempotency record:', err));
  }

  /**
   * Runs `fn` once per `scope`; a repeat with the same fingerprint gets the same result.
   * `T` must survive a JSON round trip (it is stored as jsonb).
   * @returns the result and whether it was replayed
   * @throws AppError IDEMPOTENCY_KEY_REUSED when the scope was used with another fingerprint
   */
  async run(scope: string, fingerprint: string, fn: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    const waitUntil = this.now() + this.pendingWaitMs;
    for (;;) {
      if (await this.claim(scope, fingerprint)) return { value: await this.apply(scope, fn), replayed: false };
      const record = await this.db.selectFrom('idempotency_records').select(['fingerprint', 'status', 'result']).where('scope', '=', scope).executeTakeFirst();
      if (!record) continue; // the first attempt failed and let go of the key: claim it again
      if (record.fingerprint !== fingerprint) throw reused();
      if (record.status === 'done') return { value: record.result as T, replayed: true };
      if (this.now() >= waitUntil) return { value: await this.apply(scope, fn, true), replayed: true };
      await sleep(this.pollMs);
    }
  }

  /**
   * True when this request is the first with the key. One statement: the insert claims a new key,
   * and takes over a record older than the TTL (forgotten) in the same upsert.
   */
  private async claim(scope: string, fingerprint: string): Promise<boolean> {
    const now = this.now();
    // Keys never retried would otherwise stay forever: forget expired records now and then, off the request's path.
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      this.prune().catch((err: unknown) => this.logError(err));
    }
    const claimed = await this.db
      .insertInto('idempotency_records')
      .values({ scope, fingerprint, status: 'pending', result: null, created_at: new Date(now).toISOString() })
      .onConflict((oc) =>
        oc
          .column('scope')
          .doUpdateSet((eb) => ({
            fingerprint: eb.ref('excluded.fingerprint'),
            status: eb.ref('excluded.status'),
            result: null,
            created_at: eb.ref('excluded.created_at'),
          }))
          .where('idempotency_records.created_at', '<', sql<Date>`${new Date(now - TTL_MS).toISOString()}::timestamptz`),
      )
      .returning('scope')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  /** Runs the command and records its answer; a failure lets go of the key (unless the key was another's). */
  private async apply(scope: string, fn: () => Promise<T>, takenOver = false): Promise<T> {
    let value: T;
    try {
      value = await fn();
    } catch (err) {
      if (!takenOver) await this.db.deleteFrom('idempotency_records').where('scope', '=', scope).where('status', '=', 'pending').execute();
      throw err;
    }
    // Answered without waiting for the record: a retry arriving before it is written waits for it
    // (pending), and one arriving after a crash applies the command itself, which the Update id deduplicates.
    const recording = this.db
      .updateTable('idempotency_records')
      .set({ status: 'done', result: JSON.stringify(value) })
      .where('scope', '=', scope)
      .where('status', '=', 'pending')
      .execute()
      .then(
        () => undefined,
        (err: unknown) => this.logError(err),
      )
      .finally(() => this.recording.delete(recording));
    this.recording.add(recording);
    return value;
  }

  /** Waits until every answer given so far is recorded (shutdown, tests). */
  async recorded(): Promise<void> {
    await Promise.all([...this.recording]);
  }

  /** Forgets every record older than the TTL (every few minutes from `run`, which always forgets its own scope's). */
  async prune(): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_records')
      .where('created_at', '<', sql<Date>`${new Date(this.now() - TTL_MS).toISOString()}::timestamptz`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
