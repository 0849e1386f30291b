/**
 * A delegation (代办委托): an enterprise lets an agent act for it, on all its projects or on
 * listed ones, from one date to another (both included, Asia/Shanghai), until revoked. The one
 * rule of what it covers is here; the store (store.ts) reads it fresh on every request.
 */
import { z } from '@hono/zod-openapi';
import { readableText } from '../../definitions/text';

const ZDate = z.iso.date();

export const ZDelegationDraft = z
  .object({
    agentUsername: readableText().min(1).max(64),
    enterpriseId: readableText().min(1).max(64),
    /** Absent: every project of the enterprise, present and future. */
    projectIds: z.array(readableText().min(1).max(200)).min(1).max(200).optional(),
    validFrom: ZDate,
    validTo: ZDate,
  })
  .strict()
  .refine((d) => d.validFrom <= d.validTo, { message: 'validTo is on or after validFrom', path: ['validTo'] })
  .openapi('DelegationDraft');
export type TDelegationDraft = z.infer<typeof ZDelegationDraft>;

export const ZDelegation = z
  .object({
    id: z.string(),
    agentUsername: z.string(),
    enterpriseId: z.string(),
    projectIds: z.array(z.string()).optional(),
    validFrom: ZDate,
    validTo: ZDate,
    recordedBy: z.string(),
    recordedAt: z.string(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
  })
  .openapi('Delegation');
export type TDelegation = z.infer<typeof ZDelegation>;

/** Whether the delegation is in force on `today` (YYYY-MM-DD in Asia/Shanghai): within its dates and not revoked. */
export function inForce(d: TDelegation, today: string): boolean {
  return d.revokedAt === undefined && d.validFrom <= today && today <= d.validTo;
}

/** Whether the delegation lets its agent act on this project of this enterprise today. */
export function covers(d: TDelegation, project: { enterpriseId: string; projectId: string }, today: string): boolean {
  return inForce(d, today) && d.enterpriseId === project.enterpriseId && (d.projectIds === undefined || d.projectIds.includes(project.projectId));
}
