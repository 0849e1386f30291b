/**
 * Issue 15 (items 5 and 6). Agents (代办): a user of the new role `agent`, and the delegations
 * a coordinator records (an enterprise, all or listed projects, from–to dates, revocable).
 * Follow-up cases: a bad rating (1–2 of 5) or a complaint (投诉), followed up step by step;
 * each case keeps its statechart's state and its step's due date, and outlives its project.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('coordinator', 'department', 'enterprise', 'agent'))`.execute(db);
  await db.schema
    .createTable('delegations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('agent_username', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    // null: every project of the enterprise, present and future.
    .addColumn('project_ids', sql`text[]`)
    // Dates as ISO text (YYYY-MM-DD, Asia/Shanghai): compared as strings, never shifted by a time zone on the way.
    .addColumn('valid_from', 'text', (c) => c.notNull().check(sql`valid_from ~ '^\\d{4}-\\d{2}-\\d{2}$'`))
    .addColumn('valid_to', 'text', (c) => c.notNull().check(sql`valid_to ~ '^\\d{4}-\\d{2}-\\d{2}$'`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .addCheckConstraint('delegations_dates', sql`valid_from <= valid_to`)
    .execute();
  await db.schema.createIndex('delegations_agent').on('delegations').columns(['agent_username', 'enterprise_id']).execute();
  await db.schema
    .createTable('follow_up_cases')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('rating', 'complaint')`))
    // A rating's case is opened once per rated stage (a retried request opens none again).
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text')
    .addColumn('stage_id', 'text')
    .addColumn('score', 'integer')
    .addColumn('subject', 'text', (c) => c.notNull())
    // The statechart's snapshot (service/follow-up/case.machine.ts): its state, and the remedy chosen.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('remedy', 'text')
    .addColumn('step_started_on', 'text', (c) => c.notNull())
    .addColumn('step_due_on', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_in_time', 'boolean')
    .addColumn('events', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.createIndex('follow_up_cases_enterprise').on('follow_up_cases').column('enterprise_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('follow_up_cases').execute();
  await db.schema.dropTable('delegations').execute();
  await sql`delete from users where role = 'agent'`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('coordinator', 'department', 'enterprise'))`.execute(db);
}
