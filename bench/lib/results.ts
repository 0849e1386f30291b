/**
 * A run's figures as JSON (bench/results/), and the comparison with an earlier run's
 * (`--compare bench/results/before.json`): the same figure names, side by side.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** One headline figure: its value (a run's median), its unit, and the floor's in the same run when there is one. */
export interface TFigure {
  value: number;
  unit: string;
  floor?: number;
}

export interface TRunResult {
  bench: string;
  commit: string;
  date: string;
  machine: string;
  options: Record<string, unknown>;
  figures: Record<string, TFigure>;
  detail: unknown;
}

export function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`;
}

export function commitOf(cwd: string): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function saveResult(file: string, result: TRunResult): void {
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

/** Lines comparing `now` with an earlier run's figures (and each run's ratio to its own floor). */
export function compareWith(file: string, now: TRunResult): string[] {
  const before = JSON.parse(readFileSync(file, 'utf8')) as TRunResult;
  const fmt = (f: TFigure | undefined) =>
    f ? `${f.value.toPrecision(3)} ${f.unit}${f.floor !== undefined ? ` (${(f.value / f.floor).toFixed(2)}× floor)` : ''}` : '—';
  const lines = [`| figure | before (${before.commit}, ${before.date.slice(0, 10)}) | now (${now.commit}) | now / before |`, '|---|---:|---:|---:|'];
  for (const name of new Set([...Object.keys(before.figures), ...Object.keys(now.figures)])) {
    const [b, n] = [before.figures[name], now.figures[name]];
    lines.push(`| ${name} | ${fmt(b)} | ${fmt(n)} | ${b && n ? `${(n.value / b.value).toFixed(2)}×` : '—'} |`);
  }
  return lines;
}

/** Runs a benchmark's main and exits: 0 when it finished, 1 with the error when not (its stack is stopped by then). */
export function runBench(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`[${name}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    },
  );
}
