/**
 * Issue 15 (item 6, follow-up): the reminders and cards the follow-up sweep raised on a case's
 * steps. One row per case, step and kind (the primary key), so a sweep run twice, or by two
 * service replicas at once, raises each once; a restart loses nothing, the next sweep catches up.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('follow_up_notices')
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('follow_up_cases.id').onDelete('cascade'))
    // Steps taken before this one (an appeal dismissed sends the case back to remedy: the same step name twice).
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reminder', 'yellow', 'red')`))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_up_notices_pk', ['case_id', 'step_index', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('follow_up_notices').execute();
}
