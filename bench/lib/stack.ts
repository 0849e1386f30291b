/**
 * The stack a benchmark runs on, its own on free ports in a temporary directory: PostgreSQL,
 * the Temporal dev server, the product's worker (worker/main.ts) and the floor's worker
 * (bench/floor/worker.ts) as child processes with bench/lib/probe.cjs preloaded, and the
 * service when HTTP is measured. Everything is stopped by PID (`stop`), also on Ctrl-C.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { migrateToLatest, openDatabase } from '../../db/connect';
import { listDefinitions } from '../../definitions/process';
import { provisionUsers, type TDevAccount } from '../../service/users/provision';
import { freeLowPorts, waitForPort } from '../../scripts/cluster/ports';
import { prepareProductDatabase, startOwnPostgres } from '../../scripts/cluster/postgres';
import { type Child, ProcessGroup } from '../../scripts/cluster/processes';
import { waitHealthy } from '../../scripts/cluster/topology';
import { devServerArgs, TEMPORAL_CLI } from '../../scripts/dev-server';

export const ROOT = join(__dirname, '..', '..');
export { FLOOR_TASK_QUEUE } from '../floor/messages';
const PROBE = join(__dirname, 'probe.cjs');

export interface TProbe {
  at: number;
  rss: number;
  heapUsed: number;
  cpuUs: number;
  gcCount: number;
  gcLongestMs: number;
  /** [epoch ms, pause ms, kind: 1 minor (scavenge), 4 major (mark-compact), 8 incremental marking step, 16 weak callbacks] */
  pauses: [number, number, number?][];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A benchmarked worker: its process and what the probes of its threads last wrote. */
export class ProbedWorker {
  constructor(
    readonly child: Child,
    readonly probeFile: string,
  ) {}

  get pid(): number {
    return this.child.pid;
  }

  /** The probe files: the main thread's first, then one per worker thread (workflow threads). */
  files(): string[] {
    const dir = dirname(this.probeFile);
    const name = basename(this.probeFile);
    const threads = readdirSync(dir).filter((f) => new RegExp(`^${name.replace(/\./g, '\\.')}\\.t\\d+$`).test(f));
    return [this.probeFile, ...threads.map((f) => join(dir, f))];
  }

  read(file = this.probeFile): TProbe {
    return JSON.parse(readFileSync(file, 'utf8')) as TProbe;
  }

  /** Process RSS (any thread's probe) and the heap of every thread added up. */
  totals(): { rss: number; heapUsed: number; threads: number; at: number } {
    const probes = this.files().map((f) => this.read(f));
    return { rss: probes[0]!.rss, heapUsed: probes.reduce((sum, p) => sum + p.heapUsed, 0), threads: probes.length, at: Math.min(...probes.map((p) => p.at)) };
  }

  /** Asks every thread's probe for `request` (a file `<probe>.<request>` with `content`) and waits until all have done it and written again. */
  private async ask(request: 'gc' | 'snap', content: (file: string) => string): Promise<void> {
    const files = this.files();
    for (const f of files) writeFileSync(`${f}.${request}`, content(f));
    const since = Date.now();
    while (files.some((f) => existsSync(`${f}.${request}`))) {
      if (Date.now() - since > 600_000) throw new Error(`${this.child.name}: ${request} not done within 10 minutes`);
      await sleep(250);
    }
    const done = Date.now();
    while (files.some((f) => this.read(f).at <= done)) await sleep(250);
  }

  /** A full GC in every thread, then the figures (live objects only). */
  async afterFullGc(): Promise<{ rss: number; heapUsed: number; threads: number }> {
    await this.ask('gc', () => '');
    return this.totals();
  }

  /** A heap snapshot of every thread (after a full GC), written into `dir`; their paths. */
  async heapSnapshots(dir: string, label: string): Promise<string[]> {
    await this.afterFullGc();
    const target = (f: string) => join(dir, `${label}-${basename(f)}.heapsnapshot`);
    await this.ask('snap', target);
    return this.files().map(target);
  }

  /** GC pauses of 10 ms or more that began from `since` (epoch ms) and before `until`, in any thread; of one kind (the probe's code) when given. */
  pausesSince(since: number, until = Infinity, kind?: number): number[] {
    return this.files().flatMap((f) =>
      this.read(f)
        .pauses.filter(([at, , k]) => at >= since && at < until && (kind === undefined || k === kind))
        .map(([, ms]) => ms),
    );
  }
}

