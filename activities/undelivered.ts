/**
 * The dead-letter list: a notification or hand-over whose delivery still failed after its
 * bounded retries. The workflow writes it here (retried until the database takes it, off the
 * deadline path) so a coordinator sees what never went out; keyed by the effect's key, so a
 * retried write adds it once. In PostgreSQL it is the `undelivered` outbox of `outbox_entries`.
 */
import { z } from 'zod';
import type { KeyedOutbox } from './outbox';

export const ZUndelivered = z.object({
  /** The effect's own key (`<projectId>:notify:<n>`, `<projectId>:handover:<resultId>`). */
  key: z.string().min(1),
  projectId: z.string().min(1),
  kind: z.enum(['notify', 'handover', 'document', 'creditRecord']),
  /** The effect as the engine produced it, so it can be delivered by hand or again. */
  effect: z.record(z.string(), z.unknown()),
  /** The last failure's message. */
  error: z.string(),
  failedAt: z.string(),
});
export type TUndelivered = z.infer<typeof ZUndelivered>;

export type UndeliveredList = KeyedOutbox<TUndelivered>;
