/**
 * A keyed outbox: what activities hand to the outside world (notifications, results for
 * supervision), idempotent by key so a retried activity never delivers twice. In memory for
 * tests; as JSON lines under data/ for the main job, so nothing is lost on a restart.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

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
