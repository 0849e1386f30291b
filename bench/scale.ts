/**
 * `npm run bench:scale` (issue 10): N open projects on a stack of its own, then the HTTP API's
 * lists, inboxes and statistics measured at that scale.
 *
 *   npm run bench:scale -- [--n 10000] [--real <M ≤ N>] [--topology embedded|cluster] [--concurrency 32]
 *                          [--samples 200] [--cache <maxCachedWorkflows>] [--keep] [--json <file>]
 *
 * `--real M` (default N): M projects are real workflows; the other N − M are copies of their
 * read-model rows (new ids, registered earlier) and Temporal's visibility is filled to N with
 * bare workflows on a task queue no worker polls, so reads and the floor both see N.
 *
 * - Brings up its own stack on free ports in a temporary data directory (never data/):
 *   `embedded` = the main job's processes (PostgreSQL, the Temporal dev server on SQLite, one
 *   worker, one service, as scripts/start.ts runs them); `cluster` = scripts/cluster/topology.ts
 *   (PostgreSQL, Temporal's own server on it, two workers, two service replicas). Everything
 *   it started is stopped by PID at the end, also on failure or Ctrl-C; the data directory is
 *   removed unless `--keep`.
 * - Starts N default projects through the Temporal client (start rate), then drives them with
 *   bounded concurrency through real decisions (client/projects.ts `decide`) so they spread
 *   over stages: awaiting application, in intake, in review in stage 1 (some reviews
 *   approved), stage 1 finished and stage 2 applied for or in review.
 * - Waits until the read model has settled (one `projects` row per project, no more writes),
 *   checks every department's inbox total and the coordinator's queue total against what the
 *   decisions' own results say they should be, then measures p50/p99 of the HTTP reads and,
 *   as a floor in the same run, a bare Temporal visibility list (ListWorkflowExecutions, one
 *   page of 50). Also: worker and Temporal server RSS (/proc/<pid>/status), PostgreSQL's
 *   database size. The table is printed at the end (and as JSON with `--json <file>`).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { sql } from 'kysely';
import { decideAndView, startProject, viewProject } from '../client/projects';
import { stageApplication } from '../client/scenario';
import { openDatabase, type Db } from '../db/connect';
import { currentCalendarSnapshot } from '../definitions/calendar/node/store';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { getDefinition } from '../definitions/process';
import { registrationInput } from '../service/projects/registration';
import { DEMO_ENTERPRISES, type TDevAccount } from '../service/users/provision';
import type { TActor } from '../workflows/model/actor';
import type { TCommand } from '../workflows/model/commands';
import type { TProjectView } from '../workflows/engine/view';
import { DEFAULT_TASK_QUEUE } from '../workflows/shared';
import { freeLowPorts, waitForPort } from '../scripts/cluster/ports';
import { prepareProductDatabase, startOwnPostgres } from '../scripts/cluster/postgres';
import type { Child } from '../scripts/cluster/processes';
import type { TemporalPorts } from '../scripts/cluster/temporal-server';
import { startCluster } from '../scripts/cluster/topology';
import { devServerArgs, TEMPORAL_CLI } from '../scripts/dev-server';
import { Api, cpuSeconds, memoryOf, pool, quantile } from './lib/measure';
import { benchProcessGroup, provisionBenchUsers, startBenchService } from './lib/stack';

const ROOT = join(__dirname, '..');

// ---------------------------------------------------------------- options
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const N = Number(arg('n') ?? 10_000);
/** Projects driven through Temporal (real workflows); the rest of N are copies of their read-model rows. */
const REAL = Number(arg('real') ?? N);
const TOPOLOGY = (arg('topology') ?? 'embedded') as 'embedded' | 'cluster';
const CONCURRENCY = Number(arg('concurrency') ?? 32);
const SAMPLES = Number(arg('samples') ?? 200);
const CACHE = arg('cache');
const KEEP = process.argv.includes('--keep');
const JSON_OUT = arg('json');
if (!Number.isInteger(N) || N < 10) throw new Error('--n: a whole number ≥ 10');
if (!Number.isInteger(REAL) || REAL < 10 || REAL > N) throw new Error('--real: a whole number between 10 and --n');
if (TOPOLOGY !== 'embedded' && TOPOLOGY !== 'cluster') throw new Error('--topology: embedded or cluster');

