/** The audit timeline of a project: every decision and every deadline event, who/when/what/why. */
import { z } from 'zod';
import { ZActor } from '../model/actor';

export const ZHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** `system` for events raised by time (deemed acceptance, expiry, cards). */
  actor: z.union([ZActor, z.object({ userId: z.literal('system'), role: z.literal('system') })]),
  type: z.string(),
  stageId: z.string().optional(),
  itemId: z.string().optional(),
  summary: z.string(),
  reason: z.string().optional(),
  /** The date a decision states it was signed (approveReview/rejectReview `signedOn`), when given: back-fill detection compares it with `at`. */
  signedOn: z.string().optional(),
});
export type THistoryEntry = z.infer<typeof ZHistoryEntry>;
export const SYSTEM = { userId: 'system', role: 'system' } as const;
