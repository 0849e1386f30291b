/**
 * Login throttle counters (service/auth/rate-limit.ts) in rate-limiter-flexible's Postgres
 * layout: one row per key with the points used and when its window ends (ms since the epoch).
 * They replace the row-per-failure table; every replica still counts in the same place.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  // Its expired rows are swept by the limiter (`expire < now - 1 h`).
  await db.schema.createIndex('login_throttle_expire').on('login_throttle').column('expire').execute();
  await db.schema.dropTable('login_failures').execute();
}

/** Back to 0002's table, empty: a counter outlives no window (15 min), so nothing worth keeping is lost. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await sql`create table login_failures (id bigserial primary key, key text not null, failed_at timestamptz not null)`.execute(db);
  await sql`create index login_failures_key on login_failures (key, failed_at)`.execute(db);
  await sql`create index login_failures_age on login_failures (failed_at)`.execute(db);
}
