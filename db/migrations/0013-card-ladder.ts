/**
 * Issue 15. The read model's reviews under a card ladder: warnings, violation cards (yellow,
 * red), reminders (催办) and supervision orders (督办) counted for supervision, and the deadline
 * of the latest 督办 for the list of open ones. Zero and null on reviews without a ladder.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('project_reviews')
    .addColumn('warning_cards', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('violation_yellow_cards', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('violation_red_cards', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervision_orders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervision_deadline_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('project_reviews')
    .dropColumn('supervision_deadline_at')
    .dropColumn('supervision_orders')
    .dropColumn('reminders')
    .dropColumn('violation_red_cards')
    .dropColumn('violation_yellow_cards')
    .dropColumn('warning_cards')
    .execute();
}
