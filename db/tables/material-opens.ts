/** A department user's opening of a material file (migration 0009), read by back-fill detection. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './read-model';

export interface MaterialOpensTable {
  id: Generated<ColumnType<string, never, never>>;
  project_id: string;
  file_id: string;
  department_id: string;
  /** The user's name. */
  opened_by: string;
  opened_at: Timestamp;
}

export interface MaterialOpenTables {
  material_opens: MaterialOpensTable;
}
