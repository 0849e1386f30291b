/**
 * Who opened which material file when (`material_opens`): a department user's download is
 * recorded, so an approval given without opening any of the item's files shows in back-fill
 * detection (service/audit/backfill.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('material_opens')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('material_opens_project').on('material_opens').columns(['project_id', 'department_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('material_opens').execute();
}