const t0 = Date.now();
const say = (line: string) => console.log(`[scale +${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);

// ---------------------------------------------------------------- stack
interface Stack {
  temporalAddress: string;
  databaseUrl: string;
  baseUrl: string;
  workers: Child[];
  temporalServer: Child;
  /** Extra facts to report (e.g. the dev server's SQLite file). */
  temporalDb?: string;
}

const serverErrors = new Map<string, number>();
const group = benchProcessGroup('scale', serverErrors, () => void shutdown(1));

let dataDir: string | undefined;
let shuttingDown: Promise<void> | undefined;
function shutdown(code: number): Promise<void> {
  shuttingDown ??= (async () => {
    await group.stopAll((line) => say(line));
    if (dataDir && !KEEP) rmSync(dataDir, { recursive: true, force: true });
    else if (dataDir) say(`data kept in ${dataDir}`);
    process.exit(code);
  })();
  return shuttingDown;
}
process.on('SIGINT', () => void shutdown(130));
// A gRPC retry timer firing after the connection closed must not kill the script before it has stopped its children.
process.on('uncaughtException', (err) => {
  if (shuttingDown) return;
  console.error(`[scale] ${err.stack ?? err.message}`);
  void shutdown(1);
});
process.on('SIGTERM', () => void shutdown(143));

const workerEnv = (): NodeJS.ProcessEnv => (CACHE !== undefined ? { APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: CACHE } : {});

/** The main job's processes (as scripts/start.ts's embedded mode), on free ports. */
async function startEmbedded(dir: string): Promise<Stack> {
  const [pgPort, temporalPort, uiPort, httpPort] = await freeLowPorts(4);
  const pg = await startOwnPostgres(group, { dataDir: join(dir, 'pg'), port: pgPort!, passwordFile: join(dir, 'pg-password') });
  const databaseUrl = await prepareProductDatabase(pg.url);
  say(`PostgreSQL on 127.0.0.1:${pgPort} (pid ${pg.pid})`);
  const temporalDb = join(dir, 'temporal.db');
  const temporal = group.spawn({
    name: 'temporal',
    command: TEMPORAL_CLI,
    args: devServerArgs({ dbFile: temporalDb, port: temporalPort!, uiPort: uiPort! }),
    env: {},
    quietOnStop: true,
  });
  await waitForPort(temporalPort!, 60_000, temporal.alive);
  say(`Temporal dev server on localhost:${temporalPort} (pid ${temporal.pid}), SQLite ${temporalDb}`);
  const env = { TEMPORAL_ADDRESS: `localhost:${temporalPort}`, APPROVALS_DATA_DIR: dir, DATABASE_URL: databaseUrl, ...workerEnv() };
  const worker = group.spawn({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', join(ROOT, 'worker', 'main.ts')], env });
  const { service } = await startBenchService(group, env, dir, httpPort!);
  say(`worker pid ${worker.pid}, service pid ${service.pid} on http://127.0.0.1:${httpPort}`);
  return {
    temporalAddress: `localhost:${temporalPort}`,
    databaseUrl,
    baseUrl: `http://127.0.0.1:${httpPort}`,
    workers: [worker],
    temporalServer: temporal,
    temporalDb,
  };
}

/** The production topology (scripts/cluster/topology.ts) on free ports below 32768. */
async function startClusterStack(dir: string): Promise<Stack> {
  const p = await freeLowPorts(11);
  const temporal: TemporalPorts = {
    frontend: p[0]!,
    history: p[1]!,
    matching: p[2]!,
    worker: p[3]!,
    membership: { frontend: p[4]!, history: p[5]!, matching: p[6]!, worker: p[7]! },
  };
  const cluster = await startCluster(group, {
    dataDir: dir,
    pgPort: p[8]!,
    temporal,
    httpPorts: [p[9]!, p[10]!],
    env: workerEnv(),
    say: (line) => say(`[cluster] ${line}`),
    beforeServices: ({ databaseUrl }) => provisionBenchUsers(databaseUrl, dir),
  });
  return {
    temporalAddress: cluster.temporalAddress,
    databaseUrl: cluster.databaseUrl,
    baseUrl: cluster.baseUrls[0]!,
    workers: cluster.workers,
    temporalServer: cluster.server,
  };
}

// ---------------------------------------------------------------- helpers
const UNPOLLED_QUEUE = 'scale-visibility-fill';

/**
 * Writes `count` copies of the real projects' read-model rows (every table) under new ids
 * `<id>-c<k>`, registered k days earlier, so the reads run against N projects' rows.
 * @returns how many copies each real project got
 */
