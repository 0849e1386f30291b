/**
 * `npm run bench:latency` (issue 12): open-loop decision latency at fixed rates, through the
 * Temporal client (the `decide` Update), through the HTTP API (`POST /api/projects/{id}/events`
 * as the acting user, logged in with a real token) and, as the floor, a bare Update on the
 * floor workflow (bench/floor/) at the same rates, in the same run on the same dev server.
 *
 *   npm run bench:latency -- [--rates 10,25,50] [--seconds 15] [--quick] [--profile-service] [--before <tree>] [--json <file>] [--compare <file>]
 *
 * Open loop: decision i is due at i / rate seconds after the step starts and is sent then
 * whatever happened to the earlier ones, so a slow answer does not slow the sender down. The
 * decisions are a default project's own, in order (read from the Update requests in the history
 * of one project driven to its end; ratings left out, they have their own route), spread round
 * robin over enough fresh projects that each sees at most about one decision a second. Two
 * decisions on one project cannot overtake each other, so a decision waits for the one before
 * it on its project; its latency is counted from when it was due (no coordinated omission).
 *
 * The service answers with a Server-Timing header of its steps (service/step-timing.ts: the
 * token, the user's read, the body's validation, the idempotency claim, the Update, the record,
 * the response): the HTTP steps print their quantiles. `--profile-service` runs the service with
 * --cpu-prof and prints its top functions. `--before <tree>` (a checkout of the code before a
 * change, e.g. `git archive <commit> | tar -x -C <tree>` with node_modules linked) runs that
 * tree's service beside this one on the same stack, and sends the HTTP decisions through each in
 * turn: an A/B in the same minutes.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { decide } from '../client/projects';
import { actorsFor, registerDefaultProject } from '../tests/helpers/projects';
import { driveProject } from '../client/scenario';
import { getDefinition } from '../definitions/process';
import type { TActor } from '../workflows/model/actor';
import type { TCommand } from '../workflows/model/commands';
import { projectWorkflowId } from '../workflows/messages';
import { DEFAULT_TASK_QUEUE } from '../workflows/shared';
import { FLOOR_TASK_QUEUE, floorStepUpdate } from './floor/messages';
import { Api, pool, quantile } from './lib/measure';
import { commitOf, compareWith, machine, runBench, saveResult, type TFigure } from './lib/results';
import { cpuProfileTop, filesIn } from './lib/profiles';
import { ROOT, startBenchStack } from './lib/stack';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const QUICK = process.argv.includes('--quick');
const PROFILE_SERVICE = process.argv.includes('--profile-service');
const BEFORE = arg('before');
const RATES = (arg('rates') ?? '10,25,50').split(',').map(Number);
const SECONDS = Number(arg('seconds') ?? (QUICK ? 8 : 15));
/** A decision not answered this long after the step's last one was due counts as an error (time-out). */
const GRACE_MS = 60_000;
const JSON_OUT = arg('json');
const COMPARE = arg('compare');
if (RATES.some((r) => !(r > 0))) throw new Error('--rates: positive numbers, comma-separated');
if (!(SECONDS > 0)) throw new Error('--seconds: a positive number');

