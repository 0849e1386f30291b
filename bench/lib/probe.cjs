/**
 * Preloaded into a benchmarked worker (`node --require bench/lib/probe.cjs`): the process's own
 * heap, RSS, CPU and GC pauses (PerformanceObserver 'gc' entries), written as JSON to
 * $BENCH_PROBE_FILE every 500 ms. A file `$BENCH_PROBE_FILE.gc` asks for a full GC first
 * (needs --expose-gc), so heap figures after it are live objects, not garbage.
 */
'use strict';
const { PerformanceObserver } = require('node:perf_hooks');
const { existsSync, rmSync, writeFileSync, renameSync } = require('node:fs');

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  /** Pauses of 10 ms or more, [epoch ms, pause ms]; the longest pause overall. */
  const pauses = [];
  let longest = 0;
  let count = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      count++;
      longest = Math.max(longest, e.duration);
      if (e.duration >= 10) pauses.push([Math.round(performance.timeOrigin + e.startTime), Math.round(e.duration * 10) / 10]);
    }
  }).observe({ entryTypes: ['gc'] });
  const write = () => {
    if (existsSync(`${file}.gc`) && typeof global.gc === 'function') {
      rmSync(`${file}.gc`, { force: true });
      global.gc();
      global.gc();
    }
    const m = process.memoryUsage();
    const c = process.cpuUsage();
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, cpuUs: c.user + c.system, gcCount: count, gcLongestMs: longest, pauses: pauses.slice(-2000) }));
      renameSync(`${file}.tmp`, file);
    } catch {
      // the benchmark's directory is gone: it is stopping this process
    }
  };
  setInterval(write, 500).unref();
}
