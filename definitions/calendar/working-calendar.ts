/**
 * Working days on a calendar snapshot, in Asia/Shanghai.
 *
 * Semantics (民法典 arts. 201, 203; 行政许可法 art. 82: limits in working days):
 * - a limit of n working days starts counting on the day after its start date; the start
 *   date itself never counts, whatever time of day the start was (a start at 23:59 counts
 *   from the next day, like one at 09:00) and whether or not it was a working day;
 * - the limit ends at 24:00 Asia/Shanghai of its n-th working day, written
 *   `YYYY-MM-DDT24:00:00+08:00` (ISO 8601 allows 24:00, and `Date.parse` reads it as the next
 *   midnight); a limit of zero days ends at 24:00 of the start date itself;
 * - make-up weekend days (调休) are working days; holidays and local closures are not;
 * - years without a State Council notice use the statutory holidays only, and any answer that
 *   depends on such a year, or on a year past the snapshot, is marked `provisional`.
 *
 * The snapshot is indexed once into cumulative working-day counts, so counting between two
 * dates is O(1) and adding n working days is a binary search: O(log span), not a day loop.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, getDay } from 'date-fns';
import { isRealDate, type TCalendarSnapshot } from './snapshot';

export const TIME_ZONE = 'Asia/Shanghai';
/**
 * Asia/Shanghai has kept UTC+8, without daylight saving, since September 1991, before any
 * calendar snapshot begins. An instant's date there is plain arithmetic, and must be: inside
 * Temporal's workflow sandbox a `TZDate` reads its zone's fields as UTC (the sandbox replaces
 * the global `Date`), so an instant from 00:00 to 08:00 Beijing time was dated the day before.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
/** Years past the snapshot's last year that are still answered (weekday rule, provisional). */
const HORIZON_YEARS = 30;
/** Instants remembered by `dateOf` before the memo starts again. */
const MEMO_LIMIT = 4096;

export type TDayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup' | 'override';
export interface TDayInfo {
  date: string;
  workday: boolean;
  reason: TDayReason;
  /** Holiday or override name, empty for plain weekdays and weekends. */
  name: string;
  provisional: boolean;
}

export class CalendarRangeError extends RangeError {}

/**
 * How an instant is dated. `beijing`: its Asia/Shanghai date, always. `tzdate`: the code engine
 * rules 1–3 ran, a `TZDate` — right in Node, but in the workflow sandbox the date in the worker's
 * own zone (see SHANGHAI_OFFSET_MS); kept only so projects recorded under it replay as they ran.
 */
export type TInstantDating = 'beijing' | 'tzdate';

/** Indexed calendars by fingerprint (and dating): building the index costs far more than any answer. */
const built = new Map<string, WorkingCalendar>();
const BUILT_MAX = 8;
/** Snapshots by fingerprint: one object per calendar content, however many projects hold it. */
const snapshots = new Map<string, TCalendarSnapshot>();

/**
 * The one copy of a snapshot with this content (its fingerprint is the content's sha256), so a
 * worker holding thousands of projects keeps each calendar once, not once per project (issue 12:
 * about 27 KiB of heap a cached project). Snapshots are never changed in place (a new calendar
 * is a new snapshot), so sharing one cannot change what any project computes.
 */
export function sharedSnapshot(snapshot: TCalendarSnapshot): TCalendarSnapshot {
  const known = snapshots.get(snapshot.fingerprint);
  if (known) return known;
  if (snapshots.size >= BUILT_MAX) snapshots.delete(snapshots.keys().next().value!);
  snapshots.set(snapshot.fingerprint, snapshot);
  return snapshot;
}

export class WorkingCalendar {
  /** The indexed calendar for a snapshot, shared between callers with the same fingerprint. */
  static of(snapshot: TCalendarSnapshot, dating: TInstantDating = 'beijing'): WorkingCalendar {
    const key = `${snapshot.fingerprint}:${dating}`;
    let calendar = built.get(key);
    if (!calendar) {
      calendar = new WorkingCalendar(sharedSnapshot(snapshot), dating);
      if (built.size >= BUILT_MAX) built.delete(built.keys().next().value!);
      built.set(key, calendar);
    }
    return calendar;
  }

  readonly fingerprint: string;
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly origin: Date;
  /** cum[i] = working days in [origin, origin + i]. */
  private readonly cum: Int32Array;
  private readonly official: ReadonlySet<number>;
  /**
   * Memos for the hot path, filled as dates and instants are met (date-fns' day difference and
   * a time-zone conversion cost microseconds a call; a clock re-reads the same start and pause instants).
   */
  private readonly indexMemo = new Map<string, number>();
  private readonly dateMemo: string[] = [];
  private readonly dayOfInstantMemo = new Map<string | number, string>();

