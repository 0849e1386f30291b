/**
 * Real PostgreSQL for tests: the suite's global setup starts one throwaway cluster (a temp
 * directory, a free port, fsync off) and every test file that needs the database takes a
 * database of its own from it (`testDatabase()`), migrated and dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, migrateToLatest, openDatabase } from '../../db/connect';
import { dropDatabase, ensureDatabase, type LocalPostgres, startLocalPostgres } from '../../db/postgres-server';

export const TEST_PG_ENV = 'APPROVALS_TEST_PG_URL';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the suite's cluster; `url` names its `postgres` database, for creating others. */
export async function startTestPostgres(): Promise<{ server: LocalPostgres; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'approvals-pg-'));
  chmodSync(dir, 0o711); // the postgres user must reach the cluster inside
  const server = await startLocalPostgres({ dataDir: join(dir, 'data'), port: await freePort(), throwaway: true });
  return { server, url: server.url('postgres'), dir };
}

export async function stopTestPostgres(pg: { server: LocalPostgres; dir: string } | undefined): Promise<void> {
  if (!pg) return;
  await pg.server.stop();
  rmSync(pg.dir, { recursive: true, force: true });
}

/** The URL of `database` on the suite's cluster. */
export function testDatabaseUrl(database: string): string {
  const server = process.env[TEST_PG_ENV];
  if (!server) throw new Error(`${TEST_PG_ENV} is not set: run through jest (the global setup starts PostgreSQL)`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file. */
export async function testDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(process.env[TEST_PG_ENV] ?? testDatabaseUrl('postgres'), name);
  const url = testDatabaseUrl(name);
  const db = openDatabase(url, { max: 4 });
  await migrateToLatest(db);
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy();
      await dropDatabase(process.env[TEST_PG_ENV]!, name);
    },
  };
}
