/**
 * The main job.
 * - `npm start` (embedded): PostgreSQL under data/pg (created on first start, its password
 *   kept in data/pg-password, mode 0600), the Temporal dev server with its data under data/,
 *   one worker and the HTTP service. With DATABASE_URL set (production) no PostgreSQL is
 *   started and that database is used.
 * - `npm run cluster` (`--cluster`): the production topology on this machine
 *   (scripts/cluster/topology.ts): PostgreSQL under data/cluster/pg, Temporal's own server
 *   with persistence and visibility on it, two workers and two service replicas
 *   (APPROVALS_HTTP_PORT and the port after it).
 * On first start it creates the users (passwords printed once, kept in
 * <data>/dev-credentials.json, mode 0600); `--demo` (`npm run demo`) also creates a few
 * projects in different stages. A child that crashes (worker, service, Temporal) is restarted
 * with backoff and the restart logged; Ctrl-C or SIGTERM stops every child this process started,
 * by PID, in reverse order (PostgreSQL last). data/ is made readable by its owner only.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { migrateToLatest, openDatabase } from '../db/connect';
import { currentCalendarSnapshot } from '../definitions/calendar/node/store';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { getDefinition, listDefinitions } from '../definitions/process';
import { provisionUsers, type TDevAccount } from '../service/users/provision';
import { DEFAULT_TASK_QUEUE } from '../workflows/shared';
import { portInUse, waitForPort } from './cluster/ports';
import { prepareProductDatabase, startOwnPostgres } from './cluster/postgres';
import { ProcessGroup } from './cluster/processes';
import { defaultTemporalPorts } from './cluster/temporal-server';
import { startCluster } from './cluster/topology';
import { seedDemo } from './demo';
import { restrictDataDir } from './data-permissions';
import { devServerArgs, TEMPORAL_CLI } from './dev-server';

const ROOT = join(__dirname, '..');
const port = z.coerce.number().int().min(1).max(65535);
const ZStartConfig = z.object({
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  APPROVALS_HTTP_PORT: port.default(3000),
  APPROVALS_DATA_DIR: z.string().min(1).default(join(ROOT, 'data')),
  /** Our own PostgreSQL's port (when DATABASE_URL is not set). */
  APPROVALS_PG_PORT: port.default(5433),
  /** An existing PostgreSQL database (production): then none is started here. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
type TStartConfig = z.infer<typeof ZStartConfig>;
const DEMO = process.argv.includes('--demo');
const runsAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const CLUSTER = process.argv.includes('--cluster');

const say = (line: string) => console.log(`[start] ${line}`);
/** A crashed child is started again after 1 s, 2 s, 4 s … at most 30 s apart (back to 1 s once it ran a minute). */
const RESTART = { initialDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 };
const group = new ProcessGroup({
  cwd: ROOT,
  restart: RESTART,
  onRestart: (child, code, signal, delayMs, count) => {
    console.error(
      `[start] ${child.name} (pid ${child.pid}) exited (${signal ?? `code ${code}`}); restarting it in ${(delayMs / 1000).toFixed(0)} s (restart ${count})`,
    );
  },
  onUnexpectedExit: (child, code, signal) => {
    console.error(`[start] ${child.name} exited (${signal ?? `code ${code}`}) and could not be restarted; stopping everything`);
    void stopAll(1);
  },
});
/**
 * The dev server's long poll (Temporal's default is 1 min): a live idle worker polls again every
 * 5 s, so the service's health check can tell a dead worker within WORKER_STALE_SECONDS.
 */
const LONG_POLL_FLAGS = ['--dynamic-config-value', 'matching.longPollExpirationInterval="5s"'];
const WORKER_STALE_SECONDS = 15;

let stopping: Promise<never> | undefined;
function stopAll(exitCode: number): Promise<never> {
  stopping ??= group.stopAll(say).then(() => process.exit(exitCode));
  return stopping;
}

async function assertPortsFree(ports: number[]): Promise<void> {
  for (const p of ports) {
    if (await portInUse(p)) throw new Error(`port ${p} is already in use: is another \`npm start\` or \`npm run cluster\` running?`);
  }
}

