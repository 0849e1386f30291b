/** Legal documents and their numbering (migration 0007). */
import type { Generated } from 'kysely';
import type { Timestamp } from './read-model';

export interface DocumentsTable {
  /** A UUID, the download route's id. */
  id: string;
  /** The engine's effect key: one document per act and kind. */
  key: string;
  project_id: string;
  kind: string;
  title: string;
  /** 〔2026〕第00012号 */
  number: string;
  /** The issuing department's id, or `centre` for the project assistance centre. */
  issuer: string;
  year: number;
  serial: number;
  stage_id: string;
  item_id: string | null;
  issued_at: Timestamp;
  sha256: string;
  size: number;
  content: Buffer;
  created_at: Generated<Date>;
}

export interface DocumentNumbersTable {
  issuer: string;
  year: number;
  last: number;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_numbers: DocumentNumbersTable;
}
