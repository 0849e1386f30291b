/**
 * The dead-letter list: what the workflow's `recordUndelivered` activity writes to PostgreSQL
 * (once per key, however often retried) a coordinator reads at GET /api/supervision/undelivered.
 */
import { createActivities, MemoryOutbox, MemoryReadModel } from '../../../activities';
import { PgOutbox } from '../../../activities/outbox';
import { ZUndelivered } from '../../../activities/undelivered';
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import { call, login, testApp, testDb } from '../../helpers/service';

test('an effect that could not be delivered is listed once for coordinators, and only for them', async () => {
  const db = await testDb();
  const activities = createActivities({
    outbox: new MemoryOutbox(),
    supervision: new MemoryOutbox(),
    calendar: buildOfficialSnapshot,
    readModel: new MemoryReadModel(),
    undelivered: new PgOutbox(db, 'undelivered', ZUndelivered),
    credit: new MemoryOutbox(),
  });
  const entry = {
    key: 'p-dead:notify:3',
    projectId: 'p-dead',
    kind: 'notify',
    effect: { kind: 'notify', key: 'p-dead:notify:3', audience: 'coordinator', message: 'red card on eia' },
    error: 'SMS gateway unreachable',
    failedAt: '2026-11-30T02:00:00.000Z',
  };
  expect(await activities.recordUndelivered(entry)).toEqual({ added: true });
  // The activity retried (or a second worker) adds nothing.
  expect(await activities.recordUndelivered(entry)).toEqual({ added: false });

  const app = await testApp();
  const res = await call(app, 'GET', '/api/supervision/undelivered', { token: await login(app, 'coordinator') });
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(1);
  expect(res.body.entries).toEqual([entry]);
  const dept = await call(app, 'GET', '/api/supervision/undelivered', { token: await login(app, 'dept-ecology-environment') });
  expect(dept.status).toBe(403);
  expect((await call(app, 'GET', '/api/supervision/undelivered', {})).status).toBe(401);
});