async function copyRows(db: Db, count: number): Promise<Map<string, number>> {
  const real = Number((await sql<{ n: string }>`select count(*) as n from projects`.execute(db)).rows[0]!.n);
  const rounds = Math.ceil(count / real);
  await sql`drop table if exists scale_copies`.execute(db);
  await sql`create table scale_copies as
    select project_id as src, project_id || '-c' || g as id, g from projects cross join generate_series(1, ${rounds}::int) g
    order by g, project_id limit ${count}::int`.execute(db);
  const tables = ['projects', 'project_reviews', 'project_commitments', 'project_results', 'project_ratings', 'project_tasks'];
  for (const table of tables) {
    const cols = (
      await sql<{
        c: string;
      }>`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db)
    ).rows.map((r) => r.c);
    const select = cols.map((c) =>
      c === 'project_id' ? sql`m.id` : c === 'registered_at' ? sql`t.registered_at - make_interval(days => m.g)` : sql`t.${sql.ref(c)}`,
    );
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) select ${sql.join(select)} from ${sql.table(table)} t join scale_copies m on m.src = t.project_id`.execute(
      db,
    );
  }
  const per = await sql<{ src: string; n: string }>`select src, count(*) as n from scale_copies group by src`.execute(db);
  await sql`drop table scale_copies`.execute(db);
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
  return new Map(per.rows.map((r) => [r.src, Number(r.n)]));
}

interface Timing {
  what: string;
  p50: number;
  p99: number;
  max: number;
  note: string;
}

/** `samples` sequential calls after a warm-up of 5; milliseconds. */
async function time(what: string, call: () => Promise<string>, samples = SAMPLES): Promise<Timing> {
  let note = '';
  for (let i = 0; i < 5; i++) note = await call();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    note = await call();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const t = { what, p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), max: ms[ms.length - 1]!, note };
  say(`${what}: p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms, max ${t.max.toFixed(1)} ms (${note})`);
  return t;
}

// ---------------------------------------------------------------- the projects
/** What happens to project i: a fixed mix so the projects spread over stages. */
type TPlanKind = 'registered' | 'intake' | 'review' | 'reviewPartly' | 'stage2Applied' | 'stage2Review';
function planOf(i: number): { kind: TPlanKind; approvals: number } {
  const slot = i % 20;
  if (slot < 3) return { kind: 'registered', approvals: 0 }; // 15 %
  if (slot < 6) return { kind: 'intake', approvals: 0 }; // 15 %
  if (slot < 11) return { kind: 'review', approvals: 0 }; // 25 %
  if (slot < 16) return { kind: 'reviewPartly', approvals: 1 + (slot % 3) }; // 25 %, 1–3 reviews approved
  if (slot < 18) return { kind: 'stage2Applied', approvals: 0 }; // 10 %
  return { kind: 'stage2Review', approvals: 0 }; // 10 %
}

const COORDINATOR: TActor = { userId: 'coordinator', role: 'coordinator' };
const enterpriseActor = (enterpriseId: string): TActor => ({ userId: `${enterpriseId}-user`, role: 'enterprise', enterpriseId });
const departmentActor = (departmentId: string): TActor => ({ userId: `dept-${departmentId}`, role: 'department', departmentId });
const projectIdOf = (i: number) => `scale-${String(i).padStart(6, '0')}`;

