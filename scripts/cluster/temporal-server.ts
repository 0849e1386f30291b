/**
 * Temporal's own server on PostgreSQL (persistence and visibility), built by
 * scripts/build-temporal-server.sh: the databases and their schemas (through Temporal's SQL
 * tool, skipped when current), a generated configuration, the server process (all four
 * services in one process), the namespace and the project's search attributes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { stringify } from 'yaml';
import { ensureDatabase } from '../../db/postgres-server';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';
import type { Child, ProcessGroup } from './processes';
import { waitForPort } from './ports';

const run = promisify(execFile);
export const TEMPORAL_SERVER_DIR = join(__dirname, '..', '..', '.tools', 'temporal-server');
const SCHEMA_DIR = join(TEMPORAL_SERVER_DIR, 'schema', 'postgresql', 'v12');

/** Where the server listens: gRPC of each service and their membership (ringpop) ports. */
export interface TemporalPorts {
  frontend: number;
  history: number;
  matching: number;
  worker: number;
  membership: { frontend: number; history: number; matching: number; worker: number };
}

/** Temporal's own defaults for a frontend on `frontend` (7233 → 7234, 7235, 7239 and 6933…6939). */
export function defaultTemporalPorts(frontend = 7233): TemporalPorts {
  const m = frontend - 300;
  return {
    frontend,
    history: frontend + 1,
    matching: frontend + 2,
    worker: frontend + 6,
    membership: { frontend: m, history: m + 1, matching: m + 2, worker: m + 6 },
  };
}

/** Every port of `ports`, to check before a start. */
export function allPorts(ports: TemporalPorts): number[] {
  return [ports.frontend, ports.history, ports.matching, ports.worker, ...Object.values(ports.membership)];
}

export interface TemporalDatabase {
  /** host, port, user, password of a PostgreSQL role that may create databases. */
  host: string;
  port: number;
  user: string;
  password: string;
  /** Names of the two databases (default temporal, temporal_visibility). */
  persistence: string;
  visibility: string;
}

function required(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run setup\` (scripts/build-temporal-server.sh builds Temporal's server)`);
  return path;
}

/** v1.2 < v1.10: the versioned directories in numeric order. */
function latestVersion(dir: string): string {
  const versions = readdirSync(dir)
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1).split('.').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const last = versions.at(-1);
  if (!last) throw new Error(`no schema versions under ${dir}`);
  return `${last[0]}.${last[1]}`;
}

function urlOf(db: TemporalDatabase, database: string): string {
  return `postgres://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${database}`;
}

/** The schema version the SQL tool recorded in `database`, or undefined before its set-up. */
async function schemaVersion(url: string, database: string): Promise<string | undefined> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query("select to_regclass('public.schema_version') as t");
    if (table.rows[0].t === null) return undefined;
    const row = await client.query('select curr_version from schema_version where version_partition = 0 and db_name = $1', [database]);
    return row.rows[0]?.curr_version as string | undefined;
  } finally {
    await client.end();
  }
}

/** Creates both databases and brings their schemas to this server version; does nothing when they are current. */
export async function prepareTemporalDatabases(db: TemporalDatabase, say: (line: string) => void): Promise<void> {
  const tool = required(join(TEMPORAL_SERVER_DIR, 'sql'));
  for (const [database, kind] of [
    [db.persistence, 'temporal'],
    [db.visibility, 'visibility'],
  ] as const) {
    const versioned = join(required(join(SCHEMA_DIR, kind)), 'versioned');
    const target = latestVersion(versioned);
    await ensureDatabase(urlOf(db, 'postgres'), database);
    const current = await schemaVersion(urlOf(db, database), database);
    if (current === target) {
      say(`database ${database}: schema ${kind} v${current}, current`);
      continue;
    }
    // The password goes through the environment, not the command line (ps shows arguments).
    const env = { ...process.env, SQL_PASSWORD: db.password };
    const base = ['--plugin', 'postgres12', '--ep', db.host, '-p', String(db.port), '-u', db.user, '--db', database];
    try {
      if (current === undefined) await run(tool, [...base, 'setup-schema', '-v', '0.0'], { env });
      await run(tool, [...base, 'update-schema', '-d', versioned], { env });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message: string };
      throw new Error(`Temporal's SQL tool failed on database ${database}: ${e.stderr || e.stdout || e.message}`);
    }
    say(`database ${database}: schema ${kind} ${current === undefined ? 'created' : `updated from v${current}`} at v${target}`);
  }
}

/**
 * Writes `<root>/config/cluster.yaml` (the server's `--env cluster`) and its dynamic config.
 * One process runs all four services, so every port is on 127.0.0.1.
 */
