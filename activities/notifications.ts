/**
 * Notifications to coordinators, departments and enterprises. Delivered through an outbox
 * that real channels (SMS, the government-service platform) read later. Idempotent by key:
 * a retried activity never notifies twice.
 */
import { z } from 'zod';

export const ZNotification = z.object({
  key: z.string().min(1),
  audience: z.enum(['coordinator', 'department', 'enterprise', 'supervision']),
  recipient: z.string().optional(),
  message: z.string().min(1),
});
export type TNotification = z.infer<typeof ZNotification>;

export interface NotificationOutbox {
  /** Adds the notification unless one with the same key exists; returns whether it was added. */
  put(notification: TNotification): Promise<boolean>;
  list(): Promise<TNotification[]>;
}

export class MemoryOutbox implements NotificationOutbox {
  private readonly byKey = new Map<string, TNotification>();
  async put(n: TNotification): Promise<boolean> {
    if (this.byKey.has(n.key)) return false;
    this.byKey.set(n.key, n);
    return true;
  }
  async list(): Promise<TNotification[]> {
    return [...this.byKey.values()];
  }
}
