/**
 * One soak run: the production topology (scripts/cluster: PostgreSQL, Temporal's own server
 * on it, two workers, two service replicas) in a temporary directory on free ports; walkers
 * driving whole projects through the API while the chaos kills processes; then, with
 * everything running again and the outbox quiet, the checks. Everything started is stopped
 * by PID at the end, also when the run fails.
 */
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../db/connect';
import { freeLowPorts } from '../cluster/ports';
import { ProcessGroup } from '../cluster/processes';
import { provisionTestAccounts } from '../cluster/test-accounts';
import { startCluster } from '../cluster/topology';
import { Chaos, type TKillKind } from './chaos';
import { checkSoak, type TSoakFindings } from './check';
import { SoakDriver } from './driver';
import { seededRandom } from '../../workflows/forecast/random';

const ROOT = join(__dirname, '..', '..');
const ENTERPRISE = { id: 'ent-soak', name: '浸泡测试企业' };

export interface SoakOptions {
  /** Walks to complete at least. */
  projects: number;
  /** Kills to make at least (more projects are walked until both are reached). */
  kills: number;
  /** Walks at the same time. */
  concurrency: number;
  /** Time between kills, at random in this range. */
  killEveryMs: [number, number];
  seed?: number;
  say?: (line: string) => void;
  /** Receives a function that stops everything the run started (for Ctrl-C in the CLI). */
  onStop?: (stop: () => Promise<void>) => void;
}

export interface TSoakResult extends TSoakFindings {
  kills: Record<TKillKind, number>;
  /** Children that exited by themselves (not killed) and were started again. */
  crashRestarts: number;
  requests: number;
  retries: number;
  walks: number;
  seconds: number;
  logFile: string;
}

export async function runSoak(o: SoakOptions): Promise<TSoakResult> {
  const say = o.say ?? ((line: string) => console.log(`[soak] ${line}`));
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'approvals-soak-'));
  chmodSync(dir, 0o711); // the postgres user must reach the cluster inside
  const logFile = join(dir, 'soak.log');
  const log = createWriteStream(logFile);
  // As an orchestrator would, a child that dies by itself (e.g. a worker started while Temporal's
  // server is down gives up) is started again; the chaos's own kills it restarts itself.
  let crashRestarts = 0;
  const group = new ProcessGroup({
    cwd: ROOT,
    log: (name, line) => log.write(`[${name}] ${line}\n`),
    graceMs: 5000,
    restart: { initialDelayMs: 500, maxDelayMs: 5000, resetAfterMs: 30_000 },
    onRestart: (child, code, signal) => {
      crashRestarts += 1;
      log.write(`[soak] ${child.name} exited by itself (${signal ?? `code ${code}`}); starting it again\n`);
    },
  });
  o.onStop?.(() => group.stopAll((line) => log.write(`[soak] ${line}\n`)));
  const [pg, frontend, history, matching, worker, m1, m2, m3, m4, http1, http2] = await freeLowPorts(11);
  const temporalPorts = {
    frontend: frontend!,
    history: history!,
    matching: matching!,
    worker: worker!,
    membership: { frontend: m1!, history: m2!, matching: m3!, worker: m4! },
  };
  const accounts: Record<string, string> = {};
  let keep = false;
  try {
    const cluster = await startCluster(group, {
      dataDir: join(dir, 'data'),
      pgPort: pg!,
      temporal: temporalPorts,
      httpPorts: [http1!, http2!],
      throwaway: true,
      say: (line) => log.write(`[cluster] ${line}\n`),
      beforeServices: provisionTestAccounts(ENTERPRISE, accounts),
    });
    say(`topology up in ${((Date.now() - started) / 1000).toFixed(0)} s; log ${logFile}`);
    const random = seededRandom(o.seed ?? Date.now());
    const chaos = new Chaos(
      {
        group,
        workers: cluster.workers,
        services: cluster.services,
        httpPorts: [http1!, http2!],
        server: cluster.server,
        temporalRoot: join(dir, 'data', 'temporal'),
        temporalPorts,
      },
      random,
      (line) => log.write(`[chaos] ${line}\n`),
    );
    const driver = new SoakDriver({ baseUrls: cluster.baseUrls, live: () => chaos.liveReplicas, accounts, enterpriseId: ENTERPRISE.id });
    const chaosDone = chaos.run(o.killEveryMs[0], o.killEveryMs[1]);
    const projectIds: string[] = [];
    const failures: string[] = [];
    let reported = 0;
    const walker = async () => {
      while (projectIds.length < o.projects || chaos.total < o.kills) {
        const id = `soak-${String(projectIds.length + 1).padStart(4, '0')}`;
        projectIds.push(id);
        try {
          await driver.walk(id);
        } catch (err) {
          failures.push(`${id}: walk failed: ${err instanceof Error ? err.message : String(err)}`);
          if (failures.length > 3) throw err;
        }
        if (chaos.total >= reported + 10 || driver.counts.walks % 5 === 0) {
          reported = chaos.total;
          say(`${driver.counts.walks} walks complete, ${chaos.total} kills (${JSON.stringify(chaos.kills)}), ${driver.counts.retries} requests retried`);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: o.concurrency }, walker));
    } finally {
      chaos.stop();
      await chaosDone;
    }
    say(`chaos over after ${chaos.total} kills; waiting for every process to serve and the outbox to settle`);
    const db = openDatabase(cluster.databaseUrl, { max: 2 });
    try {
      let last = -1;
      for (let stable = 0; stable < 3;) {
        await new Promise((r) => setTimeout(r, 2000));
        const n = Number((await sql<{ n: number }>`select count(*)::int as n from outbox_entries`.execute(db)).rows[0]!.n);
        stable = n === last ? stable + 1 : 0;
        last = n;
      }
      const findings = await checkSoak(driver, projectIds, db);
      findings.anomalies.unshift(...failures);
      keep = findings.anomalies.length > 0;
      return {
        ...findings,
        kills: chaos.kills,
        crashRestarts,
        requests: driver.counts.requests,
        retries: driver.counts.retries,
        walks: driver.counts.walks,
        seconds: Math.round((Date.now() - started) / 1000),
        logFile,
      };
    } finally {
      await db.destroy();
    }
  } catch (err) {
    keep = true;
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- ${logFile} ends:\n${tail}`);
  } finally {
    await group.stopAll((line) => log.write(`[soak] ${line}\n`));
    log.end();
    // The directory stays for a failed run (its log); a clean one leaves nothing behind.
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
