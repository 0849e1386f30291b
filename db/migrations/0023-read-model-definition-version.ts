/**
 * The version of its process definition a project runs, on the read model's project row: the risk
 * list forecasts each project from its rows against that version's limits, not the newest one's
 * (a new default version — Wuhan v4's joint acceptance — has other stage budgets than v2's).
 * Rows published before the field have none (null): those are read against the newest version.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('definition_version', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('definition_version').execute();
}
