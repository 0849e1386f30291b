/**
 * Invariants of working-day arithmetic on the official calendar, for any start in 2020–2035
 * and any limit up to a year and a half of working days (fast-check).
 */
import fc from 'fast-check';
import { defaultCalendar } from '../../../definitions/calendar/official';

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

test('counting is additive: (a, c] = (a, b] + (b, c]', () => {
  fc.assert(
    fc.property(date, date, date, (a, b, c) => {
      expect(calendar.workdaysBetween(a, c).count).toBe(calendar.workdaysBetween(a, b).count + calendar.workdaysBetween(b, c).count);
    }),
  );
});
