/** 告知承诺 credit records against enterprises (migration 0008): written by the worker, cleared by a coordinator. */
import type { Generated } from 'kysely';
import type { Timestamp } from './read-model';

export interface CreditRecordsTable {
  /** bigserial, read as text (ids in URLs). */
  id: Generated<string>;
  /** The workflow effect's key: a retried activity writes one row. */
  effect_key: string;
  enterprise_id: string;
  /** 统一社会信用代码 from the enterprise directory when the record was written; null when the enterprise is not listed. */
  credit_code: string | null;
  project_id: string;
  project_code: string | null;
  item_id: string;
  reason: string;
  recorded_at: Timestamp;
  cleared_at: Timestamp | null;
  cleared_by: string | null;
  clear_reason: string | null;
}

export interface CreditRecordTables {
  credit_records: CreditRecordsTable;
}
