/** The worker's outbox in PostgreSQL: a retried activity (on any worker) adds its entry once. */
import { PgOutbox } from '../../../activities/outbox';
import { ZNotification } from '../../../activities/notifications';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase('outbox');
});
afterAll(() => t.drop());

test('two workers putting the same key add one entry; another outbox with the same key is separate', async () => {
  const workerA = new PgOutbox(t.db, 'notifications', ZNotification);
  const workerB = new PgOutbox(t.db, 'notifications', ZNotification);
  const entry = { key: 'p-1|intake|s1', audience: 'enterprise' as const, recipient: 'ent-a', message: '材料已受理' };
  const added = await Promise.all([workerA.put(entry), workerB.put(entry), workerA.put(entry)]);
  expect(added.filter(Boolean)).toHaveLength(1);
  await workerB.put({ key: 'p-1|intake|s2', audience: 'coordinator', message: '第二条' });
  expect(await workerA.list()).toEqual([entry, { key: 'p-1|intake|s2', audience: 'coordinator', message: '第二条' }]);
  expect(await new PgOutbox(t.db, 'supervision-test', ZNotification).put(entry)).toBe(true);
});
