/**
 * The enterprise directory (db/tables/enterprise-directory.ts). Ids already carried by projects
 * and users are kept as they are; an install from before has no entries, so a coordinator adds
 * its enterprises (or they ask to be listed) before they register projects again.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('contacts', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'confirmed')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    // Confirmed exactly when someone confirmed it, as the store's schema says.
    .addCheckConstraint('enterprises_confirmed', sql`(status = 'confirmed') = (confirmed_at is not null and confirmed_by is not null)`)
    .execute();
  // The coordinator's list: by status, then by name.
  await db.schema.createIndex('enterprises_status_name').on('enterprises').columns(['status', 'name']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('enterprises').execute();
}
