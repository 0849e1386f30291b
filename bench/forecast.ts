/**
 * `npm run bench:forecast`: project forecasts per second on one core, 1,000 runs each (issue 17's
 * target: ≥ 1,000 a second, enough to forecast every project on each supervision page load).
 * Projects on the Wuhan definition lived on the pure engine to different points (some in
 * correction), 50 observed reviews per item; a script, not a timed test: the figure goes into BENCHMARKS.md.
 */
import { cpus, loadavg } from 'node:os';
import { buildOfficialSnapshot } from '../definitions/calendar/official';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { definitionRef, getDefinition } from '../definitions/process';
import { buildProjectInput } from '../client/register';
import { ProjectEngine } from '../workflows/engine/project-engine';
import { projectView, type TProjectView } from '../workflows/engine/view';
import { DEFAULT_RUNS, forecastProject, limitsOf } from '../workflows/forecast/forecast';
import { indexObservations, type TObservation } from '../workflows/forecast/observations';
import { seededRandom, uniformInt } from '../workflows/forecast/random';

const PROJECTS = 200;
const SECONDS = Number(process.env.FORECAST_BENCH_SECONDS ?? 5);

const snapshot = buildOfficialSnapshot();
const calendar = WorkingCalendar.of(snapshot);
const definition = getDefinition('wuhan-industrial')!;
const attributes = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const random = seededRandom(2026);
const coordinator = { userId: 'c', role: 'coordinator' } as const;
const enterprise = { userId: 'e', role: 'enterprise', enterpriseId: 'ent' } as const;
const at = (date: string) => `${date}T10:00:00+08:00`;

/** A project started on `start`, lived for `days` working days: each review approved after 1..promised+2 days. */
function projectAt(i: number, start: string, days: number): { view: TProjectView; now: string; spec: ReturnType<typeof buildProjectInput>['spec'] } {
  const input = buildProjectInput({
    projectId: `bench-${i}`,
    title: 'bench',
    enterpriseId: 'ent',
    attributes,
    definition,
    ref: definitionRef(definition),
    calendar: snapshot,
    registeredBy: coordinator,
    now: at(start),
  });
  const engine = ProjectEngine.create(input, at(start));
  const due = new Map<string, string>();
  let date = start;
  for (let d = 0; d < days && engine.status() === 'active'; d++) {
    const now = at(date);
    engine.advanceTime(now);
    for (const stage of input.spec.stages) {
      if (engine.stageStatus(stage.id) === 'awaitingApplication') {
        const issued = engine.issuedResultIds();
        const materials = [
          ...new Set(stage.items.flatMap((it) => it.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id))),
        ];
        engine.apply(
          enterprise,
          { type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.formFields.map((f) => [f.id, 'x'])), materials },
          now,
        );
        engine.apply(coordinator, { type: 'decideIntake', stageId: stage.id, decision: 'accept' }, now);
      }
      for (const item of stage.items) {
        if (engine.reviewStatus(item.id) !== 'inReview') continue;
        if (!due.has(item.id)) due.set(item.id, calendar.addWorkdays(date, uniformInt(random, 1, item.promisedLimit + 2)).date);
        if (due.get(item.id)! > date) continue;
        const actor = { userId: 'd', role: 'department', departmentId: item.departmentId } as const;
        if (random() < 0.2 && !due.has(`${item.id}:c`)) {
          due.set(`${item.id}:c`, date);
          engine.apply(actor, { type: 'requestCorrection', itemId: item.id, materials: [item.materials[0]!.id], reason: '补正' }, now);
        } else engine.apply(actor, { type: 'approveReview', itemId: item.id }, now);
      }
      if (engine.stageStatus(stage.id) === 'readyToIssue') engine.apply(coordinator, { type: 'issueResults', stageId: stage.id }, now);
    }
    date = calendar.addWorkdays(date, 1).date;
  }
  return { view: projectView(engine, at(date)), now: at(date), spec: input.spec };
}

const projects = Array.from({ length: PROJECTS }, (_, i) => projectAt(i, calendar.addWorkdays('2026-01-05', i % 120).date, 1 + (i % 40)));
const spec = projects[0]!.spec;
const observations: TObservation[] = spec.stages.flatMap((s) =>
  s.items.flatMap((item) =>
    Array.from({ length: 50 }, () => ({
      departmentId: item.departmentId,
      itemId: item.id,
      days: uniformInt(random, 0, item.promisedLimit + 2),
      promisedLimit: item.promisedLimit,
    })),
  ),
);
const index = indexObservations({ reviews: observations, queues: Object.fromEntries(definition.departments.map((d, k) => [d.id, 5 + k])) });
const limits = limitsOf(definition);
const forecast = (k: number) => {
  const p = projects[k % PROJECTS]!;
  return forecastProject({ view: p.view, spec: p.spec, limits, calendar, observations: index, now: p.now, runs: DEFAULT_RUNS, seed: k });
};

for (let k = 0; k < 200; k++) forecast(k);
let done = 0;
// CPU time of this process as well as wall time: on a shared machine the wall clock counts other processes' turns.
const cpuBefore = process.cpuUsage();
const started = performance.now();
while (performance.now() - started < SECONDS * 1000) for (let k = 0; k < 50; k++) forecast(done++);
const wallSeconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpuBefore);
const seconds = (used.user + used.system) / 1e6;
const states = new Map<string, number>();
for (const p of projects) for (const s of p.view.stages) if (s.status !== 'locked') states.set(s.status, (states.get(s.status) ?? 0) + 1);
const example = forecast(7);
console.log(
  JSON.stringify(
    {
      cpu: cpus()[0]?.model,
      node: process.version,
      date: new Date().toISOString().slice(0, 10),
      runsPerForecast: DEFAULT_RUNS,
      projects: PROJECTS,
      reviewsPerProject: projects[0]!.view.reviews.length,
      stageStates: Object.fromEntries(states),
      forecasts: done,
      forecastsPerCpuSecond: Math.round(done / seconds),
      forecastsPerWallSecond: Math.round(done / wallSeconds),
      msCpuPerForecast: Math.round((seconds * 1000 * 1000) / done) / 1000,
      loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
      example: { projectId: example.projectId, today: example.today, finish: example.finish, ceiling: example.ceiling, promised: example.promised },
    },
    null,
    2,
  ),
);
