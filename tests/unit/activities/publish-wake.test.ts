/**
 * publishWake, the wake's local activity (issue 12): the rows a project workflow built are
 * written as they are (checked for the project and seq that keep the write idempotent, not parsed
 * field by field again); a batch without them is refused for good, not retried.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createActivities, MemoryOutbox, MemoryReadModel, type TNotification } from '../../../activities';
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import { readModelContent } from '../../../workflows/read-model/rows';
import { at, newProject } from '../engine/engine-fixture';

function setUp() {
  const readModel = new MemoryReadModel();
  const outbox = new MemoryOutbox<TNotification>();
  const activities = createActivities({
    outbox,
    supervision: new MemoryOutbox(),
    undelivered: new MemoryOutbox(),
    readModel,
    calendar: buildOfficialSnapshot,
    credit: new MemoryOutbox(),
  });
  return { activities, readModel, outbox };
}

test("a wake's rows are stored as the workflow built them, its notifications put once each", async () => {
  const { activities, readModel, outbox } = setUp();
  const engine = newProject();
  const rows = { seq: 1, ...readModelContent(engine, at('2026-03-02')) };
  const notification = { key: 'n1', audience: 'enterprise', message: 'submit the application' };
  expect(await activities.publishWake({ rows, notifications: [notification], handovers: [] })).toEqual({ written: true, added: 1 });
  expect(readModel.byProject.get(engine.raw.input.projectId)).toEqual(rows);
  // A retried batch writes nothing again.
  expect(await activities.publishWake({ rows, notifications: [notification], handovers: [] })).toEqual({ written: false, added: 0 });
  expect(await outbox.list()).toHaveLength(1);
});

test.each([
  ['without a seq', (rows: Record<string, unknown>) => ({ ...rows, seq: undefined })],
  ['without a project id', (rows: Record<string, unknown>) => ({ ...rows, project: {} })],
  ['without its tasks', (rows: Record<string, unknown>) => ({ ...rows, tasks: undefined })],
])('rows %s are refused for good (not retried) and nothing is written', async (_what, spoil) => {
  const { activities, readModel } = setUp();
  const rows = spoil({ seq: 1, ...readModelContent(newProject(), at('2026-03-02')) });
  const refused = await activities.publishWake({ rows, notifications: [], handovers: [] }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ApplicationFailure);
  expect((refused as ApplicationFailure).nonRetryable).toBe(true);
  expect(readModel.byProject.size).toBe(0);
});
