/**
 * Issue 16. The intermediary directory (中介超市, seed 001): providers with their qualifications
 * and the service types they offer, kept by coordinators. Parks and their area-wide assessments
 * (区域评估): a project located in a park has the matching materials satisfied at intake.
 * Validity dates are calendar days (YYYY-MM-DD, Asia/Shanghai), kept as text like the calendar's.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intermediary_providers')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('qualifications', 'jsonb', (c) => c.notNull())
    .addColumn('service_types', 'jsonb', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('parks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('park_assessments')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('park_id', 'text', (c) => c.notNull().references('parks.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('park_assessments_park').on('park_assessments').column('park_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('park_assessments').execute();
  await db.schema.dropTable('parks').execute();
  await db.schema.dropTable('intermediary_providers').execute();
}
