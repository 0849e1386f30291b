/**
 * The children of a start script, kept in start order and stopped in reverse, each by its own
 * PID (SIGTERM, then SIGKILL after a grace period). Members are spawned processes or anything
 * else with a PID and a stop() (the PostgreSQL handle). A child that exits on its own, not
 * through this group, is reported to `onUnexpectedExit` (the main job then stops everything).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface Member {
  readonly name: string;
  readonly pid: number;
  /** Ask it to stop and wait until it has. */
  stop(): Promise<void>;
}

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Drop its output once it is being stopped. */
  quietOnStop?: boolean;
}

export interface Child extends Member {
  readonly spec: ChildSpec;
  readonly proc: ChildProcess;
  alive(): boolean;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** Sends `signal` now (e.g. SIGKILL in a crash test); its exit is then expected, not reported. */
  kill(signal: NodeJS.Signals): void;
  /** The last lines it printed (for error messages). */
  tail(): string[];
}

export interface ProcessGroupOptions {
  cwd: string;
  /** Each output line of a child; default: printed with a `[name]` prefix. */
  log?: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
  onUnexpectedExit?: (child: Child, code: number | null, signal: NodeJS.Signals | null) => void;
  /** How long a child may take to stop after SIGTERM before it gets SIGKILL. */
  graceMs?: number;
}

const defaultLog = (name: string, line: string, stream: 'stdout' | 'stderr') =>
  (stream === 'stdout' ? process.stdout : process.stderr).write(`[${name}] ${line}\n`);

export class ProcessGroup {
  private readonly members: Member[] = [];
  private stopping = false;

  constructor(private readonly options: ProcessGroupOptions) {}

  add(member: Member): void {
    this.members.push(member);
  }

  /** Every PID this group started and has not stopped yet, in start order. */
  pids(): number[] {
    return this.members.map((m) => m.pid);
  }

  spawn(spec: ChildSpec): Child {
    const child = this.launch(spec);
    this.members.push(child);
    return child;
  }

  /** Stops every member, newest first. Safe to call more than once. */
  async stopAll(report: (line: string) => void = () => undefined): Promise<void> {
    this.stopping = true;
    while (this.members.length > 0) {
      const member = this.members.pop()!;
      report(`stopping ${member.name} (pid ${member.pid})`);
      try {
        await member.stop();
      } catch (err) {
        report(`could not stop ${member.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private launch(spec: ChildSpec): Child {
    const proc = spawn(spec.command, spec.args, { cwd: this.options.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    if (proc.pid === undefined) throw new Error(`could not start ${spec.name} (${spec.command})`);
    const lines: string[] = [];
    const log = this.options.log ?? defaultLog;
    let expected = false;
    let stopRequested = false;
    const alive = () => proc.exitCode === null && proc.signalCode === null;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const forward = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line);
        if (lines.length > 50) lines.shift();
        if (!(spec.quietOnStop && stopRequested)) log(spec.name, line, stream);
      }
    };
    proc.stdout?.on('data', forward('stdout'));
    proc.stderr?.on('data', forward('stderr'));
    const child: Child = {
      name: spec.name,
      pid: proc.pid,
      spec,
      proc,
      alive,
      exited,
      tail: () => [...lines],
      kill(signal) {
        expected = true;
        proc.kill(signal);
      },
      stop: async () => {
        if (!alive()) return;
        expected = true;
        stopRequested = true;
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), this.options.graceMs ?? 10_000);
        await exited;
        clearTimeout(timer);
      },
    };
    proc.on('exit', (code, signal) => {
      if (!expected && !this.stopping) this.options.onUnexpectedExit?.(child, code, signal);
    });
    return child;
  }
}
