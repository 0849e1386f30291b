/**
 * A keyed outbox: what activities hand to the outside world (notifications, results for
 * supervision), idempotent by key so a retried activity never delivers twice. In memory for
 * workflow tests; in PostgreSQL (table `outbox_entries`) for the worker, so every worker
 * replica shares one outbox and nothing is lost on a restart.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import type { Db } from '../db/connect';

export interface KeyedOutbox<T extends { key: string }> {
  /** Adds the entry unless one with the same key exists; returns whether it was added. */
  put(entry: T): Promise<boolean>;
  list(): Promise<T[]>;
}

export class MemoryOutbox<T extends { key: string }> implements KeyedOutbox<T> {
  private readonly byKey = new Map<string, T>();
  async put(entry: T): Promise<boolean> {
    if (this.byKey.has(entry.key)) return false;
    this.byKey.set(entry.key, entry);
    return true;
  }
  async list(): Promise<T[]> {
    return [...this.byKey.values()];
  }
}

/** One named outbox in PostgreSQL: `insert … on conflict (outbox, key) do nothing`, so two workers retrying the same activity add it once. */
export class PgOutbox<T extends { key: string }> implements KeyedOutbox<T> {
  constructor(
    private readonly db: Db,
    /** `notifications` or `supervision`. */
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async put(entry: T): Promise<boolean> {
    const added = await this.db
      .insertInto('outbox_entries')
      .values({ outbox: this.name, key: entry.key, entry: JSON.stringify(entry) })
      .onConflict((oc) => oc.columns(['outbox', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    return added !== undefined;
  }

  /** Every entry, oldest first. */
  async list(): Promise<T[]> {
    const rows = await this.db.selectFrom('outbox_entries').select('entry').where('outbox', '=', this.name).orderBy('seq').execute();
    return rows.map((r) => this.schema.parse(r.entry));
  }
}

/** The file outbox of installs from before PostgreSQL (JSON lines); kept for reading old data. */
export class JsonlOutbox<T extends { key: string }> implements KeyedOutbox<T> {
  private keys: Set<string> | undefined;
  constructor(
    private readonly path: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async list(): Promise<T[]> {
    const text = await readFile(this.path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => this.schema.parse(JSON.parse(line)));
  }

  async put(entry: T): Promise<boolean> {
    this.keys ??= new Set((await this.list()).map((x) => x.key));
    if (this.keys.has(entry.key)) return false;
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify(entry) + '\n', 'utf8');
    this.keys.add(entry.key);
    return true;
  }
}

/** Copies every entry of `from` into `to` (keys already there are kept): a file outbox into PostgreSQL at start-up. */
export async function copyOutbox<T extends { key: string }>(from: KeyedOutbox<T>, to: KeyedOutbox<T>): Promise<number> {
  let added = 0;
  for (const entry of await from.list()) if (await to.put(entry)) added++;
  return added;
}
