/**
 * The production topology for the cluster layer (scripts/cluster/topology.ts) in a temporary
 * directory on free ports below 32768: PostgreSQL (fsync off), Temporal's own server on it,
 * two workers and two service replicas. Children's output goes to a log file in that
 * directory (its tail is printed when the start fails). global-teardown.ts stops everything.
 */
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLowPorts } from '../../scripts/cluster/ports';
import { type ChildSpec, ProcessGroup } from '../../scripts/cluster/processes';
import { provisionTestAccounts } from '../../scripts/cluster/test-accounts';
import { startCluster } from '../../scripts/cluster/topology';
import { CLUSTER_ENV, type TTestCluster } from './topology';

const ROOT = join(__dirname, '..', '..');
const ENTERPRISE = { id: 'ent-cluster-test', name: '集群测试企业' };

/** The command and the environment it was given (only what the cluster set, not the whole process env). */
const specOf = (spec: ChildSpec) => ({
  name: spec.name,
  command: spec.command,
  args: spec.args,
  env: Object.fromEntries(Object.entries(spec.env).filter((e): e is [string, string] => e[1] !== undefined)),
});

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'approvals-cluster-'));
  chmodSync(dir, 0o711); // the postgres user must reach the cluster inside
  const logFile = join(dir, 'cluster.log');
  const log = createWriteStream(logFile);
  const group = new ProcessGroup({ cwd: ROOT, log: (name, line) => log.write(`[${name}] ${line}\n`), graceMs: 5000 });
  (globalThis as { __cluster?: unknown }).__cluster = { group, dir, log };
  const [pg, frontend, history, matching, worker, m1, m2, m3, m4, http1, http2] = await freeLowPorts(11);
  const accounts: Record<string, string> = {};
  try {
    const cluster = await startCluster(group, {
      dataDir: join(dir, 'data'),
      pgPort: pg!,
      temporal: {
        frontend: frontend!,
        history: history!,
        matching: matching!,
        worker: worker!,
        membership: { frontend: m1!, history: m2!, matching: m3!, worker: m4! },
      },
      httpPorts: [http1!, http2!],
      throwaway: true,
      say: (line) => log.write(`[cluster] ${line}\n`),
      beforeServices: provisionTestAccounts(ENTERPRISE, accounts),
    });
    const info: TTestCluster = {
      baseUrls: cluster.baseUrls,
      temporalAddress: cluster.temporalAddress,
      workers: cluster.workers.map((w) => ({ name: w.name, pid: w.pid, spec: specOf(w.spec) })),
      services: cluster.services.map((s, i) => ({ name: s.name, pid: s.pid, baseUrl: cluster.baseUrls[i]!, port: [http1!, http2!][i]!, spec: specOf(s.spec) })),
      accounts,
      enterpriseId: ENTERPRISE.id,
      logFile,
      startedInMs: Date.now() - started,
    };
    process.env[CLUSTER_ENV] = JSON.stringify(info);
    console.log(`\n[cluster] up in ${(info.startedInMs / 1000).toFixed(1)}s: PostgreSQL, Temporal server, 2 workers, 2 replicas (${info.baseUrls.join(', ')})`);
  } catch (err) {
    await group.stopAll();
    log.end();
    console.error(`[cluster] start failed; its log (${logFile}) ends:\n${readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')}`);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
