/**
 * `npm run bench:engine` (issue 12): what a complete default project costs the engine, beside
 * a bare Temporal floor workflow of the same event shape run in the same invocation on the
 * same dev server, as ratios (project / floor).
 *
 *   npm run bench:engine -- [--reps 3] [--concurrency 1,8,32] [--open 2000] [--cache <n>]
 *                           [--quick] [--profile | --cpu-profile] [--keep-profiles <dir>]
 *                           [--memory-only] [--no-floors]
 *                           [--json <file>] [--compare bench/results/before.json]
 *
 * 1. The shape: one default project driven to its end (client/scenario.ts driveProject, every
 *    stage rated so the workflow completes); updates, activities, local activities (the
 *    engine's one `publishWake` per wake), search-attribute upserts, timers and events counted
 *    from its history, queries from the client's calls. The floor (bench/floor/) gets the same
 *    counts, so its history has the same kinds of events in about the same number.
 * 2. Throughput and CPU: at each concurrency, a batch of complete projects, then a batch of
 *    floors; projects/s, and CPU seconds per project of the worker and of the Temporal dev
 *    server from their /proc/<pid>/stat counters. A warm-up first; `--reps` repetitions;
 *    min/median/max. Project ids are fixed (bench-<c>-<rep>-<i>): no randomness anywhere.
 * 3. Memory: `--open` projects started and left waiting for their first step (each queried once
 *    so it is in the worker's cache, which is set explicitly to hold them all), the worker's
 *    heap and RSS after a full GC before and after, per project; the same for floors; the
 *    longest GC pause in the worker meanwhile (PerformanceObserver, bench/lib/probe.cjs).
 * 4. `--profile`: the worker runs with --cpu-prof; heap snapshots before and after opening
 *    projects; prints the top 15 functions by self time and what the open projects added.
 *    `--cpu-profile`: the CPU profile alone, no heap snapshots (they dominate a short run's
 *    samples), for the steady state of the throughput batches. `--keep-profiles <dir>` copies
 *    the .cpuprofile files there (the stack's directory is removed at the end).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { constants as perfConstants } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { viewProject } from '../client/projects';
import { registerDefaultProject } from '../tests/helpers/projects';
import { DEFAULT_TASK_QUEUE } from '../workflows/shared';
import { FLOOR_TASK_QUEUE, floorStateQuery } from './floor/messages';
import { completeDefaultProject, completeFloor, floorInput, shapeOf, type TShape } from './lib/drive';
import { cpuSeconds, fmtSpread, pool, spread } from './lib/measure';
import { cpuProfileTop, filesIn, heapByKind, heapGrowth, mergeKinds, type THeapKind, type TSelfTime } from './lib/profiles';
import { commitOf, compareWith, machine, runBench, saveResult, type TFigure } from './lib/results';
import { type BenchStack, ROOT, startBenchStack } from './lib/stack';

// ---------------------------------------------------------------- options
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const QUICK = process.argv.includes('--quick');
const PROFILE = process.argv.includes('--profile');
const CPU_PROFILE = PROFILE || process.argv.includes('--cpu-profile');
const KEEP_PROFILES = arg('keep-profiles');
const REPS = Number(arg('reps') ?? (QUICK ? 1 : 3));
const CONCURRENCIES = (arg('concurrency') ?? (QUICK ? '8' : '1,8,32')).split(',').map(Number);
/** Open projects for the memory figure; with --profile fewer, so the heap snapshots stay readable (a string of at most 512 MB). */
const OPEN = Number(arg('open') ?? (PROFILE ? 100 : QUICK ? 300 : 2000));
const CACHE = Number(arg('cache') ?? OPEN + 100);
/** The memory step alone (no warm-up, no throughput batches): minutes instead of tens of minutes at many open projects. */
const MEMORY_ONLY = process.argv.includes('--memory-only');
/** No open floors after the open projects (halves a long memory step; the floor's figures are then absent). */
const NO_FLOORS = process.argv.includes('--no-floors');
const JSON_OUT = arg('json');
const COMPARE = arg('compare');
if (!Number.isInteger(REPS) || REPS < 1) throw new Error('--reps: a whole number ≥ 1');
if (CONCURRENCIES.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--concurrency: whole numbers ≥ 1, comma-separated');
if (!Number.isInteger(OPEN) || OPEN < 10) throw new Error('--open: a whole number ≥ 10');
if (CACHE < OPEN)
  console.warn(`[engine] --cache ${CACHE} is below --open ${OPEN}: projects will be evicted and the memory figure is the cache's, not the projects'`);

const t0 = Date.now();
const say = (line: string) => console.log(`[engine +${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);
/** Complete projects per batch: enough for every lane to finish a few. */
const batchOf = (c: number) => (c === 1 ? 3 : c);

interface TBatch {
  kind: 'project' | 'floor';
  concurrency: number;
  rep: number;
  count: number;
  seconds: number;
  perSecond: number;
  workerCpu: number;
  serverCpu: number;
}

/** A batch of `count` complete projects (or floors) at `concurrency`, with the CPU the worker and the server spent on it. */
async function batch(stack: BenchStack, client: Client, kind: 'project' | 'floor', concurrency: number, rep: number, shape: TShape): Promise<TBatch> {
  const count = batchOf(concurrency);
  const worker = kind === 'project' ? stack.worker : stack.floorWorker;
  const [w0, s0, at] = [cpuSeconds(worker.pid), cpuSeconds(stack.temporal.pid), Date.now()];
  let last = Date.now();
  await pool(
    count,
    concurrency,
    async (i) => {
      const id = `bench-${kind}-c${concurrency}-r${rep}-${i}`;
      if (kind === 'project') await completeDefaultProject(client, id);
      else await completeFloor(client, id, shape);
    },
    (done) => {
      if (Date.now() - last > 15_000) {
        say(`  ${kind}s at ${concurrency}: ${done}/${count} complete`);
        last = Date.now();
      }
    },
  );
  const seconds = (Date.now() - at) / 1000;
  const b: TBatch = {
    kind,
    concurrency,
    rep,
    count,
    seconds,
    perSecond: count / seconds,
    workerCpu: (cpuSeconds(worker.pid) - w0) / count,
    serverCpu: (cpuSeconds(stack.temporal.pid) - s0) / count,
  };
  say(
    `  ${kind}s at ${concurrency} (rep ${rep}): ${count} in ${seconds.toFixed(1)} s = ${b.perSecond.toFixed(2)}/s; CPU per ${kind}: worker ${b.workerCpu.toFixed(3)} s, server ${b.serverCpu.toFixed(3)} s`,
  );
  return b;
}

interface TMemory {
  kind: 'project' | 'floor';
  open: number;
  heapBefore: number;
  heapAfter: number;
  rssBefore: number;
  rssAfter: number;
  perProjectHeap: number;
  perProjectRss: number;
  openSeconds: number;
  longestGcMs: number;
  pausesOver100: number;
  pausesOver200: number;
  /** The longest mark-compact (major) and scavenge (minor) pause while opening. */
  longestMajorMs: number;
  longestMinorMs: number;
  /** The forced, non-incremental full GC after opening: what one atomic mark-compact of the whole heap costs. */
  forcedGcMs: number;
  threads: number;
}

/** Opens `count` workflows of `kind` left waiting (each queried once: in the cache), the worker's memory before/after a full GC. */
async function openMany(stack: BenchStack, client: Client, kind: 'project' | 'floor', count: number, shape: TShape): Promise<TMemory> {
  const worker = kind === 'project' ? stack.worker : stack.floorWorker;
  const before = await worker.afterFullGc();
  const at = Date.now();
  let last = Date.now();
  const progress = (what: string) => (done: number) => {
    if (Date.now() - last > 15_000 || done === count) {
      say(`  ${what}: ${done}/${count} (${(done / ((Date.now() - at) / 1000)).toFixed(1)}/s), worker RSS ${mib(worker.totals().rss)}`);
      last = Date.now();
    }
  };
  await pool(
    count,
    32,
    async (i) => {
      const id = `open-${kind}-${String(i).padStart(5, '0')}`;
      if (kind === 'project') {
        await registerDefaultProject(client, DEFAULT_TASK_QUEUE, { projectId: id });
        await viewProject(client, id);
      } else {
        const handle = await client.workflow.start('floorWorkflow', {
          taskQueue: FLOOR_TASK_QUEUE,
          workflowId: id,
          args: [floorInput(shape)],
        });
        await handle.query(floorStateQuery);
      }
    },
    progress(`open ${kind}s started and queried`),
  );
  const opened = Date.now();
  const openSeconds = (opened - at) / 1000;
  const after = await worker.afterFullGc();
  // The pauses while opening only: the forced full GC right after is the probe's, not the worker's own.
  const pauses = worker.pausesSince(at, opened);
  const forced = worker.pausesSince(opened);
  const m: TMemory = {
    kind,
    open: count,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    rssBefore: before.rss,
    rssAfter: after.rss,
    perProjectHeap: (after.heapUsed - before.heapUsed) / count,
    perProjectRss: (after.rss - before.rss) / count,
    openSeconds,
    longestGcMs: Math.max(0, ...pauses),
    pausesOver100: pauses.filter((p) => p > 100).length,
    pausesOver200: pauses.filter((p) => p > 200).length,
    forcedGcMs: Math.max(0, ...forced),
    longestMajorMs: Math.max(0, ...worker.pausesSince(at, opened, GC_MAJOR)),
    longestMinorMs: Math.max(0, ...worker.pausesSince(at, opened, GC_MINOR)),
    threads: after.threads,
  };
  say(
    `  ${count} open ${kind}s: heap ${mib(m.heapBefore)} → ${mib(m.heapAfter)}, RSS ${mib(m.rssBefore)} → ${mib(m.rssAfter)}; per ${kind} ${kib(m.perProjectHeap)} heap, ${kib(m.perProjectRss)} RSS; longest GC pause ${m.longestGcMs.toFixed(0)} ms (${m.pausesOver100} over 100 ms), forced full GC ${m.forcedGcMs.toFixed(0)} ms`,
  );
  return m;
}

const { NODE_PERFORMANCE_GC_MAJOR: GC_MAJOR, NODE_PERFORMANCE_GC_MINOR: GC_MINOR } = perfConstants;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;

async function main(): Promise<void> {
  say(`reps ${REPS}, concurrency ${CONCURRENCIES.join(', ')}, open ${OPEN}, worker cache ${CACHE}${CPU_PROFILE ? ', profiling the worker' : ''}`);
  const stack = await startBenchStack({ name: 'bench-engine', cacheSize: CACHE, profile: CPU_PROFILE, say });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  let profile: { functions: TSelfTime[]; origins: TSelfTime[]; totalMs: number; heap?: THeapKind[]; heapOpen?: number } | undefined;
  try {
    // ---- 1. the shape of a complete default project, and the floor's
    const { queries } = await completeDefaultProject(client, 'bench-shape', { waitForWorker: true });
    const shape = await shapeOf(client, 'project-bench-shape', queries);
    await completeFloor(client, 'bench-floor-shape', shape);
    const floorShape = await shapeOf(client, 'bench-floor-shape', queries);
    say(
      `a complete default project: ${shape.updates} updates, ${shape.activities} activities, ${shape.localActivities} local activities, ${shape.upserts} upserts, ${shape.timers} timers, ${shape.queries} queries, ${shape.events} history events in ${shape.runs} run(s), ${kib(shape.historyBytes)} of history`,
    );
    say(
      `its floor: ${floorShape.updates} updates, ${floorShape.activities} activities, ${floorShape.localActivities} local activities, ${floorShape.upserts} upserts, ${floorShape.timers} timers, ${floorShape.queries} queries, ${floorShape.events} history events, ${kib(floorShape.historyBytes)} of history`,
    );

    // ---- 2. throughput and CPU
    const batches: TBatch[] = [];
    const concurrencies = MEMORY_ONLY ? [] : CONCURRENCIES;
    if (!MEMORY_ONLY) {
      say('warm-up: 2 projects and 2 floors at 2 concurrent');
      await pool(2, 2, async (i) => void (await completeDefaultProject(client, `bench-warm-${i}`)));
      await pool(2, 2, (i) => completeFloor(client, `bench-floor-warm-${i}`, shape));
    }
    for (const c of concurrencies) {
      for (let rep = 1; rep <= REPS; rep++) {
        say(`concurrency ${c}, repetition ${rep}/${REPS}`);
        batches.push(await batch(stack, client, 'project', c, rep, shape));
        batches.push(await batch(stack, client, 'floor', c, rep, shape));
      }
    }

    // ---- 3. memory per open project
    say(`memory: ${OPEN} open projects${NO_FLOORS ? '' : `, then ${OPEN} open floors`}`);
    // Heap snapshots of every thread of the worker (the workflows live in its workflow threads), added up by kind.
    const snapshot = async (label: string) => mergeKinds((await stack.worker.heapSnapshots(join(stack.dir, 'profiles'), label)).map(heapByKind));
    const heapBefore = PROFILE ? await snapshot('before') : undefined;
    const memory = [await openMany(stack, client, 'project', OPEN, shape)];
    if (heapBefore) {
      const heap = heapGrowth(heapBefore, await snapshot('after'), 25);
      profile = { functions: [], origins: [], totalMs: 0, heap, heapOpen: OPEN };
    }
    if (!NO_FLOORS) memory.push(await openMany(stack, client, 'floor', OPEN, shape));

    if (CPU_PROFILE) {
      say('stopping the worker for its CPU profile');
      await stack.stopWorker();
      // One profile per thread: the main thread (activities, gRPC) and the workflow threads.
      const files = filesIn(join(stack.dir, 'profiles'), '.cpuprofile');
      if (files.length === 0) say('no .cpuprofile written (the worker did not exit by itself)');
      else profile = { ...(profile ?? {}), ...cpuProfileTop(files) };
      if (KEEP_PROFILES) {
        mkdirSync(KEEP_PROFILES, { recursive: true });
        for (const f of files) copyFileSync(f, join(KEEP_PROFILES, basename(f)));
      }
    }

    // ---- the tables
    const lines: string[] = [];
    lines.push(`Machine: ${machine()}; ${new Date().toISOString().slice(0, 16)}Z; commit ${commitOf(ROOT)}`);
    lines.push(
      `Options: reps ${REPS}, concurrency ${concurrencies.join('/') || 'none (--memory-only)'}, batch per repetition ${concurrencies.map(batchOf).join('/')} projects, worker cache ${CACHE} (APPROVALS_WORKER_MAX_CACHED_WORKFLOWS, also the floor worker's), ${OPEN} open projects; NODE_OPTIONS ${process.env.NODE_OPTIONS ?? '(none)'}`,
    );
    lines.push(
      `Shape of a complete default project (from its history): ${shape.updates} updates, ${shape.activities} activities, ${shape.localActivities} local activities, ${shape.upserts} upserts, ${shape.timers} timers, ${shape.queries} queries, ${shape.events} events (${shape.runs} run), ${kib(shape.historyBytes)} history; the floor: ${floorShape.updates} updates, ${floorShape.activities} activities, ${floorShape.localActivities} local activities, ${floorShape.upserts} upserts, ${floorShape.timers} timers, ${floorShape.events} events, ${kib(floorShape.historyBytes)}`,
    );
    lines.push('');
    if (concurrencies.length > 0) {
      lines.push('| concurrent | projects/s | floors/s | CPU s/project: worker | server | total | floor total | total / floor | worker / floor worker |');
      lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    }
    const figures: Record<string, TFigure> = { 'history events per complete project': { value: shape.events, unit: 'events', floor: floorShape.events } };
    for (const c of concurrencies) {
      const of = (kind: 'project' | 'floor') => batches.filter((b) => b.concurrency === c && b.kind === kind).sort((a, b) => a.rep - b.rep);
      const [p, f] = [of('project'), of('floor')];
      const total = (b: TBatch) => b.workerCpu + b.serverCpu;
      const ratio = spread(p.map((b, i) => total(b) / total(f[i]!)));
      const workerRatio = spread(p.map((b, i) => b.workerCpu / f[i]!.workerCpu));
      const s = (list: TBatch[], get: (b: TBatch) => number, d = 2) => fmtSpread(spread(list.map(get)), d);
      lines.push(
        `| ${c} | ${s(p, (b) => b.perSecond)} | ${s(f, (b) => b.perSecond)} | ${s(p, (b) => b.workerCpu, 3)} | ${s(p, (b) => b.serverCpu, 3)} | ${s(p, total, 3)} | ${s(f, total, 3)} | ${fmtSpread(ratio)}× | ${fmtSpread(workerRatio)}× |`,
      );
      const med = (list: TBatch[], get: (b: TBatch) => number) => spread(list.map(get)).median;
      figures[`complete projects/s at ${c} concurrent`] = { value: med(p, (b) => b.perSecond), unit: '/s', floor: med(f, (b) => b.perSecond) };
      figures[`CPU s per project at ${c} concurrent (worker + server)`] = { value: med(p, total), unit: 's', floor: med(f, total) };
      figures[`worker CPU s per project at ${c} concurrent`] = { value: med(p, (b) => b.workerCpu), unit: 's', floor: med(f, (b) => b.workerCpu) };
      figures[`server CPU s per project at ${c} concurrent`] = { value: med(p, (b) => b.serverCpu), unit: 's', floor: med(f, (b) => b.serverCpu) };
    }
    if (concurrencies.length > 0) {
      lines.push('(median (min–max) over the repetitions; ratios are per repetition, project batch / the floor batch that ran right after it)');
      lines.push('');
    }
    lines.push(
      '| open, waiting at the first step | worker heap after GC (all threads) | worker RSS after GC | per project: heap | RSS | longest GC pause | of it: mark-compact | scavenge | pauses > 100 ms | > 200 ms | forced full GC | opened in |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const m of memory)
      lines.push(
        `| ${m.open} ${m.kind}s | ${mib(m.heapBefore)} → ${mib(m.heapAfter)} | ${mib(m.rssBefore)} → ${mib(m.rssAfter)} | ${kib(m.perProjectHeap)} | ${kib(m.perProjectRss)} | ${m.longestGcMs.toFixed(0)} ms | ${m.longestMajorMs.toFixed(0)} ms | ${m.longestMinorMs.toFixed(0)} ms | ${m.pausesOver100} | ${m.pausesOver200} | ${m.forcedGcMs.toFixed(0)} ms | ${m.openSeconds.toFixed(0)} s |`,
      );
    const [pm, fm] = [memory[0]!, memory[1]];
    lines.push(
      `(heap: every thread of the worker added up — its main thread and ${pm.threads - 1} more: the workflow threads and, under \`--import tsx\`, its module loader's; RSS: the process; pauses: while opening, in any thread; the forced full GC after it is not among them)`,
    );
    figures[`worker heap per open project (${OPEN} open)`] = { value: pm.perProjectHeap / 1024, unit: 'KiB', floor: fm && fm.perProjectHeap / 1024 };
    figures[`worker RSS per open project (${OPEN} open)`] = { value: pm.perProjectRss / 1024, unit: 'KiB', floor: fm && fm.perProjectRss / 1024 };
    figures[`longest worker GC pause opening ${OPEN} projects`] = { value: pm.longestGcMs, unit: 'ms', floor: fm?.longestGcMs };
    if (profile) {
      lines.push('');
      if (profile.functions.length > 0) {
        lines.push(
          `Worker CPU profile (--cpu-prof, the whole run, ${(profile.totalMs / 1000).toFixed(1)} s of samples outside idle): top functions by self time`,
        );
        lines.push('| function | where | self ms | share |', '|---|---|---:|---:|');
        for (const f of profile.functions) lines.push(`| ${f.fn} | ${f.where} | ${f.ms.toFixed(0)} | ${(f.share * 100).toFixed(1)} % |`);
        lines.push('', 'Self time by origin (package or file)', '| origin | self ms | share |', '|---|---:|---:|');
        for (const f of profile.origins) lines.push(`| ${f.fn} | ${f.ms.toFixed(0)} | ${(f.share * 100).toFixed(1)} % |`);
      }
      if (profile.heap) {
        lines.push('', `Heap snapshots before and after opening ${profile.heapOpen} projects: what they added, by kind (self size)`);
        lines.push('| kind | objects added | per project | bytes added | per project |', '|---|---:|---:|---:|---:|');
        for (const h of profile.heap)
          lines.push(
            `| ${h.kind} | ${h.count} | ${(h.count / profile.heapOpen!).toFixed(0)} | ${(h.bytes / 2 ** 20).toFixed(1)} MiB | ${kib(h.bytes / profile.heapOpen!)} |`,
          );
      }
    }
    console.log(`\n${lines.join('\n')}\n`);
    const result = {
      bench: 'engine',
      commit: commitOf(ROOT),
      date: new Date().toISOString(),
      machine: machine(),
      options: { reps: REPS, concurrency: concurrencies, open: OPEN, cache: CACHE, profile: PROFILE, nodeOptions: process.env.NODE_OPTIONS },
      figures,
      detail: { shape, floorShape, batches, memory, profile, table: lines },
    };
    if (JSON_OUT) saveResult(JSON_OUT, result);
    if (COMPARE) console.log(`${compareWith(COMPARE, result).join('\n')}\n`);
  } finally {
    await connection.close();
    await stack.stop();
  }
}

runBench('engine', main);
