/**
 * A department's inbox tabs (issue 15) against a real PostgreSQL: the read model row carries
 * who holds each task, so "mine", "my department's unassigned" and "assigned to others" are
 * one query each; a task held by a disabled account is back in the pool.
 */
import { ReadModelStore } from '../../../db/read-model/store';
import { readModelContent } from '../../../workflows/read-model/rows';
import { UserDirectory, userRow } from '../../../service/users/store';
import { signers } from '../../fixtures/signoff-spec';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';
import { at, inReview, run } from '../engine/engine-fixture';

let t: TestDatabase;
let store: ReadModelStore;
beforeAll(async () => {
  t = await testDatabase();
  store = new ReadModelStore(t.db);
  const user = (username: string) => ({ username, displayName: username, role: 'department' as const, departmentId: 'environment', passwordHash: 'scrypt$x' });
  await t.db
    .insertInto('users')
    .values([userRow(user('e-handler')), userRow(user('e-handler-2'))])
    .execute();
});
afterAll(() => t.drop());

const inbox = async (tab: 'mine' | 'unassigned' | 'others', userId: string) =>
  (await store.tasks('department:environment', 10, 0, { kind: tab, userId })).tasks.map((x) => [x.itemId, x.assignee ?? null]);

test('mine, unassigned and others; a disabled holder’s task is back in the pool', async () => {
  const e = inReview();
  await store.write({ seq: 1, ...readModelContent(e, at('2026-03-02')) });
  expect(await inbox('unassigned', 'e-handler')).toEqual([['eia', null]]);
  expect(await inbox('mine', 'e-handler')).toEqual([]);

  run(e, signers.handler, { type: 'claimTask', itemId: 'eia' }, at('2026-03-03'));
  await store.write({ seq: 2, ...readModelContent(e, at('2026-03-03')) });
  expect(await inbox('mine', 'e-handler')).toEqual([['eia', 'e-handler']]);
  expect(await inbox('others', 'e-handler-2')).toEqual([['eia', 'e-handler']]);
  expect(await inbox('unassigned', 'e-handler-2')).toEqual([]);
  // The coordinator's and the enterprise's inboxes carry no holder.
  expect((await store.tasks('coordinator', 10)).tasks.every((x) => x.assignee === undefined)).toBe(true);

  await new UserDirectory(t.db).disable('e-handler');
  expect(await inbox('mine', 'e-handler')).toEqual([]);
  expect(await inbox('unassigned', 'e-handler-2')).toEqual([['eia', 'e-handler']]);
  run(e, signers.otherHandler, { type: 'claimTask', itemId: 'eia', fromDisabled: 'e-handler' }, at('2026-03-04'));
  expect(e.snapshot().history.at(-1)!.summary).toBe('task of e-handler (account disabled) claimed by e-handler-2');
});
