/**
 * The production topology on one machine (`npm run cluster`, the `cluster` test project):
 * PostgreSQL; Temporal's own server with persistence and visibility on it; the namespace and
 * search attributes; N workers and one service replica per HTTP port, all sharing the data
 * directory and the product's database. Every process joins the caller's ProcessGroup in
 * start order, so `group.stopAll()` stops them in reverse (services, workers, Temporal,
 * PostgreSQL) — also after a start that failed half-way.
 */
import { join } from 'node:path';
import { type LocalPostgres, PG_SUPERUSER } from '../../db/postgres-server';
import { parseServiceConfig, tokenSecret } from '../../service/config';
import { portInUse, waitForPort } from './ports';
import { prepareProductDatabase, readOrCreatePassword, startOwnPostgres } from './postgres';
import type { Child, ProcessGroup } from './processes';
import {
  allPorts,
  prepareNamespace,
  prepareTemporalDatabases,
  startTemporalServer,
  type TemporalPorts,
  waitForWorkers,
  writeServerConfig,
} from './temporal-server';
import { DEFAULT_TASK_QUEUE } from '../../workflows/shared';

const ROOT = join(__dirname, '..', '..');

export interface ClusterOptions {
  /** The shared data directory of workers and services; PostgreSQL's cluster in `pg/`, Temporal's config in `temporal/`. */
  dataDir: string;
  pgPort: number;
  temporal: TemporalPorts;
  /** One service replica per port. */
  httpPorts: number[];
  workers?: number;
  namespace?: string;
  /** Test clusters: PostgreSQL without fsync. */
  throwaway?: boolean;
  /** Runs once the product's database is ready and before the services start (they read the users at start). */
  beforeServices?: (ctx: { databaseUrl: string; dataDir: string }) => Promise<void>;
  /** Extra environment for workers and services. */
  env?: NodeJS.ProcessEnv;
  say?: (line: string) => void;
}

export interface Cluster {
  postgres: LocalPostgres;
  temporalAddress: string;
  databaseUrl: string;
  server: Child;
  workers: Child[];
  services: Child[];
  /** http://127.0.0.1:<port> per service replica, in the order of `httpPorts`. */
  baseUrls: string[];
}

/** Waits until GET /api/health on `port` answers 200 (Temporal reachable, a worker polling). */
export async function waitHealthy(port: number, timeoutMs = 120_000, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the service on port ${port} exited`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the service on port ${port} is not healthy after ${timeoutMs / 1000}s: ${last}`);
}

export async function startCluster(group: ProcessGroup, opts: ClusterOptions): Promise<Cluster> {
  const say = opts.say ?? ((line: string) => console.log(`[cluster] ${line}`));
  const namespace = opts.namespace ?? 'default';
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

  const ports = [opts.pgPort, ...allPorts(opts.temporal), ...opts.httpPorts];
  if (new Set(ports).size !== ports.length) throw new Error(`ports must differ: ${ports.join(', ')}`);
  for (const port of ports) {
    if (await portInUse(port)) throw new Error(`port ${port} is already in use: is another cluster or \`npm start\` running? (ports: ${ports.join(', ')})`);
  }

  const passwordFile = join(opts.dataDir, 'pg-password');
  const postgres = await startOwnPostgres(group, { dataDir: join(opts.dataDir, 'pg'), port: opts.pgPort, passwordFile, throwaway: opts.throwaway });
  say(`PostgreSQL on 127.0.0.1:${opts.pgPort} (pid ${postgres.pid}), cluster in ${join(opts.dataDir, 'pg')} [${elapsed()}]`);

  const db = {
    host: '127.0.0.1',
    port: opts.pgPort,
    user: PG_SUPERUSER,
    password: readOrCreatePassword(passwordFile),
    persistence: 'temporal',
    visibility: 'temporal_visibility',
  };
  await prepareTemporalDatabases(db, say);
  const temporalRoot = join(opts.dataDir, 'temporal');
  writeServerConfig(temporalRoot, db, opts.temporal);
  const server = await startTemporalServer(group, temporalRoot, opts.temporal);
  const temporalAddress = `127.0.0.1:${opts.temporal.frontend}`;
  say(`Temporal server on ${temporalAddress} (pid ${server.pid}), persistence and visibility on PostgreSQL [${elapsed()}]`);
  await prepareNamespace(temporalAddress, namespace, 30, say);

  const databaseUrl = await prepareProductDatabase(postgres.url);
  // Both replicas must sign and check tokens with one secret: made here once, before either starts.
  tokenSecret(parseServiceConfig({ APPROVALS_DATA_DIR: opts.dataDir, DATABASE_URL: databaseUrl }));
  const env = { TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_NAMESPACE: namespace, APPROVALS_DATA_DIR: opts.dataDir, DATABASE_URL: databaseUrl, ...opts.env };

  const workers: Child[] = [];
  for (let i = 1; i <= (opts.workers ?? 2); i++) {
    workers.push(group.spawn({ name: `worker-${i}`, command: process.execPath, args: ['--import', 'tsx', join(ROOT, 'worker', 'main.ts')], env }));
  }
  say(`workers started: pids ${workers.map((w) => w.pid).join(', ')}`);
  await opts.beforeServices?.({ databaseUrl, dataDir: opts.dataDir });

  const services = opts.httpPorts.map((port, i) =>
    group.spawn({
      name: `service-${i + 1}`,
      command: process.execPath,
      args: ['--import', 'tsx', join(ROOT, 'service', 'main.ts')],
      env: { ...env, APPROVALS_HTTP_PORT: String(port) },
    }),
  );
  // Healthy means: the replica answers, reaches Temporal, and sees a worker polling the task queue.
  await Promise.all(
    opts.httpPorts.map(async (port, i) => {
      const service = services[i]!;
      try {
        await waitForPort(port, 60_000, service.alive);
        await waitHealthy(port, 120_000, service.alive);
      } catch (err) {
        throw new Error(`${service.name}: ${err instanceof Error ? err.message : String(err)}\n${service.tail().slice(-10).join('\n')}`);
      }
    }),
  );
  // Every worker polling, or the first one that died (with its last words) — not a long timeout.
  const polling = waitForWorkers(
    temporalAddress,
    namespace,
    (opts.env?.TEMPORAL_TASK_QUEUE as string | undefined) ?? DEFAULT_TASK_QUEUE,
    workers.map((w) => w.pid),
  );
  polling.catch(() => undefined); // handled below; keeps a late rejection from going unhandled
  const died = await Promise.race([polling.then(() => undefined), ...workers.map((w) => w.exited.then(() => w))]);
  if (died) throw new Error(`${died.name} exited while starting:\n${died.tail().slice(-10).join('\n')}`);
  say(
    `service replicas healthy on ports ${opts.httpPorts.join(', ')} (pids ${services.map((s) => s.pid).join(', ')}), ${workers.length} workers polling [${elapsed()}]`,
  );

  return {
    postgres,
    temporalAddress,
    databaseUrl,
    server,
    workers,
    services,
    baseUrls: opts.httpPorts.map((p) => `http://127.0.0.1:${p}`),
  };
}
