/**
 * Issue 14. Users: a department user may be its department's head (`leader`, who approves its
 * items' extensions, 行政许可法 art. 42(1)) and a coordinator may approve for the local
 * government head (`government_head`, art. 42(2)). The read model's reviews: the delivery of
 * each decision (送达, art. 44), due and done, for supervision's in-time / late / open counts.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('leader', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('government_head', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('project_reviews').addColumn('delivery_due_at', 'timestamptz').addColumn('delivered_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('project_reviews').dropColumn('delivered_at').dropColumn('delivery_due_at').execute();
  await db.schema.alterTable('users').dropColumn('government_head').dropColumn('leader').execute();
}
