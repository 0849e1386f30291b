/**
 * 告知承诺 credit records in PostgreSQL (migration 0008): the worker's activity writes one per
 * promise found false (idempotent by the effect's key, the enterprise's credit code taken from
 * the directory); the service reads them for the bar on promises and the coordinator clears them.
 */
import type { Selectable } from 'kysely';
import type { CreditRecordWriter, TCreditRecordEntry } from '../activities/credit-records';
import type { Db } from './connect';
import type { CreditRecordsTable } from './tables/credit-records';

/** A credit record as the API shows it. */
export interface TCreditRecord {
  id: string;
  enterpriseId: string;
  creditCode: string | null;
  projectId: string;
  projectCode: string | null;
  itemId: string;
  reason: string;
  recordedAt: string;
  clearedAt: string | null;
  clearedBy: string | null;
  clearReason: string | null;
}

const toRecord = (r: Selectable<CreditRecordsTable>): TCreditRecord => ({
  id: String(r.id),
  enterpriseId: r.enterprise_id,
  creditCode: r.credit_code,
  projectId: r.project_id,
  projectCode: r.project_code,
  itemId: r.item_id,
  reason: r.reason,
  recordedAt: new Date(r.recorded_at).toISOString(),
  clearedAt: r.cleared_at ? new Date(r.cleared_at).toISOString() : null,
  clearedBy: r.cleared_by,
  clearReason: r.clear_reason,
});

export class CreditRecordStore implements CreditRecordWriter {
  constructor(private readonly db: Db) {}

  /** Writes the record unless its effect was written before; returns whether it was added. */
  async put(entry: TCreditRecordEntry): Promise<boolean> {
    const listed = await this.db.selectFrom('enterprises').select('credit_code').where('id', '=', entry.enterpriseId).executeTakeFirst();
    const added = await this.db
      .insertInto('credit_records')
      .values({
        effect_key: entry.key,
        enterprise_id: entry.enterpriseId,
        credit_code: listed?.credit_code ?? null,
        project_id: entry.projectId,
        project_code: entry.projectCode ?? null,
        item_id: entry.itemId,
        reason: entry.reason,
        recorded_at: entry.at,
      })
      .onConflict((oc) => oc.column('effect_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return added !== undefined;
  }

  /** Every record as the activity wrote it (the outbox view, for tests and tools). */
  async list(): Promise<TCreditRecordEntry[]> {
    const rows = await this.db.selectFrom('credit_records').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      key: r.effect_key,
      enterpriseId: r.enterprise_id,
      projectId: r.project_id,
      ...(r.project_code !== null ? { projectCode: r.project_code } : {}),
      itemId: r.item_id,
      reason: r.reason,
      at: new Date(r.recorded_at).toISOString(),
    }));
  }

  /** Records, newest first: every enterprise's, or one enterprise's. */
  async records(scope: { enterpriseId?: string } = {}): Promise<TCreditRecord[]> {
    let q = this.db.selectFrom('credit_records').selectAll();
    if (scope.enterpriseId !== undefined) q = q.where('enterprise_id', '=', scope.enterpriseId);
    return (await q.orderBy('id', 'desc').limit(500).execute()).map(toRecord);
  }

  /** The enterprise's oldest uncleared record: it bars promise-based approval while it stands. */
  async uncleared(enterpriseId: string): Promise<TCreditRecord | undefined> {
    const row = await this.db
      .selectFrom('credit_records')
      .selectAll()
      .where('enterprise_id', '=', enterpriseId)
      .where('cleared_at', 'is', null)
      .orderBy('id')
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Clears a record; undefined when there is no such record, `already` when it was cleared before. */
  async clear(id: string, by: string, reason: string, at: Date): Promise<TCreditRecord | 'already' | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = await this.db
      .updateTable('credit_records')
      .set({ cleared_at: at, cleared_by: by, clear_reason: reason })
      .where('id', '=', id)
      .where('cleared_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row) return toRecord(row);
    const exists = await this.db.selectFrom('credit_records').select('id').where('id', '=', id).executeTakeFirst();
    return exists ? 'already' : undefined;
  }
}
