/**
 * Preloaded into a benchmarked worker (`node --require bench/lib/probe.cjs`), in its main
 * thread and in every worker thread (the SDK runs workflows in worker threads, each with a heap
 * of its own): the thread's heap, the process's RSS and CPU, and GC pauses (PerformanceObserver
 * 'gc' entries), written as JSON to $BENCH_PROBE_FILE (main thread) or $BENCH_PROBE_FILE.t<id>
 * every second. Requests are files beside it: `<its file>.gc` asks for a full GC first (needs
 * --expose-gc), so heap figures after it are live objects; `<its file>.snap` (holding a path)
 * asks for a heap snapshot written there.
 */
'use strict';
const { PerformanceObserver } = require('node:perf_hooks');
const { existsSync, readFileSync, rmSync, writeFileSync, renameSync } = require('node:fs');
const { isMainThread, threadId } = require('node:worker_threads');
const v8 = require('node:v8');

const base = process.env.BENCH_PROBE_FILE;
if (base) {
  const file = isMainThread ? base : `${base}.t${threadId}`;
  /** Pauses of 10 ms or more, [epoch ms, pause ms, kind] (kind: perf_hooks' NODE_PERFORMANCE_GC_* flag, 1 minor, 4 major, 8 incremental, 16 weak callbacks); the longest pause overall. */
  const pauses = [];
  let longest = 0;
  let count = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      count++;
      longest = Math.max(longest, e.duration);
      if (e.duration >= 10) pauses.push([Math.round(performance.timeOrigin + e.startTime), Math.round(e.duration * 10) / 10, e.detail?.kind ?? 0]);
    }
  }).observe({ entryTypes: ['gc'] });
  const write = () => {
    try {
      if (existsSync(`${file}.gc`) && typeof global.gc === 'function') {
        global.gc();
        global.gc();
        rmSync(`${file}.gc`, { force: true });
      }
      if (existsSync(`${file}.snap`)) {
        const target = readFileSync(`${file}.snap`, 'utf8').trim();
        v8.writeHeapSnapshot(target);
        rmSync(`${file}.snap`, { force: true });
      }
      const m = process.memoryUsage();
      const c = process.cpuUsage();
      writeFileSync(
        `${file}.tmp`,
        JSON.stringify({
          at: Date.now(),
          rss: m.rss,
          heapUsed: v8.getHeapStatistics().used_heap_size,
          cpuUs: c.user + c.system,
          gcCount: count,
          gcLongestMs: longest,
          pauses: pauses.slice(-2000),
        }),
      );
      renameSync(`${file}.tmp`, file);
    } catch {
      // the benchmark's directory is gone: it is stopping this process
    }
  };
  setInterval(write, 1000).unref();
}
