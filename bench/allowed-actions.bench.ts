/**
 * `npm run bench:actions`: what one project page's allowed actions cost on the Wuhan definition
 * (issue 13), before and after, in the same run: "before" tries every candidate command on a
 * copy of the engine (tests/helpers/allowed-actions-oracle.ts, the implementation it replaced),
 * "after" asks the statecharts. Both on the same projects, at three points of the process; p50
 * and p99 of single calls after a warm-up. A script, not a timed test: figures go into BENCHMARKS.md.
 */
import { cpus } from 'node:os';
import { actionsByAudience, allowedActions } from '../workflows/engine/allowed-actions';
import { ProjectEngine } from '../workflows/engine/project-engine';
import type { TActor } from '../workflows/model/actor';
import { oracleActionsByAudience, oracleAllowedActions } from '../tests/helpers/allowed-actions-oracle';
import { definitionProject } from '../tests/unit/engine/engine-fixture';

const RUNS = Number(process.argv[2] ?? 300);
const ENTERPRISE = 'ent-bench';
const DAY = '2026-03-02T10:00:00+08:00';
const LATER = '2026-03-04T10:00:00+08:00';
const coordinator: TActor = { userId: 'c', role: 'coordinator' };
const enterprise: TActor = { userId: 'e', role: 'enterprise', enterpriseId: ENTERPRISE };
const dept = (departmentId: string): TActor => ({ userId: `d-${departmentId}`, role: 'department', departmentId });

const wuhan = () => definitionProject({ projectId: 'bench', title: '武汉工业项目', enterpriseId: ENTERPRISE, now: DAY });

/** Three pages: just registered, preparation under review with early pre-reviews and a tolerance commitment, a correction open. */
function projects(): Array<[string, ProjectEngine]> {
  const registered = wuhan();
  const running = wuhan();
  const stage = running.input.spec.stages[0]!;
  const materials = [...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !m.providedByResult && m.id !== 'deed-tax-receipt').map((m) => m.id)))];
  running.apply(
    enterprise,
    { type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.formFields.map((f) => [f.id, '示例'])), materials },
    DAY,
  );
  running.apply(coordinator, { type: 'decideIntake', stageId: stage.id, decision: 'acceptWithTolerance' }, DAY);
  running.apply(dept('development-reform'), { type: 'approveReview', itemId: 'project-filing' }, DAY);
  running.apply(dept('natural-resources-planning'), { type: 'approveReview', itemId: 'land-pre-review' }, DAY);
  const correction = ProjectEngine.restore(structuredClone(running.snapshot()));
  correction.apply(dept('ecology-environment'), { type: 'requestCorrection', itemId: 'eia-form-approval', materials: ['eia-form'], reason: '补正' }, DAY);
  return [
    ['registered', registered],
    ['in review', running],
    ['correction', correction],
  ];
}

const pick = (t: number[], q: number) => t[Math.min(t.length - 1, Math.floor(t.length * q))]!;

/**
 * p50 and p99 of single calls, in wall time and in this process's CPU time (process.cpuUsage,
 * microseconds): on a shared machine a call preempted by other processes counts in the wall
 * time only, so the CPU p99 says what the code costs and the wall p99 what the machine allowed.
 */
function percentiles(op: () => unknown): { p50: number; p99: number; cpuP99: number } {
  // The previous measurement's garbage (the oracle makes much) is collected before, not during, this one (npm script runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  // Warm-up long enough for V8 to finish optimising (its compiler threads count in the process CPU time).
  for (let i = 0; i < 300; i++) op();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    op();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: pick(wall, 0.5), p99: pick(wall, 0.99), cpuP99: pick(cpu, 0.99) };
}

const ms = (x: number) => `${x.toFixed(3)} ms`;
console.log(
  `allowedActions on the Wuhan definition, ${RUNS} calls each — ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('| project page | what | before p50 | before p99 | before p99 CPU | after p50 | after p99 | after p99 CPU | speed-up (p50) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, engine] of projects()) {
  const cases: Array<[string, () => unknown, () => unknown]> = [
    ['coordinator', () => oracleAllowedActions(engine, coordinator, LATER), () => allowedActions(engine, coordinator, LATER)],
    ['department', () => oracleAllowedActions(engine, dept('ecology-environment'), LATER), () => allowedActions(engine, dept('ecology-environment'), LATER)],
    ['enterprise', () => oracleAllowedActions(engine, enterprise, LATER), () => allowedActions(engine, enterprise, LATER)],
    ['every inbox', () => oracleActionsByAudience(engine, LATER), () => actionsByAudience(engine, LATER)],
  ];
  for (const [what, before, after] of cases) {
    const b = percentiles(before);
    const a = percentiles(after);
    console.log(
      `| ${name} | ${what} | ${ms(b.p50)} | ${ms(b.p99)} | ${ms(b.cpuP99)} | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(a.cpuP99)} | ${(b.p50 / a.p50).toFixed(0)}× |`,
    );
  }
}
