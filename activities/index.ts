/**
 * Activities: the only place with side effects. `createActivities(deps)` lets tests pass
 * typed fakes; workflows import only the `Activities` type.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { TCalendarSnapshot } from '../definitions/calendar/snapshot';
import { ZDocumentFacts } from '../definitions/documents/kinds';
import type { DocumentArchive } from './documents/archive';
import { type CreditRecordWriter, ZCreditRecordEntry } from './credit-records';
import { type NotificationOutbox, ZNotification } from './notifications';
import { type SupervisionOutbox, ZHandover } from './supervision';
import type { ReadModelWriter } from './read-model';
import { type UndeliveredList, ZUndelivered } from './undelivered';
import { type TReadModelRows, ZReadModelRows } from '../workflows/read-model/rows';
import { z } from 'zod';

/**
 * A wake's rows, checked for what keeps the write idempotent (the project and the seq) only. The
 * local activity takes them from the project workflow in this worker, built by the typed
 * read-model code (workflows/read-model/rows.ts) and passed within this process; parsing every
 * field and instant again was most of the activity's own CPU (issue 12). The one-by-one fallback,
 * `publishProjectRows`, still parses them in full.
 */
const ZWakeRows = z.custom<TReadModelRows>((v) => {
  const rows = v as Partial<TReadModelRows> | null;
  return (
    typeof rows === 'object' &&
    rows !== null &&
    Number.isInteger(rows.seq) &&
    typeof rows.project?.projectId === 'string' &&
    [rows.reviews, rows.commitments, rows.results, rows.ratings, rows.tasks].every(Array.isArray)
  );
}, 'expected read-model rows');

/**
 * Everything one wake of a project produced (issue 12): its new read-model rows, if they
 * changed, and the effects it queued. One activity call instead of one per effect and one for
 * the rows, so a decision adds one history event for its side effects, not a dozen.
 */
export const ZWake = z.object({
  rows: ZWakeRows.optional(),
  notifications: z.array(ZNotification),
  handovers: z.array(ZHandover),
  /** Legal documents of the wake's acts (issue 14), rendered and stored once each by key. */
  documents: z.array(ZDocumentFacts).optional(),
  /** 告知承诺 credit records; absent when the wake wrote none (so batches of projects without promises are as before). */
  creditRecords: z.array(ZCreditRecordEntry).optional(),
});
export type TWake = z.infer<typeof ZWake>;

export interface ActivityDeps {
  outbox: NotificationOutbox;
  supervision: SupervisionOutbox;
  /** The calendar in force now (official data plus loaded notices and local overrides). */
  calendar: () => TCalendarSnapshot;
  /** The read model every list, inbox and statistic reads (PostgreSQL). */
  readModel: ReadModelWriter;
  /** The dead-letter list: effects whose delivery failed after their bounded retries. */
  undelivered: UndeliveredList;
  /** Legal documents (PostgreSQL); without it (workflow tests' fakes) documents are not kept. */
  documents?: Pick<DocumentArchive, 'issue'>;
  /** 告知承诺 credit records against enterprises (PostgreSQL table `credit_records`). */
  credit: CreditRecordWriter;
}

function parsed<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
  input: unknown,
  what: string,
): T {
  const result = schema.safeParse(input);
  // Malformed input will not get better on retry.
  if (!result.success) throw ApplicationFailure.nonRetryable(`invalid ${what}: ${result.error.message}`, 'InvalidActivityInput');
  return result.data;
}

export function createActivities(deps: ActivityDeps) {
  const issueInTurn = async (documents: z.infer<typeof ZDocumentFacts>[]) => {
    const stored = [];
    for (const d of documents) if (deps.documents) stored.push(await deps.documents.issue(d));
    return stored;
  };
  return {
    /** Notifies a coordinator, department or enterprise; a repeated key is a no-op. */
    async recordNotification(input: unknown): Promise<{ added: boolean }> {
      return { added: await deps.outbox.put(parsed(ZNotification, input, 'notification')) };
    },
    /** Hands an issued result to its supervising department (审管联动); a repeated key is a no-op. */
    async handOverResult(input: unknown): Promise<{ added: boolean }> {
      return { added: await deps.supervision.put(parsed(ZHandover, input, 'hand-over')) };
    },
    /** Writes a 告知承诺 credit record against the enterprise (a promise found false); a repeated key is a no-op. */
    async writeCreditRecord(input: unknown): Promise<{ added: boolean }> {
      return { added: await deps.credit.put(parsed(ZCreditRecordEntry, input, 'credit record')) };
    },
    /** Puts an effect that could not be delivered on the dead-letter list a coordinator sees; a repeated key is a no-op. */
    async recordUndelivered(input: unknown): Promise<{ added: boolean }> {
      return { added: await deps.undelivered.put(parsed(ZUndelivered, input, 'undelivered effect')) };
    },
    /** Replaces the project's read-model rows unless newer ones are stored (idempotent by seq). */
    async publishProjectRows(input: unknown): Promise<{ written: boolean }> {
      return { written: await deps.readModel.write(parsed(ZReadModelRows, input, 'read-model rows')) };
    },
    /**
     * A wake's rows and effects at once. Each part is idempotent on its own (rows by seq, effects
     * by key), so a retry, or the workflow falling back to the one-by-one activities after a
     * failure, never applies anything twice.
     */
    async publishWake(input: unknown): Promise<{ written: boolean; added: number }> {
      const wake = parsed(ZWake, input, 'wake');
      const [written, notified, handed, credited] = await Promise.all([
        wake.rows ? deps.readModel.write(wake.rows) : Promise.resolve(false),
        Promise.all(wake.notifications.map((n) => deps.outbox.put(n))),
        Promise.all(wake.handovers.map((h) => deps.supervision.put(h))),
        Promise.all((wake.creditRecords ?? []).map((c) => deps.credit.put(c))),
        // One at a time: each holds its issuing body's number row while it renders.
        issueInTurn(wake.documents ?? []),
      ]);
      return { written, added: [...notified, ...handed, ...credited].filter(Boolean).length };
    },
    /** One legal document, when a wake batch fell back to one activity per effect; a repeated key returns the stored one. */
    async issueDocument(input: unknown): Promise<{ id: string | null }> {
      const [stored] = await issueInTurn([parsed(ZDocumentFacts, input, 'document')]);
      return { id: stored?.id ?? null };
    },
    /** The calendar snapshot in force now; recorded in history, so replay never changes a past deadline. */
    async currentCalendar(): Promise<TCalendarSnapshot> {
      return deps.calendar();
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
export { type NotificationOutbox, type TNotification } from './notifications';
export { MemoryOutbox, type KeyedOutbox } from './outbox';
export { type SupervisionOutbox, type THandover } from './supervision';
export { type CreditRecordWriter, type TCreditRecordEntry, ZCreditRecordEntry } from './credit-records';
export { MemoryReadModel, type ReadModelWriter } from './read-model';
export { type TUndelivered, type UndeliveredList, ZUndelivered } from './undelivered';