export interface BenchStack {
  dir: string;
  temporalAddress: string;
  databaseUrl: string;
  temporal: Child;
  worker: ProbedWorker;
  floorWorker: ProbedWorker;
  /** With `service`: the service's base URL and the dev accounts' passwords. */
  baseUrl?: string;
  /** With `beforeRoot`: the base URL of that tree's service (same database, Temporal and accounts). */
  beforeUrl?: string;
  accounts?: TDevAccount[];
  cacheSize: number;
  /** Stops the product's worker alone (SIGTERM: it drains and exits, so --cpu-prof writes its profile). */
  stopWorker(): Promise<void>;
  /** Stops the service alone (so --cpu-prof writes its profile); nothing without `service`. */
  stopService(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  name: string;
  /** APPROVALS_WORKER_MAX_CACHED_WORKFLOWS for the product's worker; the floor's worker uses the same. */
  cacheSize: number;
  service?: boolean;
  /** Run the product's worker with --cpu-prof (a profile per thread in `dir`/profiles when it exits). */
  profile?: boolean;
  /** Run the service with --cpu-prof (its profile in `dir`/service-profiles when it exits). */
  profileService?: boolean;
  /** With `service`: also run the service of this tree (a checkout of the code before a change) beside it, for an A/B in one run. */
  beforeRoot?: string;
  say: (line: string) => void;
}

function builtinDepartments(): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const { definition } of listDefinitions()) for (const d of definition.departments) if (!byId.has(d.id)) byId.set(d.id, d.name.zh);
  return [...byId].map(([id, name]) => ({ id, name }));
}

/** The dev accounts (coordinator, every built-in department, the demo enterprises), their passwords in `dir`/dev-credentials.json. */
export async function provisionBenchUsers(databaseUrl: string, dir: string): Promise<void> {
  const db = openDatabase(databaseUrl, { max: 1 });
  try {
    await migrateToLatest(db);
    await provisionUsers({ db, credentialsFile: join(dir, 'dev-credentials.json'), departments: builtinDepartments() });
  } finally {
    await db.destroy();
  }
}

/** The product's service on `httpPort` (the dev accounts provisioned first), healthy: its child and base URL. */
export async function startBenchService(
  group: ProcessGroup,
  env: Record<string, string>,
  dir: string,
  httpPort: number,
  opts: { nodeArgs?: string[]; root?: string; name?: string } = {},
): Promise<{ service: Child; baseUrl: string }> {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('startBenchService: env has no DATABASE_URL');
  // A second service (another tree's) finds the accounts provisioned already.
  if (opts.root === undefined) await provisionBenchUsers(databaseUrl, dir);
  const service = group.spawn({
    name: opts.name ?? 'service',
    command: process.execPath,
    args: [...(opts.nodeArgs ?? ['--import', 'tsx']), join(opts.root ?? ROOT, 'service', 'main.ts')],
    env: { ...env, APPROVALS_HTTP_PORT: String(httpPort) },
  });
  await waitForPort(httpPort, 60_000, service.alive);
  await waitHealthy(httpPort, 120_000, service.alive);
  return { service, baseUrl: `http://127.0.0.1:${httpPort}` };
}

/**
 * A process group for a benchmark's children: only what they print on stderr (errors) is shown,
 * prefixed; the Temporal server's own error lines (persistence timeouts under load) are counted
 * in `serverErrors` and reported, not printed. A child that dies: reported, then `onDeath`.
 */
export function benchProcessGroup(bench: string, serverErrors: Map<string, number>, onDeath: () => void): ProcessGroup {
  return new ProcessGroup({
    cwd: ROOT,
    log: (name, line, stream) => {
      if (stream !== 'stderr') return;
      if (name.startsWith('temporal')) {
        const kind = /msg="([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 80);
        serverErrors.set(kind, (serverErrors.get(kind) ?? 0) + 1);
        return;
      }
      process.stderr.write(`[${name}] ${line}\n`);
    },
    onUnexpectedExit: (child, code, signal) => {
      console.error(`[${bench}] ${child.name} (pid ${child.pid}) exited (${signal ?? `code ${code}`}):\n${child.tail().slice(-15).join('\n')}`);
      onDeath();
    },
  });
}

