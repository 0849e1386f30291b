/**
 * The service's own state, shared by every service replica and worker: the user directory,
 * failed logins (the throttle), idempotency records of commands, material file metadata (the
 * bytes stay on disk) and the keyed outbox of notifications and hand-overs.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './read-model';

/** jsonb: written as a JSON string (pg would send a JS array as a PostgreSQL array), read parsed. */
export type Json<T> = ColumnType<T, string, string>;

export interface UsersTable {
  /** As created; unique without regard to case (index on lower(username)). */
  username: string;
  display_name: string;
  role: string;
  department_id: string | null;
  enterprise_id: string | null;
  /** A department user who heads the department (approves art. 42(1) extensions); migration 0010. */
  leader: Generated<boolean>;
  /** A coordinator who approves for the local government head (art. 42(2)); migration 0010. */
  government_head: Generated<boolean>;
  /** The sign-off steps (handler, reviewer, approver) a department user may take; migration 0012. */
  signoff_roles: Generated<string[]>;
  /** `scrypt$N$r$p$salt$hash` (service/users/passwords.ts). */
  password_hash: string;
  /** Set when an administrator disables the account: refused at once, on every replica. */
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** rate-limiter-flexible's counters (service/auth/rate-limit.ts). */
export interface LoginThrottleTable {
  /** `account:<address>|<username>` or `address:<address>`. */
  key: string;
  points: number;
  /** When the key's window ends, ms since the epoch (bigint, read as a string). */
  expire: string | null;
}

export interface IdempotencyRecordsTable {
  /** `<username>|<projectId>|<Idempotency-Key>`. */
  scope: string;
  /** sha256 of the command: the same key with another body is refused. */
  fingerprint: string;
  status: 'pending' | 'done';
  /** The first answer, replayed to retries (null while pending). */
  result: Json<unknown> | null;
  created_at: Timestamp;
}

export interface MaterialFilesTable {
  id: string;
  project_id: string;
  stage_id: string;
  material_id: string;
  name: string;
  size: number;
  sha256: string;
  type: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface OutboxEntriesTable {
  /** Insertion order, for listing. */
  seq: Generated<string>;
  /** Which outbox: `notifications` or `supervision`. */
  outbox: string;
  /** The entry's own key: a retried activity finds it and adds nothing. */
  key: string;
  entry: Json<unknown>;
  created_at: Generated<Date>;
}

export interface ServiceStateTables {
  users: UsersTable;
  login_throttle: LoginThrottleTable;
  idempotency_records: IdempotencyRecordsTable;
  material_files: MaterialFilesTable;
  outbox_entries: OutboxEntriesTable;
}
