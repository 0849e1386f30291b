/** Quotas per enterprise (service/quotas.ts): each registration and upload counted, so every replica sees the same totals. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quota_usage')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('registration', 'upload')`))
    .addColumn('project_id', 'text')
    /** 1 per registration; bytes per upload. */
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quota_usage_enterprise').on('quota_usage').columns(['enterprise_id', 'kind', 'at']).execute();
  await db.schema.createIndex('quota_usage_project').on('quota_usage').columns(['project_id', 'kind', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('quota_usage').execute();
}
