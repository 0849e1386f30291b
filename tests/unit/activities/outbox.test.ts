/** The worker's outbox in PostgreSQL: a retried activity (on any worker) adds its entry once; an old file outbox moves over once. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZNotification } from '../../../activities/notifications';
import { copyOutbox, JsonlOutbox, PgOutbox } from '../../../activities/outbox';
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

test('the JSON-lines outbox of an older install is copied once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  try {
    const lines = [
      { key: 'old-1', audience: 'coordinator', message: '旧通知' },
      { key: 'old-2', audience: 'enterprise', recipient: 'ent-a', message: '旧通知二' },
    ];
    writeFileSync(join(dir, 'notifications.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const target = new PgOutbox(t.db, 'copied', ZNotification);
    const file = new JsonlOutbox(join(dir, 'notifications.jsonl'), ZNotification);
    expect(await copyOutbox(file, target)).toBe(2);
    expect(await copyOutbox(file, target)).toBe(0);
    expect(await target.list()).toEqual(lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
