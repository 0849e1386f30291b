/**
 * An act recorded between 00:00 and 08:00 Beijing time belongs to that Beijing day, inside the
 * workflow as in the service: its limits count from the day after it, on the official calendar.
 * (The workflow sandbox replaces the global `Date`, and a `TZDate` there read its zone's fields
 * as UTC: an intake accepted at 00:30 was dated the day before and every due date came a working
 * day early.)
 */
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { startProject } from '../../client/projects';
import { acceptPreparation, smallProjectInput } from '../fixtures/small-spec';
import { serverNow, withTimeSkippingServer } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

const cal = new WorkingCalendar(buildOfficialSnapshot());
const HOUR = 3_600_000;

test('an intake accepted at 00:30 Beijing time starts its reviews that Beijing day, and their due dates count from it', async () => {
  await withTimeSkippingServer(async (env) => {
    const { worker, taskQueue } = await testWorker(env);
    await worker.runUntil(async () => {
      // To 00:30 Beijing time (16:30 UTC) of a day whose Beijing date differs from its UTC one.
      const now = Number(await env.currentTimeMs());
      const next = Math.ceil((now - 16.5 * HOUR) / (24 * HOUR)) * 24 * HOUR + 16.5 * HOUR + 24 * HOUR;
      await env.sleep(next - now);
      const at = await serverNow(env);
      const beijingDay = cal.dateOf(at);
      expect(beijingDay).not.toBe(at.slice(0, 10));

      const project = { ...smallProjectInput('night', '夜间受理'), registeredAt: at };
      await startProject(env.client, taskQueue, project);
      const accepted = await acceptPreparation(env.client, project.projectId);
      const land = accepted.reviews.find((r) => r.itemId === 'land-planning')!;
      expect(cal.dateOf(land.startedAt!)).toBe(beijingDay);
      expect(land.clock!.promisedDueAt).toBe(cal.dueInstant(beijingDay, 10));
      expect(land.clock!.legalDueAt).toBe(cal.dueInstant(beijingDay, 20));
    });
  });
});
