/**
 * 审管联动: when an approval is issued, its result goes at once to the supervising
 * department, which starts supervision (Shiyan, seed 002). An outbox the supervision side
 * reads; idempotent by key.
 */
import { z } from 'zod';
import type { KeyedOutbox } from './outbox';

export const ZHandover = z.object({
  key: z.string().min(1),
  result: z.object({
    resultId: z.string(),
    title: z.string(),
    itemId: z.string(),
    supervisingDepartmentId: z.string(),
    issuedAt: z.string(),
  }),
});
export type THandover = z.infer<typeof ZHandover>;

export type SupervisionOutbox = KeyedOutbox<THandover>;
