/**
 * The official calendar the slow, obvious way, for the property tests to compare the indexed
 * one against: each day read straight from the `chinese-days` data (a make-up weekend is a
 * working day, a holiday is not, otherwise Monday to Friday), limits walked one day at a time.
 * Only the years the package has notices for: later years are the statutory rule's business.
 */
import packaged from 'chinese-days/dist/chinese-days.json';

const { holidays, workdays } = packaged as { holidays: Record<string, string>; workdays: Record<string, string> };

const DAY = 86_400_000;
/** The naive model answers from the first year the calendar keeps to the last year with a notice. */
export const NAIVE_FIRST = '2020-01-01';
export const NAIVE_LAST = `${Math.max(...Object.keys(holidays).map((d) => Number(d.slice(0, 4))))}-12-31`;

export const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
export const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
/** The Asia/Shanghai date of an instant: UTC+8 all year (no daylight saving since 1991). */
export const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

export function naiveIsWorkday(date: string): boolean {
  if (date in workdays) return true;
  if (date in holidays) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Days in (from, to] that `counts`, one at a time; negative when `to` is before `from`. */
export function naiveCount(from: string, to: string, counts: (date: string) => boolean = naiveIsWorkday): number {
  if (to < from) return 0 - naiveCount(to, from, counts); // not -0
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (counts(d)) n++;
  return n;
}

/** The n-th day after `start` that `counts` (n = 0: `start` itself). */
export function naiveAdd(start: string, n: number, counts: (date: string) => boolean = naiveIsWorkday): string {
  let d = start;
  for (let left = n; left > 0;) {
    d = nextDay(d);
    if (counts(d)) left--;
  }
  return d;
}

/** Dates the data names (holidays, make-up weekends): where a wrong calendar goes wrong. */
export const NOTABLE_DATES = [...Object.keys(holidays), ...Object.keys(workdays)].filter((d) => d >= NAIVE_FIRST && d <= NAIVE_LAST).sort();