async function main(): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), `approvals-scale-${TOPOLOGY}-`));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach its cluster below
  say(
    `N=${N}, topology ${TOPOLOGY}, concurrency ${CONCURRENCY}, ${SAMPLES} samples per figure, worker cache ${CACHE ?? 'default (worker/config.ts)'}; data in ${dataDir}`,
  );
  const stack = TOPOLOGY === 'embedded' ? await startEmbedded(dataDir) : await startClusterStack(dataDir);
  const idle = stack.workers.map((w) => memoryOf(w.pid));
  const workerRss = () =>
    `; worker RSS ${stack.workers.map((w) => `${memoryOf(w.pid).rssMiB.toFixed(0)} MiB`).join(', ')}, CPU ${stack.workers.map((w) => `${cpuSeconds(w.pid).toFixed(0)} s`).join(', ')}`;
  const serverIdle = memoryOf(stack.temporalServer.pid);
  const idleCpu = stack.workers.reduce((sum, w) => sum + cpuSeconds(w.pid), 0);

  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  const db = openDatabase(stack.databaseUrl, { max: 2 });
  try {
    // ---- registration input: one template (same definition, attributes and calendar), each project its own id, title, enterprise and time
    const definition = getDefinition('wuhan-industrial')!;
    const calendar = new WorkingCalendar(currentCalendarSnapshot(dataDir));
    const attributes = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
    const template = registrationInput({
      projectId: projectIdOf(0),
      title: 't',
      enterpriseId: DEMO_ENTERPRISES[0].id,
      definition,
      attributes,
      calendar,
      registeredBy: COORDINATOR,
      now: new Date(),
    });
    say(`input per project: ${(JSON.stringify(template).length / 1024).toFixed(0)} KiB of JSON`);

    // ---- phase 1: start N projects
    const startAt = Date.now();
    let lastReport = Date.now();
    const rate = (done: number, since: number) => (done / ((Date.now() - since) / 1000)).toFixed(1);
    await pool(
      REAL,
      CONCURRENCY,
      async (i) => {
        const enterpriseId = DEMO_ENTERPRISES[i % DEMO_ENTERPRISES.length]!.id;
        await startProject(client, DEFAULT_TASK_QUEUE, {
          ...template,
          projectId: projectIdOf(i),
          title: `规模测试项目 ${i}`,
          enterpriseId,
          registeredAt: new Date().toISOString(),
        });
      },
      (done) => {
        if (done % 500 === 0 || done === REAL || Date.now() - lastReport > 30_000) {
          say(`started ${done}/${REAL} (${rate(done, startAt)}/s)${workerRss()}`);
          lastReport = Date.now();
        }
      },
    );
    const startSeconds = (Date.now() - startAt) / 1000;
    const startRate = REAL / startSeconds;
    say(`phase 1: ${REAL} projects started in ${startSeconds.toFixed(1)}s = ${startRate.toFixed(1)} projects/s (start calls accepted by Temporal)`);
    // The worker's own pace: every started project processed and written to the read model.
    await settle(db, REAL, workerRss);
    const processedSeconds = (Date.now() - startAt) / 1000;
    say(
      `phase 1: every project processed by the worker and in the read model after ${processedSeconds.toFixed(1)}s = ${(REAL / processedSeconds).toFixed(1)} projects/s`,
    );

    // ---- phase 2: decisions
    const stage1 = template.spec.stages[0]!;
    const stage2 = template.spec.stages[1]!;
    const applications = new Map<string, Promise<{ form: Record<string, string>; materials: string[] }>>();
    const applicationFor = (projectId: string, stageId: string) => {
      if (!applications.has(stageId)) {
        applications.set(
          stageId,
          stageApplication(client, projectId, stageId).then(({ materials, formFields }) => ({
            materials,
            form: Object.fromEntries(formFields.map((f) => [f.id, '示例'])),
          })),
        );
      }
      return applications.get(stageId)!;
    };
    const finalViews = new Map<string, TProjectView>();
    let decisions = 0;
    let updateRetries = 0;
    const decideAt = Date.now();
    lastReport = Date.now();
    await pool(
      REAL,
      CONCURRENCY,
      async (i) => {
        const projectId = projectIdOf(i);
        const enterprise = enterpriseActor(DEMO_ENTERPRISES[i % DEMO_ENTERPRISES.length]!.id);
        const plan = planOf(i);
        if (plan.kind === 'registered') return;
        let view: TProjectView | undefined;
        let n = 0;
        const step = async (actor: TActor, command: TCommand) => {
          // On a loaded machine the Update RPC can time out while the workflow is still busy: ask again with the same
          // update id (the server deduplicates it), as a service replica would.
          const updateId = `${projectId}-${++n}`;
          for (let attempt = 1; ; attempt++) {
            try {
              view = await decideAndView(client, projectId, actor, command, updateId);
              break;
            } catch (err) {
              if (!(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) || attempt >= 10) throw err;
              updateRetries++;
            }
          }
          decisions++;
        };
        const apply = async (stageId: string) => step(enterprise, { type: 'submitApplication', stageId, ...(await applicationFor(projectId, stageId)) });
        const openReviews = (stageId: string) => view!.reviews.filter((r) => r.status === 'inReview' && (r.stageId === stageId || r.early));
        await apply(stage1.id);
        if (plan.kind === 'intake') return void finalViews.set(projectId, view!);
        await step(COORDINATOR, { type: 'decideIntake', stageId: stage1.id, decision: 'accept' });
        if (plan.kind === 'reviewPartly') {
          for (let k = 0; k < plan.approvals; k++) {
            const r = openReviews(stage1.id)[0];
            if (!r) break;
            await step(departmentActor(r.departmentId), { type: 'approveReview', itemId: r.itemId });
          }
        }
        if (plan.kind === 'stage2Applied' || plan.kind === 'stage2Review') {
          for (let guard = 0; guard < 100 && view!.stages[0]!.status === 'inReview'; guard++) {
            const r = openReviews(stage1.id)[0];
            if (!r) throw new Error(`${projectId}: stage ${stage1.id} has no review in progress`);
            await step(departmentActor(r.departmentId), { type: 'approveReview', itemId: r.itemId });
          }
          await step(COORDINATOR, { type: 'issueResults', stageId: stage1.id });
          await apply(stage2.id);
          if (plan.kind === 'stage2Review') await step(COORDINATOR, { type: 'decideIntake', stageId: stage2.id, decision: 'accept' });
        }
        finalViews.set(projectId, view!);
      },
      (done) => {
        if (done % 500 === 0 || done === REAL || Date.now() - lastReport > 30_000) {
          say(`driven ${done}/${REAL} projects, ${decisions} decisions (${rate(decisions, decideAt)} decisions/s)${workerRss()}`);
          lastReport = Date.now();
        }
      },
    );
    const decideSeconds = (Date.now() - decideAt) / 1000;
    say(
      `phase 2: ${decisions} decisions in ${decideSeconds.toFixed(1)}s = ${(decisions / decideSeconds).toFixed(1)} decisions/s (${updateRetries} Update calls timed out and were sent again)`,
    );

    // ---- phase 3: the read model settles
    const settleAt = Date.now();
    await settle(db, REAL, workerRss);
    const settleSeconds = (Date.now() - settleAt) / 1000;
    say(`read model settled ${settleSeconds.toFixed(1)}s after the last decision`);

    const workerCpu = stack.workers.reduce((sum, w) => sum + cpuSeconds(w.pid), 0) - idleCpu;
    const stateChanges = Number((await sql<{ seq: string }>`select sum(seq) as seq from projects`.execute(db)).rows[0]!.seq);
    // ---- distribution and expectations
    const distribution = await sql<{ stage_id: string; status: string; worst_card: string; n: string }>`
      select stage_id, status, worst_card, count(*) as n from projects group by 1, 2, 3 order by 1, 2, 3`.execute(db);
    const stageStatus = await sql<{ stage: string; status: string; n: string }>`
      select stage_id as stage, status, count(*) as n from project_reviews group by 1, 2 order by 1, 2`.execute(db);
    say(`real projects by stage/status/worst card: ${distribution.rows.map((r) => `${r.stage_id}/${r.status}/${r.worst_card}=${r.n}`).join(', ')}`);
    say(`reviews by stage/status: ${stageStatus.rows.map((r) => `${r.stage}/${r.status}=${r.n}`).join(', ')}`);
    // ---- phase 4: the rest of N as copies of the real projects' read-model rows
    const copyAt = Date.now();
    const copiesOf = N > REAL ? await copyRows(db, N - REAL) : new Map<string, number>();
    if (N > REAL) say(`phase 4: ${N - REAL} read-model copies written in ${((Date.now() - copyAt) / 1000).toFixed(1)}s (ids scale-…-c<k>)`);
    // ---- phase 5: the floor needs as many workflows in Temporal's visibility: bare starts on a task queue no worker polls
    if (N > REAL) {
      const fillAt = Date.now();
      lastReport = Date.now();
      await pool(
        N - REAL,
        64,
        async (i) => {
          // Never run (no worker polls the queue), so a token input keeps the server's writes small.
          await client.workflow.start('projectWorkflow', {
            taskQueue: UNPOLLED_QUEUE,
            workflowId: `scale-floor-${String(i).padStart(6, '0')}`,
            args: [{ input: { projectId: `scale-floor-${i}` } }],
          });
        },
        (done) => {
          if (done % 500 === 0 || done === N - REAL || Date.now() - lastReport > 30_000) {
            say(`visibility fill: ${done}/${N - REAL} bare workflows started (${rate(done, fillAt)}/s)`);
            lastReport = Date.now();
          }
        },
      );
    }

    // Each real project as its workflow sees it now (timers may have moved it since the last decision).
    const queryAt = Date.now();
    await pool(
      REAL,
      16,
      async (i) => void finalViews.set(projectIdOf(i), await viewProject(client, projectIdOf(i))),
      () => undefined,
    );
    say(`read every real project's view from its workflow in ${((Date.now() - queryAt) / 1000).toFixed(1)}s`);
    const expectedDept = new Map<string, number>();
    const expectedKeys = new Map<string, Set<string>>();
    let expectedCoordinator = 0;
    const expectedStages = new Map<string, number>();
    for (let i = 0; i < REAL; i++) {
      const id = projectIdOf(i);
      const times = 1 + (copiesOf.get(id) ?? 0);
      const view = finalViews.get(id)!;
      for (const r of view.reviews)
        if (r.status === 'inReview')
          expectedKeys.set(`department:${r.departmentId}`, (expectedKeys.get(`department:${r.departmentId}`) ?? new Set()).add(`${id}|${r.itemId}`));
      // A department's task: a review of its own running now; the coordinator's: an application to accept, results to issue, a red card.
      for (const r of view.reviews) if (r.status === 'inReview') expectedDept.set(r.departmentId, (expectedDept.get(r.departmentId) ?? 0) + times);
      expectedCoordinator +=
        times *
        (view.stages.filter((s) => s.status === 'intake' || s.status === 'readyToIssue').length +
          view.reviews.filter((r) => r.clock?.card === 'red').length +
          view.commitments.filter((c) => c.status === 'expired').length);
      const current = view.stages.find((s) => s.stageId === view.currentStageId)!;
      expectedStages.set(`${current.stageId}:${current.status}`, (expectedStages.get(`${current.stageId}:${current.status}`) ?? 0) + times);
    }
    say(`projects by current stage status (workflows' views, with copies): ${[...expectedStages].map(([k, v]) => `${k}=${v}`).join(', ')}`);

    // ---- the API at N projects
    const credentials = JSON.parse(readFileSync(join(dataDir, 'dev-credentials.json'), 'utf8')) as { accounts: TDevAccount[] };
    const account = (username: string) => credentials.accounts.find((a) => a.username === username)!;
    const coordinator = await Api.login(stack.baseUrl, 'coordinator', account('coordinator').password);
    const checks: { inbox: string; expected: number; total: number }[] = [];
    const deptApis = new Map<string, Api>();
    for (const [departmentId, expected] of [...expectedDept].sort((a, b) => b[1] - a[1])) {
      const api = await Api.login(stack.baseUrl, `dept-${departmentId}`, account(`dept-${departmentId}`).password);
      deptApis.set(departmentId, api);
      const { total } = await api.get<{ total: number }>('/api/tasks?pageSize=1');
      checks.push({ inbox: `department:${departmentId}`, expected, total });
    }
    const coordinatorTotal = (await coordinator.get<{ total: number }>('/api/tasks?pageSize=1')).total;
    checks.push({ inbox: 'coordinator', expected: expectedCoordinator, total: coordinatorTotal });
    for (const c of checks) say(`inbox ${c.inbox}: total ${c.total}, expected ${c.expected} ${c.total === c.expected ? 'OK' : 'MISMATCH'}`);
    // A mismatch: which tasks differ on the real projects (the read model's rows against the workflows' views).
    for (const c of checks.filter((c) => c.total !== c.expected && c.inbox.startsWith('department:'))) {
      const rows = await sql<{
        k: string;
        kind: string;
      }>`select t.project_id || '|' || coalesce(t.item_id, '') as k, t.kind from project_tasks t join projects p on p.project_id = t.project_id
        where t.audience = ${c.inbox} and p.status = 'active' and t.project_id not like '%-c%'`.execute(db);
      const got = new Set(rows.rows.map((r) => r.k));
      const want = expectedKeys.get(c.inbox) ?? new Set<string>();
      const missing = [...want].filter((k) => !got.has(k)).slice(0, 5);
      const extra = rows.rows.filter((r) => !want.has(r.k)).slice(0, 5);
      say(
        `  ${c.inbox}: expected but not in the inbox: ${missing.join(', ') || '—'}; in the inbox, not expected: ${extra.map((r) => `${r.k} (${r.kind})`).join(', ') || '—'}`,
      );
      for (const key of missing.slice(0, 2)) {
        const [pid, item] = key.split('|');
        const review = finalViews.get(pid!)!.reviews.find((r) => r.itemId === item)!;
        say(`    ${key}: ${JSON.stringify({ status: review.status, early: review.early, stage: review.stageId, clock: review.clock })}`);
      }
    }

    const busiest = [...expectedDept].sort((a, b) => b[1] - a[1])[0]![0];
    const dept = deptApis.get(busiest)!;
    // A deep page of the project list: follow the signed tokens to the middle of the list.
    const listPageSize = 50;
    const deepPage = Math.max(2, Math.floor(N / listPageSize / 2));
    let token: string | undefined;
    for (let page = 1; page < deepPage; page++) {
      const body: { nextPageToken?: string } = await coordinator.get(`/api/projects?pageSize=${listPageSize}${token ? `&pageToken=${token}` : ''}`);
      token = body.nextPageToken;
      if (!token) throw new Error(`the project list ended at page ${page}`);
    }
    const taskPageSize = 50;
    const deptDeep = (n: number) => Math.max(1, Math.floor(n / taskPageSize / 2));
    const deptTotal = checks.find((c) => c.inbox === `department:${busiest}`)!.total;
    const timings: Timing[] = [];
    const list =
      <T>(api: Api, path: string, note: (b: T) => string) =>
      async () =>
        note(await api.get<T>(path));
    type TList = { projects: unknown[]; total: number };
    type TTasks = { tasks: unknown[]; total: number };
    timings.push(
      await time(
        'project list, coordinator, first page (50)',
        list<TList>(coordinator, `/api/projects?pageSize=${listPageSize}`, (b) => `${b.projects.length} rows of ${b.total}`),
      ),
    );
    timings.push(
      await time(
        `project list, coordinator, page ${deepPage} (50, by token)`,
        list<TList>(coordinator, `/api/projects?pageSize=${listPageSize}&pageToken=${token}`, (b) => `${b.projects.length} rows of ${b.total}`),
      ),
    );
    timings.push(
      await time(
        `project list, department ${busiest}, first page (50)`,
        list<TList>(dept, `/api/projects?pageSize=${listPageSize}`, (b) => `${b.projects.length} rows of ${b.total}`),
      ),
    );
    timings.push(
      await time(
        `inbox, department ${busiest}, first page (50)`,
        list<TTasks>(dept, `/api/tasks?pageSize=${taskPageSize}`, (b) => `${b.tasks.length} tasks of ${b.total}`),
      ),
    );
    timings.push(
      await time(
        `inbox, department ${busiest}, page ${deptDeep(deptTotal)} (50)`,
        list<TTasks>(dept, `/api/tasks?pageSize=${taskPageSize}&page=${deptDeep(deptTotal)}`, (b) => `${b.tasks.length} tasks of ${b.total}`),
      ),
    );
    timings.push(
      await time(
        'coordinator queue, first page (50)',
        list<TTasks>(coordinator, `/api/tasks?pageSize=${taskPageSize}`, (b) => `${b.tasks.length} tasks of ${b.total}`),
      ),
    );
    timings.push(
      await time(
        `coordinator queue, page ${deptDeep(coordinatorTotal)} (50)`,
        list<TTasks>(coordinator, `/api/tasks?pageSize=${taskPageSize}&page=${deptDeep(coordinatorTotal)}`, (b) => `${b.tasks.length} tasks of ${b.total}`),
      ),
    );
    timings.push(
      await time(
        'supervision (statistics over all projects)',
        list<{ projects: { total: number } }>(coordinator, '/api/supervision', (b) => `${b.projects.total} projects`),
      ),
    );
    // The floor: Temporal's own visibility list, one page of 50, straight from the client (no HTTP, no auth).
    const floor = await time('floor: ListWorkflowExecutions, one page of 50', async () => {
      const page = await connection.workflowService.listWorkflowExecutions({
        namespace: 'default',
        pageSize: 50,
        query: "WorkflowType = 'projectWorkflow' AND ExecutionStatus = 'Running'",
      });
      return `${page.executions.length} executions`;
    });
    const visibleCount = await connection.workflowService.countWorkflowExecutions({
      namespace: 'default',
      query: "WorkflowType = 'projectWorkflow' AND ExecutionStatus = 'Running'",
    });
    say(`Temporal visibility counts ${String(visibleCount.count)} running projects`);

    // ---- memory and storage at N open projects
    const workers = stack.workers.map((w, i) => ({ pid: w.pid, idle: idle[i]!, now: memoryOf(w.pid) }));
    const server = { pid: stack.temporalServer.pid, idle: serverIdle, now: memoryOf(stack.temporalServer.pid) };
    const sizes = await sql<{
      datname: string;
      bytes: string;
    }>`select datname, pg_database_size(datname) as bytes from pg_database where datname not in ('template0', 'template1', 'postgres') order by 1`.execute(db);
    const tableSizes = await sql<{ name: string; bytes: string; n: string }>`
      select c.relname as name, pg_total_relation_size(c.oid) as bytes, c.reltuples::bigint as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = 'public' and c.relkind = 'r' order by pg_total_relation_size(c.oid) desc limit 8`.execute(db);
    const sqliteBytes = stack.temporalDb ? fileBytes(stack.temporalDb) : undefined;

    // ---- the table
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    const lines: string[] = [];
    lines.push(
      `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}, ${new Date().toISOString().slice(0, 16)}Z, load average at the end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
    lines.push(
      `Topology: ${TOPOLOGY}; N = ${N} open projects in the read model (wuhan-industrial, default attributes)${N > REAL ? `: ${REAL} real workflows driven through Temporal, ${N - REAL} copies of their rows; Temporal's visibility holds ${N} running projectWorkflow executions (${N - REAL} bare ones on a task queue no worker polls)` : ', every one a real workflow'}; worker cache ${CACHE ?? 'default (1000)'}; concurrency ${CONCURRENCY}; ${SAMPLES} sequential samples per figure after 5 warm-up calls`,
    );
    lines.push('');
    lines.push('| figure | value |');
    lines.push('|---|---:|');
    lines.push(`| start rate (startProject, ${CONCURRENCY} at once) | ${startRate.toFixed(1)} projects/s (${REAL} in ${startSeconds.toFixed(0)} s) |`);
    lines.push(
      `| decisions (${decisions}, ${CONCURRENCY} projects at once; ${updateRetries} Update calls timed out and were sent again) | ${(decisions / decideSeconds).toFixed(1)} decisions/s (${decideSeconds.toFixed(0)} s) |`,
    );
    lines.push(`| projects processed by the worker (started → every row in the read model) | ${(REAL / processedSeconds).toFixed(1)} projects/s |`);
    lines.push(`| read model settled after the last decision | ${settleSeconds.toFixed(1)} s |`);
    lines.push(`| worker CPU per state change (user + system, ${stateChanges} read-model writes) | ${((workerCpu * 1000) / stateChanges).toFixed(0)} ms |`);
    for (const w of workers)
      lines.push(
        `| worker RSS (pid ${w.pid}): idle → at N (peak) | ${w.idle.rssMiB.toFixed(0)} → ${w.now.rssMiB.toFixed(0)} MiB (${w.now.peakMiB.toFixed(0)} MiB) |`,
      );
    lines.push(
      `| Temporal ${TOPOLOGY === 'embedded' ? 'dev server' : 'server'} RSS: idle → at N (peak) | ${server.idle.rssMiB.toFixed(0)} → ${server.now.rssMiB.toFixed(0)} MiB (${server.now.peakMiB.toFixed(0)} MiB) |`,
    );
    for (const s of sizes.rows) lines.push(`| PostgreSQL pg_database_size('${s.datname}') | ${mib(Number(s.bytes))} |`);
    if (sqliteBytes !== undefined) lines.push(`| dev server SQLite file (temporal.db + WAL) | ${mib(sqliteBytes)} |`);
    lines.push('');
    lines.push('| read (HTTP, one client, sequential) | p50 ms | p99 ms | p50 / floor p50 | p99 / floor p99 | what came back |');
    lines.push('|---|---:|---:|---:|---:|---|');
    for (const t of [...timings, floor])
      lines.push(
        `| ${t.what} | ${t.p50.toFixed(1)} | ${t.p99.toFixed(1)} | ${(t.p50 / floor.p50).toFixed(1)}× | ${(t.p99 / floor.p99).toFixed(1)}× | ${t.note} |`,
      );
    lines.push('');
    lines.push(
      `Inbox totals against each real workflow's current view (× its copies): ${checks.map((c) => `${c.inbox} ${c.total}/${c.expected}${c.total === c.expected ? ' ✓' : ' ✗'}`).join(', ')}.`,
    );
    lines.push(
      `Real projects (read model, stage/status/worst card): ${distribution.rows.map((r) => `${r.stage_id}/${r.status}/${r.worst_card} ${r.n}`).join(', ')}.`,
    );
    lines.push(`Current stage status (workflows' views, with copies): ${[...expectedStages].map(([k, v]) => `${k} ${v}`).join(', ')}.`);
    lines.push(`Largest tables: ${tableSizes.rows.map((t) => `${t.name} ${mib(Number(t.bytes))} (~${t.n} rows)`).join(', ')}.`);
    if (serverErrors.size > 0) lines.push(`Temporal server error lines during the run: ${[...serverErrors].map(([k, v]) => `${v}× "${k}"`).join(', ')}.`);
    const over = timings.filter((t) => t.p99 >= 200);
    lines.push(over.length === 0 ? 'Every read is under 200 ms at p99.' : `Over 200 ms at p99: ${over.map((t) => t.what).join('; ')}.`);
    console.log(`\n${lines.join('\n')}\n`);
    if (JSON_OUT)
      writeFileSync(
        JSON_OUT,
        JSON.stringify(
          {
            N,
            topology: TOPOLOGY,
            startRate,
            decisions,
            decideSeconds,
            settleSeconds,
            workers,
            server,
            sizes: sizes.rows,
            sqliteBytes,
            timings,
            floor,
            checks,
            distribution: distribution.rows,
            table: lines,
          },
          null,
          2,
        ),
      );
    const bad = checks.filter((c) => c.total !== c.expected);
    if (bad.length > 0) throw new Error(`inbox totals differ from the expected: ${bad.map((c) => c.inbox).join(', ')}`);
  } finally {
    await connection.close();
    await db.destroy();
  }
}

function fileBytes(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // not there
    }
  }
  return total;
}

/** Until `count` projects have their rows and no write has landed for 5 seconds. */
async function settle(db: Db, count: number, extra: () => string = () => ''): Promise<void> {
  let last = '';
  let stableSince = Date.now();
  let lastSay = 0;
  for (;;) {
    const row = await sql<{
      n: string;
      seq: string | null;
      updated: Date | null;
    }>`select count(*) as n, sum(seq) as seq, max(updated_at) as updated from projects`.execute(db);
    const { n, seq } = row.rows[0]!;
    const key = `${n}/${seq}`;
    if (key !== last) {
      last = key;
      stableSince = Date.now();
    }
    if (Number(n) === count && Date.now() - stableSince >= 5000) return;
    if (Date.now() - lastSay > 15_000) {
      say(`read model: ${n}/${count} projects, ${seq} writes${extra()}`);
      lastSay = Date.now();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

main()
  .then(() => shutdown(0))
  .catch((err: unknown) => {
    console.error(`[scale] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    void shutdown(1);
  });
