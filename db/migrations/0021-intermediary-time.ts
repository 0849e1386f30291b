/**
 * Issue 16. The read model's intermediary services (中介服务): the chosen provider, the agreed
 * delivery date and when the deliverable came in, so supervision counts intermediary working
 * days apart from government days and lists late deliveries.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_intermediaries')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('provider_name', 'text')
    .addColumn('selected_at', 'timestamptz')
    // A calendar day (YYYY-MM-DD, Asia/Shanghai), kept as text like the calendar's.
    .addColumn('delivery_on', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addPrimaryKeyConstraint('project_intermediaries_pk', ['project_id', 'service_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_intermediaries').execute();
}
