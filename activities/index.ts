/**
 * Activities: the only place with side effects. `createActivities(deps)` lets tests pass
 * typed fakes; workflows import only the `Activities` type.
 */
import { ApplicationFailure } from '@temporalio/common';
import { type NotificationOutbox, ZNotification } from './notifications';

export interface ActivityDeps {
  outbox: NotificationOutbox;
}

export function createActivities(deps: ActivityDeps) {
  return {
    async recordNotification(input: unknown): Promise<{ added: boolean }> {
      const parsed = ZNotification.safeParse(input);
      if (!parsed.success) {
        // A malformed notification will not get better on retry.
        throw ApplicationFailure.nonRetryable(`invalid notification: ${parsed.error.message}`, 'InvalidNotification');
      }
      return { added: await deps.outbox.put(parsed.data) };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
export { MemoryOutbox, type NotificationOutbox, type TNotification } from './notifications';
