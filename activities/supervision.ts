/**
 * 审管联动: when an approval is issued, its result goes at once to the supervising
 * department, which starts supervision (Shiyan, seed 002). An outbox the supervision side
 * reads; idempotent by key.
 */
import { z } from 'zod';

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

export interface SupervisionOutbox {
  put(handover: THandover): Promise<boolean>;
  list(): Promise<THandover[]>;
}

export class MemorySupervisionOutbox implements SupervisionOutbox {
  private readonly byKey = new Map<string, THandover>();
  async put(h: THandover): Promise<boolean> {
    if (this.byKey.has(h.key)) return false;
    this.byKey.set(h.key, h);
    return true;
  }
  async list(): Promise<THandover[]> {
    return [...this.byKey.values()];
  }
}
