/**
 * Where a request's time goes, as a `Server-Timing` header (issue 12: the HTTP decision path's
 * tail). Off unless the service runs with APPROVALS_SERVER_TIMING=1 (`npm run bench:latency`
 * does); then every step a route names is timed, and without it each call here does nothing.
 * `validate` runs from the token's user to the first line of a handler that ends it (the agent
 * gate and zod's checks of params, headers and body); in a route that does not, it is the rest.
 */
import type { Context } from 'hono';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { endTime, startTime, timing } from 'hono/timing';

/** The middleware that collects the steps and writes the header (mounted only when timing is on). */
export const serverTiming = () => timing({ totalDescription: 'total' });

export function stepStarts(c: Context, step: string): void {
  if (c.get('metric')) startTime(c, step);
}

export function stepEnds(c: Context, step: string): void {
  if (c.get('metric')) endTime(c, step);
}

/** Awaits `work` as the step `step`. */
export async function timedStep<T>(c: Context, step: string, work: () => Promise<T>): Promise<T> {
  stepStarts(c, step);
  try {
    return await work();
  } finally {
    stepEnds(c, step);
  }
}

/** Every `everyMs`, the event loop's delay (p50, p99, max) and the longest GC pause since the last line; returns the stop. */
export function logEventLoopDelay(log: (line: string) => void, everyMs = 5000): () => void {
  const RESOLUTION_MS = 10;
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let gcMs = 0;
  let gcCount = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs = Math.max(gcMs, entry.duration);
      gcCount++;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  // The histogram holds each 10 ms timer's whole interval: the delay is what exceeds it.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(0);
  const timer = setInterval(() => {
    log(
      `[loop] event-loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms; ${gcCount} GCs, longest ${gcMs.toFixed(0)} ms`,
    );
    delay.reset();
    gcMs = 0;
    gcCount = 0;
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    gc.disconnect();
    delay.disable();
  };
}
