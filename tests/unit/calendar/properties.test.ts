/**
 * Invariants of working-day arithmetic on the official calendar, for any start in 2020–2035
 * and any limit up to a year and a half of working days, and its answers against a naive
 * day-by-day walk over the notices' own data (fast-check).
 */
import fc from 'fast-check';
import { defaultCalendar } from '../../../definitions/calendar/official';
import { NAIVE_FIRST, NAIVE_LAST, NOTABLE_DATES, naiveAdd, naiveCount, naiveIsWorkday, nextDay } from './naive-calendar';

const calendar = defaultCalendar();
const DAY = 86_400_000;
const date = fc.integer({ min: 0, max: 16 * 365 }).map((i) => new Date(Date.UTC(2020, 0, 1) + i * DAY).toISOString().slice(0, 10));
const limit = fc.integer({ min: 0, max: 400 });

test('adding n working days, then counting back, gives n', () => {
  fc.assert(
    fc.property(date, limit, (start, n) => {
      const end = calendar.addWorkdays(start, n).date;
      expect(calendar.workdaysBetween(start, end).count).toBe(n);
    }),
  );
});

test('the last day of a limit of one or more days is always a working day, after the start', () => {
  fc.assert(
    fc.property(date, fc.integer({ min: 1, max: 400 }), (start, n) => {
      const end = calendar.addWorkdays(start, n).date;
      expect(end > start).toBe(true);
      expect(calendar.isWorkday(end)).toBe(true);
      // ... and the day before it still had one day left: it is the first date reaching n.
      expect(calendar.workdaysBetween(start, new Date(Date.parse(`${end}T00:00:00Z`) - DAY).toISOString().slice(0, 10)).count).toBe(n - 1);
    }),
  );
});

test('a due instant is 24:00 Asia/Shanghai of a working day, i.e. the next midnight there', () => {
  fc.assert(
    fc.property(date, fc.integer({ min: 1, max: 400 }), (start, n) => {
      const due = calendar.dueInstant(start, n);
      const day = due.slice(0, 10);
      expect(due).toBe(`${day}T24:00:00+08:00`);
      expect(calendar.isWorkday(day)).toBe(true);
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
      expect(Date.parse(due)).toBe(Date.parse(`${next}T00:00:00+08:00`));
      expect(calendar.dateOf(Date.parse(due) - 1)).toBe(day);
      expect(calendar.dateOf(Date.parse(due))).toBe(next);
    }),
  );
});

test('an answer is provisional exactly when it reaches a year without a notice (2027 on)', () => {
  fc.assert(
    fc.property(date, fc.integer({ min: 1, max: 400 }), (start, n) => {
      const { date: end, provisional } = calendar.addWorkdays(start, n);
      expect(provisional).toBe(end >= '2027-01-01');
    }),
  );
});

/** A date the notices cover: anywhere in those years, or within ten days of a holiday or make-up weekend. */
const covered = fc
  .oneof(
    fc
      .integer({ min: 0, max: (Date.parse(NAIVE_LAST) - Date.parse(NAIVE_FIRST)) / DAY })
      .map((i) => new Date(Date.parse(NAIVE_FIRST) + i * DAY).toISOString().slice(0, 10)),
    fc
      .tuple(fc.constantFrom(...NOTABLE_DATES), fc.integer({ min: -10, max: 10 }))
      .map(([d, k]) => new Date(Date.parse(d) + k * DAY).toISOString().slice(0, 10)),
  )
  .filter((d) => d >= NAIVE_FIRST && d <= NAIVE_LAST);

test('every day of the years with a notice is a working day exactly as the notices say', () => {
  const wrong: string[] = [];
  for (let d = NAIVE_FIRST; d <= NAIVE_LAST; d = nextDay(d)) if (calendar.isWorkday(d) !== naiveIsWorkday(d)) wrong.push(d);
  expect(wrong).toEqual([]);
});

test('n working days after a date land where a day-by-day walk over the notices lands', () => {
  fc.assert(
    fc.property(covered, fc.integer({ min: 0, max: 60 }), (start, n) => {
      const walked = naiveAdd(start, n);
      fc.pre(walked <= NAIVE_LAST);
      expect(calendar.addWorkdays(start, n).date).toBe(walked);
      expect(calendar.dueInstant(start, n)).toBe(`${walked}T24:00:00+08:00`);
    }),
    { numRuns: 500 },
  );
});

test('working days between two dates are those a day-by-day count finds', () => {
  fc.assert(
    fc.property(covered, covered, (a, b) => {
      expect(calendar.workdaysBetween(a, b).count).toBe(naiveCount(a, b));
    }),
    { numRuns: 300 },
  );
});