const t0 = Date.now();
const say = (line: string) => console.log(`[latency +${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);

type TPath = 'client' | 'http' | 'http-before' | 'floor';
const PATH_NAMES: Record<TPath, string> = {
  client: 'client decide Update',
  http: 'HTTP POST …/events',
  'http-before': 'HTTP POST …/events, before',
  floor: 'floor (bare Update)',
};
interface TStep {
  path: TPath;
  rate: number;
  sent: number;
  ok: number;
  errors: Record<string, number>;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Decisions per second answered (ok) over the step. */
  achieved: number;
  /** The 1-minute load average when the step ended. */
  load: number;
  /** HTTP: the service's own steps (Server-Timing), p50 / p90 / p99 / max in ms. */
  serverSteps?: Record<string, [number, number, number, number]>;
}

/** Server-Timing durations by step name, gathered over one open-loop step. */
type TStepDurations = Map<string, number[]>;

function addServerTiming(into: TStepDurations, header: string | null): void {
  for (const metric of (header ?? '').split(',')) {
    const [name, ...params] = metric.trim().split(';');
    const dur = params.find((p) => p.startsWith('dur='));
    if (!name || !dur) continue;
    const list = into.get(name) ?? [];
    list.push(Number(dur.slice(4)));
    into.set(name, list);
  }
}

/** A default project's decisions in order, from the Update requests in its history. */
async function recordedDecisions(client: Client, projectId: string): Promise<{ actor: TActor; command: TCommand }[]> {
  const history = await client.workflow.getHandle(projectWorkflowId(projectId)).fetchHistory();
  const accepted = (history.events ?? []).filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
  return accepted
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!)
    .filter((r) => r.input?.name === 'decide')
    .map((r) => defaultPayloadConverter.fromPayload<{ actor: TActor; command: TCommand }>(r.input!.args!.payloads![0]!))
    .filter((d) => d.command.type !== 'rate');
}

/**
 * One open-loop step: `rate` sends a second for SECONDS, decision i to target i % targets.length
 * (its (i / targets.length)-th decision), each after the one before it on the same target.
 */
async function openLoop(
  path: TPath,
  rate: number,
  targets: string[],
  send: (target: string, k: number) => Promise<void>,
  serverTimings?: TStepDurations,
): Promise<TStep> {
  serverTimings?.clear();
  const total = Math.round(rate * SECONDS);
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const chains = new Map<string, Promise<void>>();
  const start = performance.now() + 200;
  const all: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const target = targets[i % targets.length]!;
    const k = Math.floor(i / targets.length);
    const run = (chains.get(target) ?? Promise.resolve()).then(async () => {
      try {
        await send(target, k);
        latencies.push(performance.now() - due);
      } catch (err) {
        const kind = err instanceof Error ? err.message.slice(0, 60) : String(err);
        errors[kind] = (errors[kind] ?? 0) + 1;
      }
    });
    chains.set(target, run);
    all.push(run);
  }
  const lastDue = start + (total * 1000) / rate;
  const settled = await Promise.race([
    Promise.all(all).then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), lastDue - performance.now() + GRACE_MS)),
  ]);
  if (!settled) errors[`no answer ${GRACE_MS / 1000} s after the last was due`] = total - latencies.length - Object.values(errors).reduce((a, b) => a + b, 0);
  const s = [...latencies].sort((a, b) => a - b);
  const step: TStep = {
    path,
    rate,
    sent: total,
    ok: s.length,
    errors,
    p50: quantile(s, 0.5),
    p90: quantile(s, 0.9),
    p99: quantile(s, 0.99),
    max: s.at(-1) ?? NaN,
    achieved: s.length / ((performance.now() - start) / 1000),
    load: loadavg()[0]!,
    ...(serverTimings
      ? {
          serverSteps: Object.fromEntries(
            [...serverTimings].map(([name, list]) => {
              const sorted = [...list].sort((a, b) => a - b);
              return [name, [quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 0.99), sorted.at(-1)!]];
            }),
          ),
        }
      : {}),
  };
  const errs = Object.entries(errors)
    .map(([k, v]) => `${v}× ${k}`)
    .join('; ');
  say(
    `  ${path} at ${rate}/s (load average ${step.load.toFixed(1)}): ${s.length}/${total} ok, p50 ${step.p50.toFixed(0)} ms, p90 ${step.p90.toFixed(0)} ms, p99 ${step.p99.toFixed(0)} ms, max ${step.max.toFixed(0)} ms${errs ? `; errors: ${errs}` : ''}`,
  );
  return step;
}

async function main(): Promise<void> {
  say(`rates ${RATES.join(', ')}/s, ${SECONDS} s each, through the client, the HTTP API and the floor's bare Update`);
  const stack = await startBenchStack({ name: 'bench-latency', cacheSize: 1000, service: true, profileService: PROFILE_SERVICE, beforeRoot: BEFORE, say });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection });
  try {
    const enterpriseId = stack.accounts!.find((a) => a.role === 'enterprise')!.enterpriseId!;
    const definition = getDefinition('wuhan-industrial')!;
    await registerDefaultProject(client, DEFAULT_TASK_QUEUE, { projectId: 'latency-script', enterpriseId });
    await driveProject(client, 'latency-script', actorsFor(definition, enterpriseId), {});
    const script = await recordedDecisions(client, 'latency-script');
    say(`a default project's decisions (without ratings): ${script.length}`);

    // Users and their tokens, as the web app's users would be.
    const apis = new Map<string, Api>();
    const apiOf = async (actor: TActor) => {
      const account = stack.accounts!.find((a) =>
        actor.role === 'coordinator'
          ? a.role === 'coordinator'
          : actor.role === 'department'
            ? a.departmentId === actor.departmentId
            : a.enterpriseId === actor.enterpriseId,
      )!;
      if (!apis.has(account.username)) apis.set(account.username, await Api.login(stack.baseUrl!, account.username, account.password));
      return apis.get(account.username)!;
    };
    for (const d of script) await apiOf(d.actor);

    // Fresh projects for every step: enough that each sees about one decision a second or fewer.
    const targetsFor = (rate: number) => Math.max(Math.ceil(rate), Math.ceil((rate * SECONDS) / script.length));
    const projects = new Map<string, string[]>();
    const paths: TPath[] = ['client', 'http', ...(stack.beforeUrl ? (['http-before'] as const) : [])];
    for (const path of paths)
      for (const rate of RATES)
        projects.set(
          `${path}-${rate}`,
          Array.from({ length: targetsFor(rate) }, (_, i) => `latency-${path}-${rate}-${i}`),
        );
    const ids = [...projects.values()].flat();
    say(`registering ${ids.length} projects`);
    let last = Date.now();
    await pool(
      ids.length,
      16,
      async (i) => void (await registerDefaultProject(client, DEFAULT_TASK_QUEUE, { projectId: ids[i]!, enterpriseId })),
      (done) => {
        if (Date.now() - last > 15_000 || done === ids.length) {
          say(`  ${done}/${ids.length} registered`);
          last = Date.now();
        }
      },
    );
    const floors = new Map<number, string[]>();
    for (const rate of RATES) {
      const list = Array.from({ length: targetsFor(rate) }, (_, i) => `latency-floor-${rate}-${i}`);
      for (const id of list)
        await client.workflow.start('floorWorkflow', { taskQueue: FLOOR_TASK_QUEUE, workflowId: id, args: [{ updates: 1_000_000, activities: 0 }] });
      floors.set(rate, list);
    }
    // The projects' first tasks and read-model rows are written before the clock starts.
    await new Promise((r) => setTimeout(r, 5000));

    const sendClient = async (projectId: string, k: number) => {
      const d = script[k]!;
      await decide(client, projectId, d.actor, d.command);
    };
    const serverTimings: TStepDurations = new Map();
    const sendHttpTo = (baseUrl: string) => async (projectId: string, k: number) => {
      const d = script[k]!;
      // The same user's token: both services sign with the data directory's one secret.
      const api = new Api(baseUrl, (await apiOf(d.actor)).token);
      const res = await api.post(`/api/projects/${encodeURIComponent(projectId)}/events`, d.command);
      if (res.status !== 200) throw new Error(`HTTP ${res.status} ${res.text.slice(0, 40)}`);
      addServerTiming(serverTimings, res.headers.get('server-timing'));
    };
    const sendFloor = async (workflowId: string, k: number) =>
      void (await client.workflow.getHandle(workflowId).executeUpdate(floorStepUpdate, { args: [{ step: k }] }));

    const steps: TStep[] = [];
    for (const rate of RATES) {
      say(`${rate} decisions/s`);
      steps.push(await openLoop('floor', rate, floors.get(rate)!, sendFloor));
      steps.push(await openLoop('client', rate, projects.get(`client-${rate}`)!, sendClient));
      await new Promise((r) => setTimeout(r, 3000));
      // With --before, the two services take turns going first, so neither always follows the client's step.
      const http = (path: 'http' | 'http-before') => ({ path, send: sendHttpTo(path === 'http' ? stack.baseUrl! : stack.beforeUrl!) });
      const order = !stack.beforeUrl
        ? [http('http')]
        : RATES.indexOf(rate) % 2 === 0
          ? [http('http-before'), http('http')]
          : [http('http'), http('http-before')];
      for (const { path, send } of order) {
        steps.push(await openLoop(path, rate, projects.get(`${path}-${rate}`)!, send, serverTimings));
        await new Promise((r) => setTimeout(r, 3000));
      }
    }

    const lines: string[] = [];
    lines.push(`Machine: ${machine()}; ${new Date().toISOString().slice(0, 16)}Z; commit ${commitOf(ROOT)}`);
    lines.push(
      `Open loop, ${SECONDS} s per rate and path; a default project's ${script.length} decisions in order over fresh projects; worker cache 1000; latency from when each decision was due`,
    );
    lines.push('');
    lines.push('| rate | path | load | sent | ok | errors | p50 ms | p90 ms | p99 ms | max ms | p50 / floor | p99 / floor | HTTP / client: p50 · p99 |');
    lines.push('|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
    const figures: Record<string, TFigure> = {};
    for (const rate of RATES) {
      const at = (path: TPath) => steps.find((s) => s.rate === rate && s.path === path);
      const floor = at('floor')!;
      const client = at('client')!;
      for (const s of [client, at('http-before'), at('http')!, floor]) {
        if (!s) continue;
        const errs =
          Object.entries(s.errors)
            .map(([k, v]) => `${v}× ${k}`)
            .join('; ') || '0';
        const toClient = s.path.startsWith('http') ? `${(s.p50 / client.p50).toFixed(2)}× · ${(s.p99 / client.p99).toFixed(2)}×` : '';
        lines.push(
          `| ${rate}/s | ${PATH_NAMES[s.path]} | ${s.load.toFixed(1)} | ${s.sent} | ${s.ok} | ${errs} | ${s.p50.toFixed(0)} | ${s.p90.toFixed(0)} | ${s.p99.toFixed(0)} | ${s.max.toFixed(0)} | ${(s.p50 / floor.p50).toFixed(1)}× | ${(s.p99 / floor.p99).toFixed(1)}× | ${toClient} |`,
        );
        if (s.path !== 'floor') {
          figures[`${s.path} decision p50 at ${rate}/s`] = { value: s.p50, unit: 'ms', floor: floor.p50 };
          figures[`${s.path} decision p99 at ${rate}/s`] = { value: s.p99, unit: 'ms', floor: floor.p99 };
          figures[`${s.path} decision errors at ${rate}/s`] = { value: s.sent - s.ok, unit: `of ${s.sent}` };
        }
      }
    }
    const stepNames = [...new Set(steps.flatMap((s) => Object.keys(s.serverSteps ?? {})))];
    if (stepNames.length > 0) {
      lines.push('');
      lines.push(`The service's steps (Server-Timing, ms): p50 / p90 / p99 / max`);
      lines.push('');
      lines.push(`| rate, path | ${stepNames.join(' | ')} |`);
      lines.push(`|---:|${stepNames.map(() => '---:').join('|')}|`);
      for (const s of steps.filter((x) => x.serverSteps && Object.keys(x.serverSteps).length > 0))
        lines.push(`| ${s.rate}/s ${s.path} | ${stepNames.map((n) => s.serverSteps![n]?.map((v) => v.toFixed(1)).join(' / ') ?? '').join(' | ')} |`);
    }
    if (PROFILE_SERVICE) {
      say('stopping the service for its CPU profile');
      await stack.stopService();
      const files = filesIn(join(stack.dir, 'service-profiles'), '.cpuprofile');
      if (files.length === 0) lines.push('', 'no service .cpuprofile written');
      else {
        const top = cpuProfileTop(files, 25);
        lines.push(
          '',
          `Service CPU profile (--cpu-prof, the whole run, ${(top.totalMs / 1000).toFixed(1)} s of samples outside idle): top functions by self time`,
          '',
        );
        lines.push('| function | where | ms | share |', '|---|---|---:|---:|');
        for (const f of top.functions) lines.push(`| ${f.fn} | ${f.where} | ${f.ms.toFixed(0)} | ${(f.share * 100).toFixed(1)} % |`);
        lines.push('', '| origin | ms | share |', '|---|---:|---:|');
        for (const f of top.origins) lines.push(`| ${f.fn} | ${f.ms.toFixed(0)} | ${(f.share * 100).toFixed(1)} % |`);
      }
    }
    console.log(`\n${lines.join('\n')}\n`);
    const result = {
      bench: 'latency',
      commit: commitOf(ROOT),
      date: new Date().toISOString(),
      machine: machine(),
      options: { rates: RATES, seconds: SECONDS },
      figures,
      detail: { steps, decisions: script.length, table: lines },
    };
    if (JSON_OUT) saveResult(JSON_OUT, result);
    if (COMPARE) console.log(`${compareWith(COMPARE, result).join('\n')}\n`);
  } finally {
    await connection.close();
    await stack.stop();
  }
}

runBench('latency', main);