export function writeServerConfig(root: string, db: TemporalDatabase, ports: TemporalPorts, opts: { historyShards?: number; logLevel?: string } = {}): void {
  for (const p of Object.values(ports.membership)) {
    if (p >= 32768) throw new Error(`membership port ${p}: must be below 32768 (Temporal stores it in a smallint column)`);
  }
  const configDir = join(root, 'config');
  mkdirSync(configDir, { recursive: true });
  const dynamicConfigFile = join(configDir, 'dynamicconfig.yaml');
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${db.host}:${db.port}`,
      connectProtocol: 'tcp',
      user: db.user,
      password: db.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpcPort: number, membershipPort: number) => ({ rpc: { grpcPort, membershipPort, bindOnLocalHost: true } });
  const config = {
    log: { stdout: true, level: opts.logLevel ?? 'error' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      // Fixed once the cluster exists (shards cannot be re-split); 4 is plenty for one city's projects.
      numHistoryShards: opts.historyShards ?? 4,
      datastores: { 'postgres-default': store(db.persistence, 20), 'postgres-visibility': store(db.visibility, 4) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service(ports.frontend, ports.membership.frontend),
      history: service(ports.history, ports.membership.history),
      matching: service(ports.matching, ports.membership.matching),
      worker: service(ports.worker, ports.membership.worker),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    publicClient: { hostPort: `127.0.0.1:${ports.frontend}` },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
  // As the dev server sets them (the CLI's devserver): a larger mutable-state cache, more visibility RPS for inboxes.
  const dynamic = {
    'history.hostLevelCacheMaxSize': [{ value: 8192 }],
    'frontend.namespaceRPS.visibility': [{ value: 100 }],
  };
  writeFileSync(join(configDir, 'cluster.yaml'), stringify(config), { mode: 0o600 });
  writeFileSync(dynamicConfigFile, stringify(dynamic));
}

/** Starts the server from the configuration in `root`; resolves once its frontend accepts connections. */
export async function startTemporalServer(group: ProcessGroup, root: string, ports: TemporalPorts): Promise<Child> {
  const server = required(join(TEMPORAL_SERVER_DIR, 'server'));
  const child = group.spawn({
    name: 'temporal-server',
    command: server,
    args: ['--root', root, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start'],
    env: {},
    // Its services complain about each other while they shut down one by one: not worth showing.
    quietOnStop: true,
  });
  try {
    await waitForPort(ports.frontend, 60_000, child.alive);
  } catch (err) {
    throw new Error(`Temporal's server did not start: ${err instanceof Error ? err.message : String(err)}\n${child.tail().slice(-15).join('\n')}`);
  }
  return child;
}

const { IndexedValueType } = temporal.api.enums.v1;
const TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
};

/** Retries `fn` while the server is still starting its services (UNAVAILABLE, namespace not yet in its cache…). */
async function retrying<T>(what: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const ALREADY_EXISTS = 6; // gRPC status

/**
 * Registers `namespace` (unless it exists) and the engine's search attributes (the server
 * skips those already there), then waits until the server lists them all: a workflow started
 * before that would be refused for an unknown search attribute.
 */
export async function prepareNamespace(address: string, namespace: string, retentionDays: number, say: (line: string) => void): Promise<void> {
  const connection = await retrying('connecting to Temporal', 60_000, () => Connection.connect({ address, connectTimeout: 2000 }));
  try {
    const registered = await retrying(`registering namespace ${namespace}`, 60_000, async () => {
      try {
        await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === ALREADY_EXISTS) return false;
        throw err;
      }
    });
    say(registered ? `namespace ${namespace} registered (retention ${retentionDays} days)` : `namespace ${namespace} exists`);
    const wanted = Object.fromEntries(SEARCH_ATTRIBUTE_KEYS.map((k) => [k.name, TYPES[k.type]!]));
    const missing = async () => {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      return Object.keys(wanted).filter((name) => !customAttributes || !(name in customAttributes));
    };
    if ((await retrying('listing search attributes', 60_000, missing)).length === 0) {
      say(`search attributes: all ${Object.keys(wanted).length} registered`);
      return;
    }
    await retrying('registering search attributes', 60_000, () => connection.operatorService.addSearchAttributes({ namespace, searchAttributes: wanted }));
    await retrying('waiting for the search attributes', 30_000, async () => {
      const left = await missing();
      if (left.length > 0) throw new Error(`not listed yet: ${left.join(', ')}`);
    });
    // Each service refreshes its namespace cache every 2 s (system.namespaceCacheRefreshInterval):
    // until then a start with the new attributes could still be refused by one of them.
    await new Promise((r) => setTimeout(r, 2500));
    say(`search attributes: ${Object.keys(wanted).length} registered`);
  } finally {
    await connection.close();
  }
}

/**
 * Resolves once a worker of each of `pids` polls `taskQueue` for workflow tasks (the SDK's
 * default identity is `<pid>@<host>`): a worker that bundles its workflows takes a while.
 */
export async function waitForWorkers(address: string, namespace: string, taskQueue: string, pids: number[], timeoutMs = 120_000): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await retrying(`waiting for workers ${pids.join(', ')} to poll ${taskQueue}`, timeoutMs, async () => {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      const polling = new Set((pollers ?? []).map((p) => p.identity?.split('@')[0]));
      const missing = pids.filter((pid) => !polling.has(String(pid)));
      if (missing.length > 0) throw new Error(`not polling yet: ${missing.join(', ')}`);
    });
  } finally {
    await connection.close();
  }
}
