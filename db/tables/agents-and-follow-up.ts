/** Delegations to agents (代办) and follow-up cases of bad ratings and complaints (migration 0014), with their notices (0018). */
import type { Generated } from 'kysely';
import type { Timestamp } from './read-model';
import type { Json } from './service-state';

export interface DelegationsTable {
  /** bigserial, read as text (ids in URLs). */
  id: Generated<string>;
  agent_username: string;
  enterprise_id: string;
  /** null: every project of the enterprise. */
  project_ids: string[] | null;
  /** Dates in Asia/Shanghai (YYYY-MM-DD), both days included. */
  valid_from: string;
  valid_to: string;
  recorded_by: string;
  recorded_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface FollowUpCasesTable {
  id: Generated<string>;
  kind: string;
  source_key: string;
  project_id: string;
  enterprise_id: string;
  department_id: string | null;
  stage_id: string | null;
  score: number | null;
  /** What the rating's comment or the complaint says. */
  subject: string;
  state: string;
  remedy: string | null;
  step_started_on: string;
  step_due_on: string | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  closed_in_time: boolean | null;
  events: Json<unknown[]>;
}

/** A reminder or card the follow-up sweep raised on one step of a case (migration 0018). */
export interface FollowUpNoticesTable {
  case_id: string;
  step_index: number;
  step: string;
  kind: 'reminder' | 'yellow' | 'red';
  due_on: string;
  raised_at: Timestamp;
}

export interface AgentAndFollowUpTables {
  delegations: DelegationsTable;
  follow_up_cases: FollowUpCasesTable;
  follow_up_notices: FollowUpNoticesTable;
}
