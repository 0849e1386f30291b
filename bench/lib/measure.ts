/**
 * Shared by the benchmarks: bounded concurrency, a process's own counters (/proc), quantiles
 * and min/median/max over repetitions, and a logged-in HTTP API client.
 */
import { readFileSync } from 'node:fs';

/** Runs `fn` over 0..count-1 with at most `limit` at once; `progress` after each. */
export async function pool(count: number, limit: number, fn: (i: number) => Promise<void>, progress: (done: number) => void = () => undefined): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      await fn(i);
      progress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? NaN);
  return { rssMiB: kb('VmRSS:') / 1024, peakMiB: kb('VmHWM:') / 1024 };
}

/** CPU seconds (user + system) a process has used (/proc/<pid>/stat, clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The q-quantile of an ascending array (nearest rank). */
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

export interface TSpread {
  min: number;
  median: number;
  max: number;
}
/** min/median/max of repetitions' figures. */
export function spread(values: number[]): TSpread {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: quantile(s, 0.5), max: s[s.length - 1] ?? NaN };
}
export const fmtSpread = (s: TSpread, digits = 2) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<Api> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new Api(baseUrl, ((await res.json()) as { token: string }).token);
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 300)}`);
    return JSON.parse(body) as T;
  }

  /** POSTs JSON; the status, headers and body text, whatever the status. */
  async post(path: string, body: unknown): Promise<{ status: number; headers: Headers; text: string }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}
