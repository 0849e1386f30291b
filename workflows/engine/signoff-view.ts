/** The open sign-off round of an item as the project view shows it (the sign-off dialog reads it). */
import { z } from 'zod';
import { stepDue } from '../machines/signoff.machine';
import type { TSignoffSnapshot } from './state';

export const ZSignoffView = z.object({
  status: z.enum(['drafting', 'signing', 'signed']),
  /** The step whose holder acts next. */
  due: z.string(),
  draft: z
    .union([
      z.object({ kind: z.literal('approve'), conditions: z.string().optional() }),
      z.object({ kind: z.literal('reject'), reason: z.string() }),
      z.object({ kind: z.literal('requestCorrection'), materials: z.array(z.string()), reason: z.string() }),
    ])
    .nullable(),
  signatures: z.array(z.object({ userId: z.string(), step: z.string(), at: z.string(), note: z.string().optional() })),
  sentBack: z.object({ userId: z.string(), step: z.string(), reason: z.string(), at: z.string() }).nullable(),
});
export type TSignoffView = z.infer<typeof ZSignoffView>;

export function signoffView(round: TSignoffSnapshot | undefined): { signoff?: TSignoffView } {
  if (!round) return {};
  const { draft, signatures, sentBack } = round.context;
  return { signoff: { status: round.value, due: stepDue(round.context), draft, signatures, sentBack } };
}