export async function startBenchStack(opts: StackOptions): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), `approvals-${opts.name}-`));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its cluster below
  const serverErrors = new Map<string, number>();
  const group = benchProcessGroup(opts.name, serverErrors, () => void stop().then(() => process.exit(1)));
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await group.stopAll((line) => opts.say(line));
      if (serverErrors.size > 0) opts.say(`Temporal server error lines: ${[...serverErrors].map(([k, v]) => `${v}× "${k}"`).join(', ')}`);
      rmSync(dir, { recursive: true, force: true });
    })());
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const [pgPort, temporalPort, uiPort, httpPort, beforePort] = await freeLowPorts(5);
    const pg = await startOwnPostgres(group, { dataDir: join(dir, 'pg'), port: pgPort!, passwordFile: join(dir, 'pg-password'), throwaway: true });
    const databaseUrl = await prepareProductDatabase(pg.url);
    const temporal = group.spawn({
      name: 'temporal',
      command: TEMPORAL_CLI,
      args: devServerArgs({ dbFile: join(dir, 'temporal.db'), port: temporalPort!, uiPort: uiPort! }),
      env: {},
      quietOnStop: true,
    });
    await waitForPort(temporalPort!, 60_000, temporal.alive);
    const temporalAddress = `localhost:${temporalPort}`;
    const env = {
      TEMPORAL_ADDRESS: temporalAddress,
      APPROVALS_DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: String(opts.cacheSize),
    };
    mkdirSync(join(dir, 'profiles'));
    const nodeArgs = (profile: boolean) => [
      '--expose-gc',
      '--max-old-space-size=12288',
      '--require',
      PROBE,
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'profiles')}`] : []),
      '--import',
      'tsx',
    ];
    const probed = (name: string, script: string, profile: boolean) => {
      const probeFile = join(dir, `${name}.probe.json`);
      const child = group.spawn({ name, command: process.execPath, args: [...nodeArgs(profile), script], env: { ...env, BENCH_PROBE_FILE: probeFile } });
      return new ProbedWorker(child, probeFile);
    };
    const worker = probed('worker', join(ROOT, 'worker', 'main.ts'), opts.profile ?? false);
    const floorWorker = probed('floor-worker', join(__dirname, '..', 'floor', 'worker.ts'), false);
    let baseUrl: string | undefined;
    let accounts: TDevAccount[] | undefined;
    let service: Child | undefined;
    let beforeUrl: string | undefined;
    if (opts.service) {
      const serviceProfile = opts.profileService ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'service-profiles')}`] : [];
      // Server-Timing on every answer and the event loop's delay on stderr (service/step-timing.ts).
      const timed = { ...env, APPROVALS_SERVER_TIMING: '1' };
      ({ baseUrl, service } = await startBenchService(group, timed, dir, httpPort!, { nodeArgs: [...serviceProfile, '--import', 'tsx'] }));
      if (opts.beforeRoot)
        ({ baseUrl: beforeUrl } = await startBenchService(group, timed, dir, beforePort!, { root: opts.beforeRoot, name: 'service-before' }));
      accounts = (JSON.parse(readFileSync(join(dir, 'dev-credentials.json'), 'utf8')) as { accounts: TDevAccount[] }).accounts;
    }
    // Both workers have polled once their probes have written (the probe starts with the process; give them the first task round-trip below).
    for (const w of [worker, floorWorker]) {
      const since = Date.now();
      while (!existsSync(w.probeFile)) {
        if (Date.now() - since > 60_000) throw new Error(`${w.child.name}: no probe file`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    opts.say(
      `stack in ${dir}: PostgreSQL ${pg.pid}, Temporal dev server ${temporal.pid} on ${temporalAddress}, worker ${worker.pid}, floor worker ${floorWorker.pid}${baseUrl ? `, service on ${baseUrl}` : ''}; worker cache ${opts.cacheSize}`,
    );
    return {
      dir,
      temporalAddress,
      databaseUrl,
      temporal,
      worker,
      floorWorker,
      baseUrl,
      beforeUrl,
      accounts,
      cacheSize: opts.cacheSize,
      stopWorker: () => worker.child.stop(),
      stopService: async () => void (await service?.stop()),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
