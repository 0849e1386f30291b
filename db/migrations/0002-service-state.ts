/** The service's own state: users, failed logins, idempotency records, material files, outbox (db/tables/service-state.ts). */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('coordinator', 'department', 'enterprise')`))
    .addColumn('department_id', 'text')
    .addColumn('enterprise_id', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The same rule as the user schema (service/users/store.ts), so no path can store a department without its id.
    .addCheckConstraint('users_department', sql`(role = 'department') = (department_id is not null)`)
    .addCheckConstraint('users_enterprise', sql`(role = 'enterprise') = (enterprise_id is not null)`)
    .execute();
  // Logins match usernames without regard to case, so two may not differ only in case.
  await db.schema
    .createIndex('users_username_ci')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key').on('login_failures').columns(['key', 'failed_at']).execute();
  await db.schema.createIndex('login_failures_age').on('login_failures').column('failed_at').execute();

  await db.schema
    .createTable('idempotency_records')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done')`))
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idempotency_records_age').on('idempotency_records').column('created_at').execute();

  await db.schema
    .createTable('material_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('material_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('material_files_project').on('material_files').columns(['project_id', 'uploaded_at', 'id']).execute();

  await db.schema
    .createTable('outbox_entries')
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('outbox', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('entry', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('outbox_entries_pk', ['outbox', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox_entries', 'material_files', 'idempotency_records', 'login_failures', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
