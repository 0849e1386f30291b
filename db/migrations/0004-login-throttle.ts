/**
 * Login throttle counters (service/auth/rate-limit.ts) in rate-limiter-flexible's Postgres
 * layout: one row per key with the points used and when its window ends (ms since the epoch).
 * They replace the row-per-failure table; every replica still counts in the same place.
 */
import type { Kysely } from 'kysely';

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

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key').on('login_failures').columns(['key', 'failed_at']).execute();
  await db.schema.createIndex('login_failures_age').on('login_failures').column('failed_at').execute();
  await db.schema.dropTable('login_throttle').execute();
}
