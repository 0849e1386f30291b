/** The read model: lists, inboxes and statistics (db/tables/read-model.ts). */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('project_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('definition_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('worst_card', 'text', (c) => c.notNull())
    .addColumn('card_rank', 'smallint', (c) => c.notNull())
    .addColumn('next_due_at', 'timestamptz')
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('departments', sql`text[]`, (c) => c.notNull())
    .addColumn('pending_departments', sql`text[]`, (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('projects_newest').on('projects').columns(['registered_at desc', 'project_id desc']).execute();
  await db.schema.createIndex('projects_enterprise').on('projects').columns(['enterprise_id', 'registered_at desc']).execute();
  await db.schema.createIndex('projects_status_stage').on('projects').columns(['status', 'stage_id']).execute();
  await db.schema.createIndex('projects_departments').on('projects').using('gin').column('departments').execute();
  await db.schema.createIndex('projects_pending').on('projects').using('gin').column('pending_departments').execute();

  const child = (name: string) =>
    db.schema.createTable(name).addColumn('project_id', 'text', (c) => c.notNull().references('projects.project_id').onDelete('cascade'));
  await child('project_reviews')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('early', 'boolean', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('promised_due_at', 'timestamptz')
    .addColumn('legal_due_at', 'timestamptz')
    .addColumn('elapsed', 'integer')
    .addColumn('remaining', 'integer')
    .addColumn('card', 'text')
    .addColumn('paused', 'boolean', (c) => c.notNull())
    .addColumn('promised_limit', 'integer', (c) => c.notNull())
    .addColumn('legal_limit', 'integer', (c) => c.notNull())
    .addColumn('yellow_cards', 'integer', (c) => c.notNull())
    .addColumn('red_cards', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_reviews_pk', ['project_id', 'item_id'])
    .execute();
  await db.schema.createIndex('project_reviews_department').on('project_reviews').column('department_id').execute();
  await child('project_commitments')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('material_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consequence', 'text', (c) => c.notNull())
    .addColumn('expired_at', 'timestamptz')
    .addPrimaryKeyConstraint('project_commitments_pk', ['project_id', 'item_id', 'material_id'])
    .execute();
  await child('project_results')
    .addColumn('result_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz')
    .addPrimaryKeyConstraint('project_results_pk', ['project_id', 'result_id'])
    .execute();
  await child('project_ratings')
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('rated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_ratings_pk', ['project_id', 'stage_id'])
    .execute();
  await db.schema.createIndex('project_ratings_score').on('project_ratings').column('score').execute();
  await child('project_tasks')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text')
    .addColumn('item_id', 'text')
    .addColumn('material_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('due_at', 'text')
    .addColumn('due_instant', 'timestamptz')
    .addColumn('remaining_workdays', 'integer')
    .addColumn('card', 'text')
    .addColumn('card_rank', 'smallint', (c) => c.notNull())
    .addColumn('paused', 'boolean', (c) => c.notNull())
    .addColumn('actions', sql`text[]`, (c) => c.notNull())
    .addPrimaryKeyConstraint('project_tasks_pk', ['project_id', 'audience', 'position'])
    .execute();
  await db.schema
    .createIndex('project_tasks_inbox')
    .on('project_tasks')
    .expression(sql`audience, card_rank, remaining_workdays nulls last, due_instant nulls last, project_id, position`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['project_tasks', 'project_ratings', 'project_results', 'project_commitments', 'project_reviews', 'projects']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
