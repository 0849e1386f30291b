/**
 * The main job (`npm start`): the embedded Temporal dev server with its data under data/,
 * the worker and the HTTP service. On first start it creates the users (passwords printed
 * once, kept in data/dev-credentials.json, mode 0600); `--demo` (`npm run demo`) also creates
 * a few projects in different stages. Ctrl-C or SIGTERM stops every child this process
 * started, by PID, in reverse order.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { currentCalendarSnapshot } from '../definitions/calendar/node/store';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { getDefinition, listDefinitions } from '../definitions/process';
import { provisionUsers, type TDevAccount } from '../service/users/provision';
import { DEFAULT_TASK_QUEUE } from '../workflows/shared';
import { seedDemo } from './demo';
import { SEARCH_ATTRIBUTE_FLAGS } from './search-attribute-flags';

const ROOT = join(__dirname, '..');
const ZStartConfig = z.object({
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  APPROVALS_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APPROVALS_DATA_DIR: z.string().min(1).default(join(ROOT, 'data')),
});
const DEMO = process.argv.includes('--demo');

const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const proc = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `[${name}] ${l}\n`)
      .join('');
  proc.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  proc.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void stopAll(1);
    }
  });
  children.push({ name, proc });
  return proc;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs / 1000}s`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  for (const { name, proc } of [...children].reverse()) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    console.log(`[start] stopping ${name} (pid ${proc.pid})`);
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const config = ZStartConfig.parse(process.env);
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const port of [config.TEMPORAL_PORT, config.TEMPORAL_UI_PORT, config.APPROVALS_HTTP_PORT]) {
    if (await portInUse(port)) throw new Error(`port ${port} is already in use: is another \`npm start\` running?`);
  }
  mkdirSync(config.APPROVALS_DATA_DIR, { recursive: true });
  const dbFile = join(config.APPROVALS_DATA_DIR, 'temporal.db');
  console.log(`[start] Temporal dev server on localhost:${config.TEMPORAL_PORT}, data in ${dbFile}`);
  run('temporal', join(ROOT, '.tools', 'bin', 'temporal'), [
    'server', 'start-dev',
    '--db-filename', dbFile,
    '--port', String(config.TEMPORAL_PORT),
    '--ui-port', String(config.TEMPORAL_UI_PORT),
    '--log-level', 'error',
    ...SEARCH_ATTRIBUTE_FLAGS,
  ]);
  await waitForPort(config.TEMPORAL_PORT, 60_000);
  console.log(`[start] Temporal Web UI: http://localhost:${config.TEMPORAL_UI_PORT}`);

  const temporalEnv = { TEMPORAL_ADDRESS: `localhost:${config.TEMPORAL_PORT}`, APPROVALS_DATA_DIR: config.APPROVALS_DATA_DIR };
  run('worker', process.execPath, ['--import', 'tsx', join(ROOT, 'worker', 'main.ts')], temporalEnv);

  const accounts = await provisionUsers({
    usersFile: join(config.APPROVALS_DATA_DIR, 'users.json'),
    credentialsFile: join(config.APPROVALS_DATA_DIR, 'dev-credentials.json'),
    departments: builtinDepartments(),
  });
  run('service', process.execPath, ['--import', 'tsx', join(ROOT, 'service', 'main.ts')], { ...temporalEnv, APPROVALS_HTTP_PORT: String(config.APPROVALS_HTTP_PORT) });
  await waitForPort(config.APPROVALS_HTTP_PORT, 60_000);
  if (accounts) printAccounts(accounts, join(config.APPROVALS_DATA_DIR, 'dev-credentials.json'));
  if (DEMO) await demo(config.TEMPORAL_PORT, config.APPROVALS_DATA_DIR);
  console.log(`[start] API: http://localhost:${config.APPROVALS_HTTP_PORT}/api (OpenAPI: /api/openapi.json); log in with POST /api/auth/login`);
  console.log('[start] running; press Ctrl-C to stop everything');
}

/** One account per department of the built-in definitions. */
function builtinDepartments(): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const { definition } of listDefinitions()) for (const d of definition.departments) if (!byId.has(d.id)) byId.set(d.id, d.name.zh);
  return [...byId].map(([id, name]) => ({ id, name }));
}

function printAccounts(accounts: TDevAccount[], file: string): void {
  console.log(`[start] first start: created ${accounts.length} users (shown once; kept in ${file}, readable only by you)`);
  for (const a of accounts) console.log(`[start]   ${a.role.padEnd(11)} ${a.username.padEnd(36)} ${a.password}`);
}

async function demo(temporalPort: number, dataDir: string): Promise<void> {
  const connection = await Connection.connect({ address: `localhost:${temporalPort}` });
  try {
    const client = new Client({ connection });
    const calendar = new WorkingCalendar(currentCalendarSnapshot(dataDir));
    const created = await seedDemo(client, DEFAULT_TASK_QUEUE, getDefinition('wuhan-industrial')!, calendar);
    console.log(created.length > 0 ? `[start] demo projects created: ${created.join(', ')}` : '[start] demo projects already exist');
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  void stopAll(1);
});
