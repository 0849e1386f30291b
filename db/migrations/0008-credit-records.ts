/**
 * 告知承诺 credit records (国办发〔2020〕42号): a promise found false, against the enterprise; an
 * uncleared one bars its promise-based approvals in every project. One row per workflow effect.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credit_records')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('effect_key', 'text', (c) => c.notNull().unique())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('project_code', 'text')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cleared_at', 'timestamptz')
    .addColumn('cleared_by', 'text')
    .addColumn('clear_reason', 'text')
    .execute();
  // The bar asks "has this enterprise an uncleared record?" on every signPromise and project page.
  await db.schema.createIndex('credit_records_uncleared').on('credit_records').column('enterprise_id').where(sql.ref('cleared_at'), 'is', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credit_records').execute();
}
