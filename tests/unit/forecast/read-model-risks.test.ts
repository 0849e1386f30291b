/**
 * The risk list at city scale (issue 17): 1,000 active projects in the read model (PostgreSQL),
 * forecast a page at a time from their rows alone — no workflow asked. A project forecast from
 * its rows gets the forecast its full view gives, and every page's time is reported (the figure
 * in BENCHMARKS.md).
 */
import { getDefinition } from '../../../definitions/process';
import { forecastSubjects } from '../../../db/read-model/forecast-subjects';
import { ReadModelStore } from '../../../db/read-model/store';
import { projectView } from '../../../workflows/engine/view';
import { forecastProject, limitsOf, type TForecast } from '../../../workflows/forecast/forecast';
import { indexObservations } from '../../../workflows/forecast/observations';
import { readModelContent } from '../../../workflows/read-model/rows';
import { seededRandom, uniformInt } from '../../../workflows/forecast/random';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';
import { livedCorpus } from './lived';
import { at, calendar, live, wuhanProject } from './world';

const PROJECTS = 1000;
const PAGE = 100;
const definition = getDefinition('wuhan-industrial', 2)!;
const NOW = at('2026-09-01');

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

/** A Wuhan project lived `days` working days from `start` (each review 1..promised+2 days), stopped there. */
function projectAt(i: number, start: string, days: number, random: () => number) {
  const { input, engine: registered } = wuhanProject(`risk-${i}`, start);
  const stopAt = calendar.addWorkdays(start, days).date;
  const { engine, date } = live(
    {
      spec: input.spec,
      start,
      reviewDays: (_d, itemId) => uniformInt(random, 1, definition.stages.flatMap((s) => s.items).find((x) => x.id === itemId)!.promisedLimit + 2),
      preparationDays: () => uniformInt(random, 2, 10),
      stopWhen: (_view, d) => d >= stopAt,
    },
    registered,
  );
  return { engine, now: at(date), spec: input.spec };
}

test(`${PROJECTS} active projects: the risk list reads the read model a page of ${PAGE} at a time, each forecast as its view would be`, async () => {
  const random = seededRandom(1017);
  // Forty distinct projects at different points, each written 25 times under its own id and registration.
  const lived = Array.from({ length: 40 }, (_, i) => projectAt(i, calendar.addWorkdays('2026-03-02', i).date, uniformInt(random, 1, 60), random));
  const active = lived.filter((p) => p.engine.status() === 'active');
  const store = new ReadModelStore(t.db);
  const written = Date.now();
  const contents = active.map((p) => readModelContent(p.engine, p.now));
  // Written eight at a time; inbox tasks left out (the risk list does not read them).
  for (let i = 0; i < PROJECTS; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, PROJECTS - i) }, (_, j) => {
        const content = contents[(i + j) % contents.length]!;
        const registeredAt = new Date(Date.parse(content.project.registeredAt) + (i + j) * 1000).toISOString();
        return store.write({ seq: 1, ...content, tasks: [], project: { ...content.project, projectId: `risk-${i + j}`, registeredAt } });
      }),
    );
  }
  const writeMs = Date.now() - written;
  const corpus = livedCorpus(10, 7);
  const index = indexObservations({ reviews: corpus.flatMap((p) => p.reviews), openings: corpus.flatMap((p) => p.openings), queues: {} });

  const pageTimes: number[] = [];
  const parts: { list: number; rows: number }[] = [];
  const seen = new Set<string>();
  const forecasts = new Map<string, TForecast>();
  let forecastCpu = 0;
  let after: { registeredAt: string; projectId: string } | undefined;
  for (let guard = 0; guard < PROJECTS; guard++) {
    const started = performance.now();
    const page = await store.listProjects({}, { status: 'active' }, PAGE, after);
    const listed = performance.now();
    const subjects = await forecastSubjects(
      t.db,
      page.projects.map((p) => p.id),
      // Each project against the version it runs (2 here; the default is 4), as the rows say.
      (id, version) => getDefinition(id, version),
    );
    const read = performance.now();
    for (const id of page.projects.map((p) => p.id)) expect(subjects.has(id)).toBe(true);
    pageTimes.push(read - started);
    parts.push({ list: listed - started, rows: read - listed });
    // The forecasts of a page cost the same on every page (~1 ms each outside jest: bench:forecast); the first page's are timed.
    if (forecasts.size === 0) {
      const cpu = process.cpuUsage();
      for (const p of page.projects) {
        const s = subjects.get(p.id)!;
        forecasts.set(p.id, forecastProject({ view: s.view, spec: s.spec, limits: limitsOf(s.definition), calendar, observations: index, now: NOW }));
      }
      const used = process.cpuUsage(cpu);
      forecastCpu = (used.user + used.system) / 1000;
    }
    for (const p of page.projects) seen.add(p.id);
    if (!page.next) break;
    after = page.next;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  console.log(
    `risk list from the read model: ${PROJECTS} projects written in ${writeMs} ms; ${pageTimes.length} pages of ${PAGE} read: ` +
      `median ${median(pageTimes)} ms, max ${Math.max(...pageTimes).toFixed(0)} ms a page (the project page ${median(parts.map((p) => p.list))} ms, ` +
      `its rows ${median(parts.map((p) => p.rows))} ms); a page's ${PAGE} forecasts ${forecastCpu.toFixed(0)} ms CPU under jest (1,000 runs each)`,
  );
  expect(seen.size).toBe(PROJECTS);
  expect(pageTimes.length).toBe(PROJECTS / PAGE);

  // The rows say what the view says: the same forecast, date for date and chance for chance.
  expect(forecasts.size).toBe(PAGE);
  for (const [k, p] of active.entries()) {
    const fromView = forecastProject({
      view: projectView(p.engine, p.now),
      spec: p.spec,
      limits: limitsOf(definition),
      calendar,
      observations: index,
      now: NOW,
    });
    const s = (await forecastSubjects(t.db, [`risk-${k}`], (id, version) => getDefinition(id, version))).get(`risk-${k}`)!;
    const fromRows = forecastProject({ view: s.view, spec: s.spec, limits: limitsOf(s.definition), calendar, observations: index, now: NOW });
    expect({ ...fromRows, projectId: fromView.projectId }).toEqual(fromView);
  }
}, 120_000);
