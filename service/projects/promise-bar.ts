/**
 * The bar on promise-based approval (告知承诺制, 国办发〔2020〕42号): an enterprise with an
 * uncleared credit record may not sign a written promise in any project. The service checks it
 * before the workflow (the record lives in PostgreSQL, not in any one project's state) and leaves
 * `signPromise` out of the enterprise's actions while the record stands.
 */
import type { CreditRecordStore } from '../../db/credit-records';
import type { TAction } from '../../workflows/engine/view';
import type { TCommand } from '../../workflows/model/commands';
import { AppError } from '../errors';
import type { TPublicUser } from '../users/store';

/** @throws AppError CONFLICT (409) naming the record when the enterprise is barred from signing a promise */
export async function assertMayPromise(credit: CreditRecordStore, user: TPublicUser, command: TCommand): Promise<void> {
  if (command.type !== 'signPromise' || user.role !== 'enterprise') return;
  const record = await credit.uncleared(user.enterpriseId!);
  if (!record) return;
  throw new AppError(
    'CONFLICT',
    `promise-based approval is barred: credit record ${record.id} (project ${record.projectId}, item ${record.itemId}, ${record.recordedAt}: ${record.reason}) is not cleared; a coordinator clears it`,
    [{ path: 'type', message: `barred by credit record ${record.id}` }],
  );
}

/** The enterprise's actions without `signPromise` while a credit record bars it. */
export async function withoutBarredPromises(credit: CreditRecordStore, user: TPublicUser, actions: TAction[]): Promise<TAction[]> {
  if (user.role !== 'enterprise' || !actions.some((a) => a.type === 'signPromise')) return actions;
  return (await credit.uncleared(user.enterpriseId!)) ? actions.filter((a) => a.type !== 'signPromise') : actions;
}