  constructor(
    readonly snapshot: TCalendarSnapshot,
    readonly dating: TInstantDating = 'beijing',
  ) {
    this.fingerprint = snapshot.fingerprint;
    this.firstYear = snapshot.firstYear;
    this.lastYear = snapshot.lastYear;
    this.official = new Set(snapshot.officialYears);
    this.origin = new Date(snapshot.firstYear, 0, 1);
    const size = differenceInCalendarDays(new Date(snapshot.lastYear + HORIZON_YEARS + 1, 0, 1), this.origin);
    const work = new Uint8Array(size);
    const originWeekday = getDay(this.origin);
    for (let i = 0; i < size; i++) {
      const weekday = (originWeekday + i) % 7;
      work[i] = weekday === 0 || weekday === 6 ? 0 : 1;
    }
    for (const [date, day] of Object.entries(snapshot.days)) {
      const i = this.indexOf(date, false);
      if (i >= 0 && i < size) work[i] = day.workday ? 1 : 0;
    }
    this.cum = new Int32Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) {
      total += work[i]!;
      this.cum[i] = total;
    }
  }

  /** The last date this calendar answers for. */
  get horizon(): string {
    return this.dateAt(this.cum.length - 1);
  }

  isWorkday(date: string): boolean {
    const i = this.indexOf(date);
    return this.cum[i]! - (i > 0 ? this.cum[i - 1]! : 0) === 1;
  }

  dayInfo(date: string): TDayInfo {
    const workday = this.isWorkday(date);
    const provisional = this.isProvisionalYear(Number(date.slice(0, 4)));
    const listed = this.snapshot.days[date];
    if (listed) return { date, workday, reason: listed.reason, name: listed.name, provisional };
    return { date, workday, reason: workday ? 'weekday' : 'weekend', name: '', provisional };
  }

  /** The n-th working day counted from the day after `date` (n = 0: `date` itself). */
  addWorkdays(date: string, n: number): { date: string; provisional: boolean } {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    const i = this.indexOf(date);
    if (n === 0) return { date, provisional: false };
    const target = this.cum[i]! + n;
    let lo = i + 1;
    let hi = this.cum.length - 1;
    if (this.cum[hi]! < target) throw new CalendarRangeError(`${n} working days after ${date} fall past the calendar's horizon ${this.horizon}`);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    const end = this.dateAt(lo);
    return { date: end, provisional: this.spanProvisional(date, end) };
  }

  /** Working days in (from, to]; negative when `to` is before `from`. */
  workdaysBetween(from: string, to: string): { count: number; provisional: boolean } {
    const a = this.indexOf(from);
    const b = this.indexOf(to);
    const count = this.cum[b]! - this.cum[a]!;
    return { count, provisional: a <= b ? this.spanProvisional(from, to) : this.spanProvisional(to, from) };
  }

  /** 24:00 Asia/Shanghai of the n-th working day after `date` (art. 203). */
  dueInstant(date: string, n: number): string {
    return endOfDay(this.addWorkdays(date, n).date);
  }

  /** The Asia/Shanghai calendar date of an instant (ISO 8601 or epoch milliseconds). */
  dateOf(instant: string | number): string {
    const known = this.dayOfInstantMemo.get(instant);
    if (known !== undefined) return known;
    const ms = typeof instant === 'number' ? instant : Date.parse(instant);
    if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
    const date = this.dating === 'beijing' ? new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) : ymd(new TZDate(ms, TIME_ZONE));
    if (this.dayOfInstantMemo.size >= MEMO_LIMIT) this.dayOfInstantMemo.clear();
    this.dayOfInstantMemo.set(instant, date);
    return date;
  }

  /** Whether any day in (from, to] lies in a year without an official notice. */
  spanProvisional(from: string, to: string): boolean {
    if (to <= from) return false;
    const first = Number(from.slice(0, 4)) + (from.endsWith('-12-31') ? 1 : 0);
    for (let y = first; y <= Number(to.slice(0, 4)); y++) if (this.isProvisionalYear(y)) return true;
    return false;
  }

  isProvisionalYear(year: number): boolean {
    return year > this.lastYear || !this.official.has(year);
  }

  private indexOf(date: string, strict = true): number {
    const known = this.indexMemo.get(date);
    if (known !== undefined) return known;
    if (!isRealDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
    const i = differenceInCalendarDays(new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))), this.origin);
    if (strict && (i < 0 || i >= this.cum.length)) {
      throw new CalendarRangeError(`${date} is outside the calendar (${this.firstYear}-01-01 to ${this.horizon})`);
    }
    // Only dates checked to lie inside the calendar are remembered: at most one entry per day of it.
    if (strict) this.indexMemo.set(date, i);
    return i;
  }

  private dateAt(i: number): string {
    return (this.dateMemo[i] ??= ymd(addDays(this.origin, i)));
  }
}

/**
 * 'YYYY-MM-DD' of a date's own calendar fields. On the hot path: date-fns `format` costs ~5 µs a call.
 */
function ymd(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 24:00 Asia/Shanghai at the end of `date`: the instant a limit ending that day runs out. */
export function endOfDay(date: string): string {
  return `${date}T24:00:00+08:00`;
}
