/**
 * A small working-day calendar for planning tests: Monday–Friday, minus the 2026 holidays and
 * plus the make-up working days of the State Council's 2026 notice (DOMAIN.md); dates after
 * 2026 are answered as plain weekdays and flagged provisional (no notice loaded yet).
 * It implements the structural `TPlanningCalendar` that planSchedule takes.
 */
import type { TPlanningCalendar } from '../../../definitions/process';

const range = (from: string, days: number) => Array.from({ length: days }, (_, k) => shift(from, k));
const HOLIDAYS = new Set([
  ...range('2026-01-01', 3),
  ...range('2026-02-15', 9),
  ...range('2026-04-04', 3),
  ...range('2026-05-01', 5),
  ...range('2026-06-19', 3),
  ...range('2026-09-25', 3),
  ...range('2026-10-01', 7),
]);
const MAKE_UP = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
const KNOWN_UNTIL = '2026-12-31';

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkday(date: string): boolean {
  if (MAKE_UP.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export const fakeCalendar: TPlanningCalendar & { calls: number } = {
  calls: 0,
  addWorkdays(date, n) {
    fakeCalendar.calls++;
    let d = date;
    for (let left = n; left > 0;) {
      d = shift(d, 1);
      if (isWorkday(d)) left--;
    }
    return { date: d, provisional: d > KNOWN_UNTIL };
  },
  workdaysBetween(from, to) {
    fakeCalendar.calls++;
    let count = 0;
    for (let d = shift(from, 1); d <= to; d = shift(d, 1)) if (isWorkday(d)) count++;
    return { count, provisional: to > KNOWN_UNTIL };
  },
};
