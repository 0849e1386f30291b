/**
 * The product's PostgreSQL for the start scripts: a cluster of our own (db/postgres-server.ts)
 * with a password made on first start and kept next to it (mode 0600), stopped last through
 * the process group; the product's database created and migrated before any replica starts,
 * so concurrent replicas never race on the first migration.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateToLatest, openDatabase } from '../../db/connect';
import { ensureDatabase, type LocalPostgres, startLocalPostgres } from '../../db/postgres-server';
import type { ProcessGroup } from './processes';

export const PRODUCT_DATABASE = 'approvals';

/** The password kept in `file`, made (random, URL-safe) on first use. */
export function readOrCreatePassword(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const password = readFileSync(file, 'utf8').trim();
  if (password === '') throw new Error(`${file} is empty: delete it together with the cluster it belongs to, or write the cluster's password into it`);
  return password;
}

export interface OwnPostgresOptions {
  /** The cluster directory (created on first start; every folder above it must be searchable by others). */
  dataDir: string;
  port: number;
  passwordFile: string;
  /** fsync off: tests only. */
  throwaway?: boolean;
}

/** Starts the cluster and adds it to `group` (so it stops after everything started later). */
export async function startOwnPostgres(group: ProcessGroup, opts: OwnPostgresOptions): Promise<LocalPostgres> {
  const password = readOrCreatePassword(opts.passwordFile);
  const pg = await startLocalPostgres({ dataDir: opts.dataDir, port: opts.port, password, throwaway: opts.throwaway });
  group.add({ name: 'postgres', pid: pg.pid, stop: () => pg.stop() });
  return pg;
}

/** Creates (if needed) and migrates the product's database; returns its URL. */
export async function prepareProductDatabase(serverUrl: (database: string) => string): Promise<string> {
  await ensureDatabase(serverUrl('postgres'), PRODUCT_DATABASE);
  const url = serverUrl(PRODUCT_DATABASE);
  const db = openDatabase(url, { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return url;
}
