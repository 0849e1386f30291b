/**
 * Issue 15. Users: the sign-off steps (承办/审核/批准) a department user may take on items
 * with a chain (`signoff_roles`, empty for everyone before). The read model's inbox tasks:
 * who in the department holds each (`assignee`), so the inbox filters mine / pool / others in SQL.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('signoff_roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await db.schema.alterTable('project_tasks').addColumn('assignee', 'text').execute();
  await db.schema.createIndex('project_tasks_audience_assignee').on('project_tasks').columns(['audience', 'assignee']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('project_tasks_audience_assignee').execute();
  await db.schema.alterTable('project_tasks').dropColumn('assignee').execute();
  await db.schema.alterTable('users').dropColumn('signoff_roles').execute();
}
