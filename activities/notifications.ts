/**
 * Notifications to coordinators, departments and enterprises, delivered through an outbox
 * that real channels (SMS, the government-service platform) read later.
 */
import { z } from 'zod';
import type { KeyedOutbox } from './outbox';

export const ZNotification = z.object({
  key: z.string().min(1),
  audience: z.enum(['coordinator', 'department', 'enterprise', 'supervision']),
  recipient: z.string().optional(),
  message: z.string().min(1),
});
export type TNotification = z.infer<typeof ZNotification>;
export type NotificationOutbox = KeyedOutbox<TNotification>;
