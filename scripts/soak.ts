/**
 * `npm run soak [-- --projects N --kills K --concurrency C --every MIN-MAX --seed S]`: whole
 * projects through the API while workers, service replicas and Temporal's server are killed
 * (SIGKILL) at random moments, then every history, notification and file checked against
 * what the clients saw accepted (scripts/soak/). Prints the figures RELIABILITY.md records;
 * exits 1 on any anomaly.
 */
import { runSoak } from './soak/run';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) {
    console.error(`soak: --${name} must be a whole number`);
    process.exit(2);
  }
  return value;
}

const every = (() => {
  const i = process.argv.indexOf('--every');
  const [min, max] = (i >= 0 ? process.argv[i + 1]! : '1500-4000').split('-').map(Number);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min! < 100 || max! < min!) {
    console.error('soak: --every MIN-MAX in milliseconds, e.g. 1500-4000');
    process.exit(2);
  }
  return [min!, max!] as [number, number];
})();

const onStop = (stop: () => Promise<void>) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`soak: ${signal}: stopping every process it started`);
      void stop().finally(() => process.exit(130));
    });
  }
};

runSoak({
  projects: arg('projects', 10),
  kills: arg('kills', 100),
  concurrency: arg('concurrency', 4),
  killEveryMs: every,
  seed: arg('seed', Date.now() % 1_000_000),
  onStop,
})
  .then((r) => {
    console.log('\n| figure | value |\n|---|---|');
    for (const [k, v] of Object.entries({
      'kills (worker / service / Temporal server)': `${r.kills.worker + r.kills.service + r.kills.temporal} (${r.kills.worker} / ${r.kills.service} / ${r.kills.temporal})`,
      'processes that exited by themselves and were restarted': r.crashRestarts,
      'projects walked to the end': r.walks,
      'decisions checked': r.decisionsChecked,
      'notifications checked': r.notificationsChecked,
      'files checked': r.filesChecked,
      'requests (retried)': `${r.requests} (${r.retries})`,
      anomalies: r.anomalies.length,
      'wall time': `${r.seconds} s`,
    }))
      console.log(`| ${k} | ${v} |`);
    for (const a of r.anomalies) console.log(`anomaly: ${a}`);
    process.exit(r.anomalies.length === 0 ? 0 : 1);
  })
  .catch((err: unknown) => {
    console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
