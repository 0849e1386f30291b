/**
 * The fault soak, short: a topology of its own (PostgreSQL, Temporal's server on it, two
 * workers, two replicas), whole projects through the API while processes are SIGKILLed at
 * random moments, then every decision, notification and file checked against what the
 * clients saw accepted (scripts/soak/). `npm run soak` is the long version (RELIABILITY.md).
 */
import { runSoak } from '../../scripts/soak/run';

test('whole projects survive random SIGKILLs of workers, replicas and Temporal: nothing lost, nothing doubled', async () => {
  const result = await runSoak({ projects: 1, kills: 5, concurrency: 1, killEveryMs: [2000, 4000], seed: 11, say: () => undefined });
  console.log(
    `[soak] ${JSON.stringify({ kills: result.kills, walks: result.walks, decisions: result.decisionsChecked, notifications: result.notificationsChecked, files: result.filesChecked, retries: result.retries, seconds: result.seconds })}`,
  );
  expect(result.kills.worker + result.kills.service + result.kills.temporal).toBeGreaterThanOrEqual(5);
  expect(result.walks).toBeGreaterThanOrEqual(1);
  expect(result.decisionsChecked).toBeGreaterThan(20);
  expect(result.anomalies).toEqual([]);
}, 900_000);
