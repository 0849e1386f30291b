/**
 * The read model's tables: one row per project, review, commitment, result, rating and
 * inbox task, written by the project workflows (activities/read-model.ts) whenever a
 * project's state changes and read by every list, inbox and statistic. Temporal stays the
 * source of truth: `approvals read-model rebuild` writes every row again from the workflows.
 */
import type { ColumnType, Generated } from 'kysely';

/** timestamptz: read as a Date, written as an ISO string or a Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ProjectsTable {
  project_id: string;
  /** The workflow's publication counter: a row is replaced only by a higher one. */
  seq: ColumnType<string, number, number>;
  title: string;
  enterprise_id: string;
  /** 项目代码; null for a project registered without one. */
  project_code: ColumnType<string | null, string | null | undefined, string | null>;
  definition_id: string;
  /** The definition's version; null in rows published before it was kept (read as the newest). */
  definition_version: ColumnType<number | null, number | null | undefined, number | null>;
  stage_id: string;
  status: string;
  worst_card: string;
  /** 0 red, 1 yellow, 2 green: most urgent sorts first. */
  card_rank: number;
  next_due_at: Timestamp | null;
  registered_at: Timestamp;
  /** Every department with an item in the project (its list shows past projects too). */
  departments: string[];
  /** Departments with a review running now. */
  pending_departments: string[];
  updated_at: Generated<Date>;
}

export interface ProjectReviewsTable {
  project_id: string;
  item_id: string;
  stage_id: string;
  department_id: string;
  title: string;
  status: string;
  early: boolean;
  started_at: Timestamp | null;
  promised_due_at: Timestamp | null;
  legal_due_at: Timestamp | null;
  elapsed: number | null;
  remaining: number | null;
  card: string | null;
  paused: boolean;
  promised_limit: number;
  legal_limit: number;
  yellow_cards: number;
  red_cards: number;
  /** 送达 (art. 44): when the item's decision must reach the enterprise, and when it did; migration 0010. */
  delivery_due_at: Timestamp | null;
  delivered_at: Timestamp | null;
  /** Card ladder (issue 15, migration 0013): counts for supervision and the latest 督办's deadline; 0 and null without a ladder. */
  warning_cards: Generated<number>;
  violation_yellow_cards: Generated<number>;
  violation_red_cards: Generated<number>;
  reminders: Generated<number>;
  supervision_orders: Generated<number>;
  supervision_deadline_at: Timestamp | null;
}

export interface ProjectCommitmentsTable {
  project_id: string;
  item_id: string;
  material_id: string;
  department_id: string;
  status: string;
  due_at: Timestamp;
  consequence: string;
  expired_at: Timestamp | null;
}

export interface ProjectResultsTable {
  project_id: string;
  result_id: string;
  item_id: string;
  stage_id: string;
  title: string;
  issued_at: Timestamp | null;
}

export interface ProjectRatingsTable {
  project_id: string;
  stage_id: string;
  score: number;
  comment: string;
  rated_at: Timestamp;
  rated_by: string;
}

export interface ProjectTasksTable {
  project_id: string;
  /** `coordinator`, `department:<id>` or `enterprise:<id>`: whose inbox the task is in. */
  audience: string;
  position: number;
  kind: string;
  stage_id: string | null;
  item_id: string | null;
  material_id: string | null;
  title: string;
  status: string | null;
  /** As the engine wrote it (`…T24:00:00+08:00` for the end of a working day), for display. */
  due_at: string | null;
  /** The same instant, for sorting. */
  due_instant: Timestamp | null;
  remaining_workdays: number | null;
  card: string | null;
  card_rank: number;
  paused: boolean;
  actions: string[];
  /** Who in the department holds the task (a username); null in the pool. Migration 0012. */
  assignee: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Intermediary services (中介服务, migration 0021): counted apart from government time. */
export interface ProjectIntermediariesTable {
  project_id: string;
  service_id: string;
  stage_id: string;
  title: string;
  provider_name: string | null;
  selected_at: Timestamp | null;
  /** YYYY-MM-DD: the agreed delivery date. */
  delivery_on: string | null;
  delivered_at: Timestamp | null;
}

export interface ReadModelTables {
  projects: ProjectsTable;
  project_reviews: ProjectReviewsTable;
  project_commitments: ProjectCommitmentsTable;
  project_results: ProjectResultsTable;
  project_ratings: ProjectRatingsTable;
  project_tasks: ProjectTasksTable;
  project_intermediaries: ProjectIntermediariesTable;
}
