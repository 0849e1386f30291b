/**
 * `npm run bench`: how fast the hot path of every inbox and dashboard is — due dates, working
 * days between two dates and a full clock reading — on the packaged official calendar, and
 * whether adding working days stays logarithmic in the span (it is a binary search over
 * cumulative counts). A script, not a timed test: the figures go into BENCHMARKS.md.
 */
import { availableParallelism, cpus } from 'node:os';
import { defaultCalendar } from '../definitions/calendar/official';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';
import { extendClock, pauseClock, readClock, resumeClock, startClock } from '../definitions/clock';

const calendar = defaultCalendar();
const MS_PER_RUN = 400;

/** Runs `op` in batches for about MS_PER_RUN ms after a warm-up; returns operations per second. */
function measure(op: (i: number) => unknown): number {
  for (let i = 0; i < 200; i++) op(i);
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MS_PER_RUN) {
    for (let k = 0; k < 100; k++) op(done++);
    elapsed = performance.now() - started;
  }
  return (done / elapsed) * 1000;
}

/** Calendar dates from `from`, one a day, across the year ends of 2025/26 and 2026/27. */
function dates(from: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
  return out;
}
const starts = dates('2025-11-01', 500); // 2025-11-01 .. 2027-03-15

// A review clock with a correction, a special procedure and an extension, read at many instants.
let clock = startClock({ at: '2026-09-10T10:00:00+08:00', legalLimit: 20, promisedLimit: 10, yellowAt: 3 });
clock = pauseClock(clock, { kind: 'correction', reason: '补正', at: '2026-09-14T09:00:00+08:00' });
clock = resumeClock(clock, '2026-09-18T15:00:00+08:00');
clock = pauseClock(clock, { kind: 'special-procedure', reason: '专家评审', at: '2026-09-22T09:00:00+08:00' });
clock = resumeClock(clock, '2026-10-12T09:00:00+08:00');
clock = extendClock(clock, { days: 5, reason: '情况复杂', approvedBy: '局长', at: '2026-10-13T09:00:00+08:00' });
const nowBase = Date.parse('2026-10-13T10:00:00+08:00');

/** The obvious alternative, for comparison: step one day at a time. */
function addWorkdaysDayByDay(date: string, n: number): string {
  let t = Date.parse(`${date}T00:00:00Z`);
  let left = n;
  let d = date;
  while (left > 0) {
    t += 86_400_000;
    d = new Date(t).toISOString().slice(0, 10);
    if (calendar.isWorkday(d)) left--;
  }
  return d;
}

const rows: Array<{ what: string; 'ops/s': string; 'µs/op': string }> = [];
function row(what: string, opsPerSecond: number): void {
  rows.push({ what, 'ops/s': Math.round(opsPerSecond).toLocaleString('en-US'), 'µs/op': (1e6 / opsPerSecond).toFixed(2) });
}

row(
  'dueInstant, 1–100 working days, starts 2025-11..2027-03',
  measure((i) => calendar.dueInstant(starts[i % starts.length]!, 1 + (i % 100))),
);
row(
  'workdaysBetween, spans up to 500 days',
  measure((i) => calendar.workdaysBetween(starts[i % 97]!, starts[(i * 7) % starts.length]!)),
);
row(
  'dateOf(instant) in Asia/Shanghai',
  measure((i) => calendar.dateOf(nowBase + i * 60_000)),
);
row(
  'readClock (2 pauses, 1 extension)',
  measure((i) => readClock(clock, calendar, new Date(nowBase + (i % 20_000) * 60_000).toISOString())),
);
row(
  'new WorkingCalendar(snapshot) (index build, 2020..horizon)',
  measure(() => new WorkingCalendar(calendar.snapshot)),
);
for (const span of [10, 1000, 5000])
  row(
    `addWorkdays from 2020-01-02, span ${span} working days`,
    measure(() => calendar.addWorkdays('2020-01-02', span)),
  );
for (const span of [10, 1000])
  row(
    `  day-by-day loop (reference), span ${span}`,
    measure(() => addWorkdaysDayByDay('2020-01-02', span)),
  );

console.log(
  `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), calendar ${calendar.fingerprint.slice(0, 12)} (${calendar.firstYear}..${calendar.horizon})`,
);
console.table(rows);
