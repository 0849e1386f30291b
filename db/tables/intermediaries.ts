/** The intermediary directory (中介超市) and parks with their area-wide assessments (区域评估), migration 0016. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './read-model';
import type { Json } from './service-state';

export interface IntermediaryProvidersTable {
  /** bigserial, read as text (ids in URLs and commands). */
  id: Generated<string>;
  name: string;
  /** string[]: e.g. 工程设计甲级. */
  qualifications: Json<string[]>;
  /** string[]: the definition's service types (`eia-report`, `fire-design`, …). */
  service_types: Json<string[]>;
  contact: string | null;
  created_at: ColumnType<Date, never, never>;
  created_by: string;
}

export interface ParksTable {
  id: string;
  name: string;
  created_at: Generated<Timestamp>;
}

export interface ParkAssessmentsTable {
  id: Generated<string>;
  park_id: string;
  type: string;
  scope: string;
  /** YYYY-MM-DD, inclusive. */
  valid_from: string;
  valid_until: string;
  registered_at: Timestamp;
  registered_by: string;
}

export interface IntermediaryTables {
  intermediary_providers: IntermediaryProvidersTable;
  parks: ParksTable;
  park_assessments: ParkAssessmentsTable;
}