async function embedded(config: TStartConfig): Promise<void> {
  await assertPortsFree([
    config.TEMPORAL_PORT,
    config.TEMPORAL_UI_PORT,
    config.APPROVALS_HTTP_PORT,
    ...(config.DATABASE_URL ? [] : [config.APPROVALS_PG_PORT]),
  ]);
  mkdirSync(config.APPROVALS_DATA_DIR, { recursive: true });
  restrictDataDir(config.APPROVALS_DATA_DIR, { postgresDirs: ['pg'], postgresMustTraverse: !config.DATABASE_URL && runsAsRoot });

  let databaseUrl = config.DATABASE_URL;
  if (databaseUrl) {
    say('DATABASE_URL is set: using that database, starting no PostgreSQL');
  } else {
    const pgDir = join(config.APPROVALS_DATA_DIR, 'pg');
    const pg = await startOwnPostgres(group, { dataDir: pgDir, port: config.APPROVALS_PG_PORT, passwordFile: join(config.APPROVALS_DATA_DIR, 'pg-password') });
    databaseUrl = await prepareProductDatabase(pg.url);
    say(`PostgreSQL on 127.0.0.1:${config.APPROVALS_PG_PORT} (pid ${pg.pid}), cluster in ${pgDir}, database approvals`);
  }

  const dbFile = join(config.APPROVALS_DATA_DIR, 'temporal.db');
  say(`Temporal dev server on localhost:${config.TEMPORAL_PORT}, data in ${dbFile}`);
  const temporal = group.spawn({
    name: 'temporal',
    command: TEMPORAL_CLI,
    args: devServerArgs({ dbFile, port: config.TEMPORAL_PORT, uiPort: config.TEMPORAL_UI_PORT, extra: LONG_POLL_FLAGS }),
    env: {},
  });
  await waitForPort(config.TEMPORAL_PORT, 60_000, temporal.alive);
  say(`Temporal Web UI: http://localhost:${config.TEMPORAL_UI_PORT}`);

  const env = { TEMPORAL_ADDRESS: `localhost:${config.TEMPORAL_PORT}`, APPROVALS_DATA_DIR: config.APPROVALS_DATA_DIR, DATABASE_URL: databaseUrl };
  group.spawn({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', join(ROOT, 'worker', 'main.ts')], env });
  const accounts = await provisionDevUsers(config, databaseUrl);
  const service = group.spawn({
    name: 'service',
    command: process.execPath,
    args: ['--import', 'tsx', join(ROOT, 'service', 'main.ts')],
    env: { ...env, APPROVALS_HTTP_PORT: String(config.APPROVALS_HTTP_PORT), APPROVALS_WORKER_STALE_SECONDS: String(WORKER_STALE_SECONDS) },
  });
  await waitForPort(config.APPROVALS_HTTP_PORT, 60_000, service.alive);
  if (accounts) printAccounts(accounts, join(config.APPROVALS_DATA_DIR, 'dev-credentials.json'));
  if (DEMO) await demo(`localhost:${config.TEMPORAL_PORT}`, config.APPROVALS_DATA_DIR);
  say(`API: http://localhost:${config.APPROVALS_HTTP_PORT}/api (OpenAPI: /api/openapi.json); log in with POST /api/auth/login`);
}

async function cluster(config: TStartConfig): Promise<void> {
  if (config.DATABASE_URL) say('DATABASE_URL is ignored in cluster mode: the cluster runs its own PostgreSQL under data/cluster/pg');
  const dataDir = join(config.APPROVALS_DATA_DIR, 'cluster');
  mkdirSync(dataDir, { recursive: true });
  restrictDataDir(config.APPROVALS_DATA_DIR, { postgresDirs: ['pg', join('cluster', 'pg')], postgresMustTraverse: runsAsRoot });
  const httpPorts = [config.APPROVALS_HTTP_PORT, config.APPROVALS_HTTP_PORT + 1];
  let accounts: TDevAccount[] | undefined;
  const topology = await startCluster(group, {
    dataDir,
    pgPort: config.APPROVALS_PG_PORT,
    temporal: defaultTemporalPorts(config.TEMPORAL_PORT),
    httpPorts,
    say: (line) => console.log(`[cluster] ${line}`),
    beforeServices: async ({ databaseUrl }) => {
      accounts = await provisionDevUsers({ ...config, APPROVALS_DATA_DIR: dataDir }, databaseUrl);
    },
  });
  if (accounts) printAccounts(accounts, join(dataDir, 'dev-credentials.json'));
  if (DEMO) await demo(topology.temporalAddress, dataDir);
  say(
    `API (two replicas; put a load balancer in front): ${topology.baseUrls.map((u) => `${u}/api`).join(' and ')}; Temporal frontend ${topology.temporalAddress}`,
  );
  say(`data in ${dataDir}; PIDs: ${group.pids().join(', ')}`);
}

async function main(): Promise<void> {
  const parsed = ZStartConfig.safeParse(process.env);
  if (!parsed.success) throw new Error(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  // Everything the children write under data/ (Temporal's database, uploads, secrets) is the owner's alone.
  process.umask(0o077);
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const started = Date.now();
  await (CLUSTER ? cluster(parsed.data) : embedded(parsed.data));
  say(`running (started in ${((Date.now() - started) / 1000).toFixed(1)}s); press Ctrl-C to stop everything`);
}

/** First start: the users of the built-in definitions' departments, in the product's database. */
async function provisionDevUsers(config: TStartConfig, databaseUrl: string): Promise<TDevAccount[] | undefined> {
  const db = openDatabase(databaseUrl, { max: 1 });
  try {
    // An external DATABASE_URL may be fresh and the worker migrating it right now: the Migrator's lock makes this wait, not race.
    await migrateToLatest(db);
    const result = await provisionUsers({
      db,
      legacyUsersFile: join(config.APPROVALS_DATA_DIR, 'users.json'),
      credentialsFile: join(config.APPROVALS_DATA_DIR, 'dev-credentials.json'),
      departments: builtinDepartments(),
    });
    if (result && 'imported' in result) say(`imported ${result.imported} users from ${result.from} into PostgreSQL`);
    return result && 'created' in result ? result.created : undefined;
  } finally {
    await db.destroy();
  }
}

/** One account per department of the built-in definitions. */
function builtinDepartments(): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const { definition } of listDefinitions()) for (const d of definition.departments) if (!byId.has(d.id)) byId.set(d.id, d.name.zh);
  return [...byId].map(([id, name]) => ({ id, name }));
}

function printAccounts(accounts: TDevAccount[], file: string): void {
  say(`first start: created ${accounts.length} users (shown once; kept in ${file}, readable only by you)`);
  for (const a of accounts) say(`  ${a.role.padEnd(11)} ${a.username.padEnd(36)} ${a.password}`);
}

async function demo(address: string, dataDir: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const calendar = new WorkingCalendar(currentCalendarSnapshot(dataDir));
    const created = await seedDemo(client, DEFAULT_TASK_QUEUE, getDefinition('wuhan-industrial')!, calendar);
    say(created.length > 0 ? `demo projects created: ${created.join(', ')}` : 'demo projects already exist');
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  void stopAll(1);
});
