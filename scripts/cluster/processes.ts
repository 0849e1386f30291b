/**
 * The children of a start script, kept in start order and stopped in reverse, each by its own
 * PID (SIGTERM, then SIGKILL after a grace period). Members are spawned processes or anything
 * else with a PID and a stop() (the PostgreSQL handle). A child that exits on its own, not
 * through this group, is restarted with backoff when the group has a `restart` policy (the main
 * job), else reported to `onUnexpectedExit`.
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

/** Restarting a crashed child: after `initialDelayMs`, doubling per crash up to `maxDelayMs`; back to the start once it ran `resetAfterMs`. */
export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  resetAfterMs: number;
}

export interface ProcessGroupOptions {
  cwd: string;
  /** Each output line of a child; default: printed with a `[name]` prefix. */
  log?: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
  onUnexpectedExit?: (child: Child, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Restart spawned children that exit on their own (instead of reporting them to onUnexpectedExit). */
  restart?: RestartPolicy;
  /** Each restart about to happen (after `delayMs`), the `count`th of this child. */
  onRestart?: (child: Child, code: number | null, signal: NodeJS.Signals | null, delayMs: number, count: number) => void;
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
    const lines: string[] = [];
    const log = this.options.log ?? defaultLog;
    let expected = false;
    let stopRequested = false;
    const start = () => {
      const proc = spawn(spec.command, spec.args, { cwd: this.options.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      if (proc.pid === undefined) throw new Error(`could not start ${spec.name} (${spec.command})`);
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
      return { proc, exited: new Promise<void>((resolve) => proc.once('exit', () => resolve())), startedAt: Date.now() };
    };
    let current = start();
    let restarts = 0;
    let delay = this.options.restart?.initialDelayMs ?? 0;
    let restartTimer: NodeJS.Timeout | undefined;
    const alive = () => current.proc.exitCode === null && current.proc.signalCode === null;
    const child: Child = {
      name: spec.name,
      get pid() {
        return current.proc.pid!;
      },
      spec,
      get proc() {
        return current.proc;
      },
      alive,
      get exited() {
        return current.exited;
      },
      tail: () => [...lines],
      kill(signal) {
        expected = true;
        clearTimeout(restartTimer);
        current.proc.kill(signal);
      },
      stop: async () => {
        expected = true;
        stopRequested = true;
        clearTimeout(restartTimer);
        if (!alive()) return;
        const { proc, exited } = current;
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), this.options.graceMs ?? 10_000);
        await exited;
        clearTimeout(timer);
      },
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (expected || this.stopping) return;
      const policy = this.options.restart;
      if (!policy) {
        this.options.onUnexpectedExit?.(child, code, signal);
        return;
      }
      if (Date.now() - current.startedAt >= policy.resetAfterMs) delay = policy.initialDelayMs;
      restarts += 1;
      this.options.onRestart?.(child, code, signal, delay, restarts);
      restartTimer = setTimeout(() => {
        if (expected || this.stopping) return;
        try {
          current = start();
          current.proc.on('exit', onExit);
        } catch {
          this.options.onUnexpectedExit?.(child, null, null);
        }
      }, delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    };
    current.proc.on('exit', onExit);
    return child;
  }
}
