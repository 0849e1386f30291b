/**
 * A PostgreSQL server of our own as a child process (the main job's `data/pg`, the tests'
 * throwaway clusters): Debian's postgresql-15 binaries, a cluster created on first start,
 * listening on 127.0.0.1 and a socket directory inside the cluster. `initdb` and `postgres`
 * refuse to run as root, so as root they run as the `postgres` user (setpriv execs in
 * place: the PID we hold is the postmaster's, and SIGTERM reaches it directly).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export const PG_BIN = process.env.APPROVALS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const PG_SUPERUSER = 'approvals';

export interface LocalPostgres {
  readonly port: number;
  readonly pid: number;
  /** A connection URL for `database` (TCP on 127.0.0.1). */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  /** The cluster directory; created (initdb) when it holds no cluster yet. */
  dataDir: string;
  port: number;
  /** The superuser's password; without it the cluster trusts local connections (tests only). */
  password?: string;
  /** Faster and unsafe on a crash (fsync off): for throwaway test clusters only. */
  throwaway?: boolean;
  /** Each line the server logs (default: dropped; errors are still reported on a failed start). */
  log?: (line: string) => void;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The command line that runs `binary` as the postgres user when we are root. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, binary);
  if (!existsSync(path)) throw new Error(`${path} is missing: install PostgreSQL 15 (apt-get install postgresql-15; npm run setup does this)`);
  return asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', path, ...args]] : [path, args];
}

function ownByPostgres(path: string): void {
  if (!asRoot) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(path, uid, gid);
}

function initCluster(options: LocalPostgresOptions): void {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  ownByPostgres(options.dataDir);
  const args = ['-D', options.dataDir, '-U', PG_SUPERUSER, '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'];
  let pwfile: string | undefined;
  if (options.password !== undefined) {
    pwfile = join(tmpdir(), `approvals-pw-${process.pid}-${Date.now()}`);
    writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
    ownByPostgres(pwfile);
    args.push('-A', 'scram-sha-256', `--pwfile=${pwfile}`);
  } else {
    args.push('-A', 'trust');
  }
  const [cmd, cmdArgs] = asPostgres('initdb', args);
  try {
    execFileSync(cmd, cmdArgs, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    if (/Permission denied|could not access|could not change/i.test(stderr)) {
      throw new Error(
        `initdb could not use ${options.dataDir} as the postgres user: every folder above it must be searchable by others (chmod o+x), or set DATABASE_URL to an existing PostgreSQL\n${stderr}`,
      );
    }
    throw new Error(`initdb failed for ${options.dataDir}:\n${stderr}`);
  } finally {
    if (pwfile) rmSync(pwfile, { force: true });
  }
}

async function waitUntilReady(url: string, proc: ChildProcess, output: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`PostgreSQL exited while starting (${proc.signalCode ?? `code ${proc.exitCode}`}):\n${output.slice(-20).join('\n')}`);
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000}s (${lastError}):\n${output.slice(-20).join('\n')}`);
}

/** Starts (creating on first use) a cluster; resolves once it accepts connections. */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) initCluster(options);
  const socketDir = join(options.dataDir, 'socket');
  if (!existsSync(socketDir)) {
    mkdirSync(socketDir, { mode: 0o700 });
    ownByPostgres(socketDir);
  }
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, '-c', 'max_connections=200'];
  if (options.throwaway) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const [cmd, args] = asPostgres('postgres', ['-D', options.dataDir, '-p', String(options.port), ...settings]);
  const proc = spawn(cmd, args, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > 200) output.shift();
      options.log?.(line);
    }
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const auth = options.password !== undefined ? `${PG_SUPERUSER}:${encodeURIComponent(options.password)}` : PG_SUPERUSER;
  const url = (database: string) => `postgres://${auth}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    await waitUntilReady(url('postgres'), proc, output, 30_000);
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  return {
    port: options.port,
    pid: proc.pid!,
    url,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      // SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, nothing is lost.
      proc.kill('SIGINT');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Creates `database` unless it exists (CREATE DATABASE cannot say IF NOT EXISTS). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`database name ${JSON.stringify(database)}: lower-case letters, digits and _ only`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database ${database}`);
      } catch (err) {
        // Another process created it between the look-up and here.
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops `database` if it exists, disconnecting its sessions first. */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${database} with (force)`);
  } finally {
    await client.end();
  }
}
