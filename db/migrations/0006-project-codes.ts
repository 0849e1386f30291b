/**
 * 项目代码 (GB/T 40058-2021): each code registers one project (`project_codes`, taken at
 * registration, so two registrations of one code cannot both pass), and the read model's
 * project row carries it for lists and search. Projects from before have no code (null).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('projects').addColumn('project_code', 'text').execute();
  await db.schema.createIndex('projects_project_code').on('projects').column('project_code').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('projects_project_code').execute();
  await db.schema.alterTable('projects').dropColumn('project_code').execute();
  await db.schema.dropTable('project_codes').execute();
}
