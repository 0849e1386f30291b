/**
 * The legal clock of one review or one stage: a pure model of working-day limits that runs
 * unchanged inside workflow code. Every function takes the state and returns a new one;
 * `readClock` answers everything a deadline display or a timer needs at a given instant.
 *
 * Semantics, in working days on the snapshot's calendar (see working-calendar.ts for how a
 * limit is counted: from the day after the start, to 24:00 of the last day):
 * - Pauses (补正 correction, 特别程序 special procedures; 行政许可法 arts. 32, 45) do not
 *   count. A pause from date P to date R removes the working days in (P, R]: the day the
 *   pause starts was still worked, and counting resumes the day after it ends, as a new start
 *   would (民法典 art. 201). A pause that starts and ends on the same day removes nothing.
 *   Several pauses in a row each remove their own days; the remaining days carry over.
 * - While a pause is open the due instants shown are those that would hold if it ended
 *   today; they move each day it stays open. The day the pause began was worked, so a card
 *   can still change at 24:00 of that day (`nextChangeAt` announces it); none changes after.
 * - Extensions (延期, 行政许可法 art. 42) add working days to both the legal and the promised
 *   limit, each with its reason and approver.
 * - Elapsed working days at an instant are the counted days completed before that instant's
 *   date (today is not yet used up); remaining = limit + extensions − elapsed, so on the due
 *   day one day remains and after it none. Once stopped, the stop date counts as used and
 *   the card keeps the level it had at the stop instant.
 * - Cards (on the promised limit): yellow from 00:00 of the first day on which remaining falls
 *   to the threshold, red from the due instant. A same-day item (promised limit 0, e.g. 备案
 *   "当场办结") has no warning period: it is green for its whole day and red once overdue,
 *   never yellow at dispatch (issue 11; `legacySameDayYellow` keeps the old reading for
 *   projects that ran under it, see `TClockRules`). `nextChangeAt` is the next of those instants
 *   (and of the legal due instant), so a workflow sleeps until then instead of polling.
 * - A limit of zero is due at 24:00 of the start date.
 */
import { z } from 'zod';
import { endOfDay, type WorkingCalendar } from '../calendar/working-calendar';

const ZInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant');

export const ZPause = z.object({
  kind: z.enum(['correction', 'special-procedure', 'rectification']),
  reason: z.string(),
  from: ZInstant,
  to: ZInstant.nullable(),
});
export type TPause = z.infer<typeof ZPause>;

export const ZExtension = z.object({
  days: z.number().int().positive(),
  reason: z.string(),
  approvedBy: z.string(),
  at: ZInstant,
});
export type TExtension = z.infer<typeof ZExtension>;

export const ZClockState = z.object({
  startedAt: ZInstant,
  legalLimit: z.number().int().min(0),
  promisedLimit: z.number().int().min(0),
  /** Yellow card when the promised remaining working days fall to this many. */
  yellowAt: z.number().int().min(0),
  pauses: z.array(ZPause),
  extensions: z.array(ZExtension),
  stoppedAt: ZInstant.nullable(),
});
export type TClockState = z.infer<typeof ZClockState>;

export type TCardLevel = 'green' | 'yellow' | 'red';

export interface TLimitReading {
  limit: number;
  /** The last working day of the limit, and 24:00 of it. */
  dueDate: string;
  dueAt: string;
  elapsed: number;
  remaining: number;
  overdue: boolean;
}

export interface TClockReading {
  legal: TLimitReading;
  promised: TLimitReading;
  level: TCardLevel;
  /** 00:00 of the day the yellow card starts (on the promised limit). */
  yellowFrom: string;
  paused: boolean;
  stopped: boolean;
  /** The next instant at which `level` or an overdue flag changes; null when stopped, when nothing is left to change, or while paused past the pause's first day. */
  nextChangeAt: string | null;
  /** Some day involved lies in a year without an official notice. */
  provisional: boolean;
  /** Supervision figures (电子监察): promised ÷ legal and elapsed ÷ promised. */
  compression: { promisedOfLegal: number; usedOfPromised: number | null };
}

export class ClockError extends Error {}

/**
 * Reading rules that changed under running projects. A project keeps the rules it started
 * with (the engine's rules version, fixed at creation), so a card it already announced is
 * never taken back and a replayed workflow takes the same timers.
 */
export interface TClockRules {
  /** Before issue 11: a promised limit of 0 read as yellow from the start instant. */
  legacySameDayYellow?: boolean;
}

/*
 * startClock and extendClock check their input by hand instead of parsing it with ZClockState
 * and ZExtension: they run in workflow code, where the worker shares this module between its
 * workflows frozen (workflows/preload.ts), and zod finishes a schema on its first parse, which
 * a frozen schema refuses. The objects are built in the schemas' key order.
 */
const isDays = (n: number, min: number) => Number.isInteger(n) && n >= min;
const isInstant = (s: string) => typeof s === 'string' && !Number.isNaN(Date.parse(s));

export function startClock(init: { at: string; legalLimit: number; promisedLimit: number; yellowAt: number }): TClockState {
  const { at, legalLimit, promisedLimit, yellowAt } = init;
  if (!isInstant(at)) throw new ClockError(`start: expected an ISO 8601 instant (got ${at})`);
  for (const [name, days] of Object.entries({ legalLimit, promisedLimit, yellowAt }))
    if (!isDays(days, 0)) throw new ClockError(`${name}: expected a whole number of days, at least 0 (got ${days})`);
  if (promisedLimit > legalLimit) throw new ClockError(`promised limit ${promisedLimit} exceeds the legal limit ${legalLimit}`);
  return { startedAt: at, legalLimit, promisedLimit, yellowAt, pauses: [], extensions: [], stoppedAt: null };
}

function openPause(state: TClockState): TPause | undefined {
  const last = state.pauses[state.pauses.length - 1];
  return last && last.to === null ? last : undefined;
}

function assertRunning(state: TClockState, at: string): void {
  if (state.stoppedAt) throw new ClockError('the clock has stopped');
  if (Date.parse(at) < Date.parse(state.startedAt)) throw new ClockError(`${at} is before the clock started (${state.startedAt})`);
}

export function pauseClock(state: TClockState, pause: { kind: TPause['kind']; reason: string; at: string }): TClockState {
  assertRunning(state, pause.at);
  if (openPause(state)) throw new ClockError('the clock is already paused');
  return { ...state, pauses: [...state.pauses, { kind: pause.kind, reason: pause.reason, from: pause.at, to: null }] };
}

export function resumeClock(state: TClockState, at: string): TClockState {
  assertRunning(state, at);
  const open = openPause(state);
  if (!open) throw new ClockError('the clock is not paused');
  if (Date.parse(at) < Date.parse(open.from)) throw new ClockError(`${at} is before the pause began (${open.from})`);
  return { ...state, pauses: [...state.pauses.slice(0, -1), { ...open, to: at }] };
}

export function extendClock(state: TClockState, ext: { days: number; reason: string; approvedBy: string; at: string }): TClockState {
  assertRunning(state, ext.at);
  if (!isDays(ext.days, 1)) throw new ClockError(`an extension is a whole number of days, at least 1 (got ${ext.days})`);
  if (!isInstant(ext.at)) throw new ClockError(`extension: expected an ISO 8601 instant (got ${ext.at})`);
  const { days, reason, approvedBy, at } = ext;
  return { ...state, extensions: [...state.extensions, { days, reason, approvedBy, at }] };
}

export function stopClock(state: TClockState, at: string): TClockState {
  assertRunning(state, at);
  const open = openPause(state);
  const pauses = open ? [...state.pauses.slice(0, -1), { ...open, to: at }] : state.pauses;
  return { ...state, pauses, stoppedAt: at };
}

/** Paused spans as date pairs (P, R]; an open pause ends `today`. */
function pauseSpans(state: TClockState, calendar: WorkingCalendar, today: string): Array<[string, string]> {
  return state.pauses.map((p) => [calendar.dateOf(p.from), p.to === null ? today : calendar.dateOf(p.to)]);
}

/** Counted (unpaused) working days in (from, to]. */
function counted(calendar: WorkingCalendar, spans: Array<[string, string]>, from: string, to: string): number {
  if (to <= from) return 0;
  let n = calendar.workdaysBetween(from, to).count;
  for (const [p, r] of spans) {
    const a = p > from ? p : from;
    const b = r < to ? r : to;
    if (b > a) n -= calendar.workdaysBetween(a, b).count;
  }
  return n;
}

/** The n-th counted working day after `start`, skipping paused spans. */
function nthCounted(calendar: WorkingCalendar, spans: Array<[string, string]>, start: string, n: number): string {
  if (n <= 0) return start;
  let pos = start;
  let need = n;
  for (const [p, r] of [...spans].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (r <= pos) continue;
    const before = p > pos ? calendar.workdaysBetween(pos, p).count : 0;
    if (need <= before) return calendar.addWorkdays(pos, need).date;
    need -= before;
    pos = r;
  }
  return calendar.addWorkdays(pos, need).date;
}

function previousDay(calendar: WorkingCalendar, date: string): string {
  return calendar.dateOf(Date.parse(`${date}T00:00:00+08:00`) - 1);
}

export function readClock(state: TClockState, calendar: WorkingCalendar, now: string, rules: TClockRules = {}): TClockReading {
  const start = calendar.dateOf(state.startedAt);
  const nowMs = Date.parse(now);
  const stopped = state.stoppedAt !== null && Date.parse(state.stoppedAt) <= nowMs;
  const today = calendar.dateOf(stopped ? state.stoppedAt! : now);
  const paused = !stopped && openPause(state) !== undefined;
  const spans = pauseSpans(state, calendar, today);
  const extra = state.extensions.reduce((sum, e) => sum + e.days, 0);
  // Days before today are used up; once stopped, the stop day is used too.
  const elapsed = stopped ? counted(calendar, spans, start, today) : counted(calendar, spans, start, previousDay(calendar, today));

  // A stopped clock is read as of its stop instant: a decided review never changes card.
  const asOf = stopped ? Date.parse(state.stoppedAt!) : nowMs;

  const limitReading = (base: number): TLimitReading => {
    const limit = base + extra;
    const dueDate = nthCounted(calendar, spans, start, limit);
    const dueAt = endOfDay(dueDate);
    return { limit, dueDate, dueAt, elapsed, remaining: limit - elapsed, overdue: Date.parse(dueAt) <= asOf };
  };
  const legal = limitReading(state.legalLimit);
  const promised = limitReading(state.promisedLimit);
  // A same-day limit has no day left to warn on: its yellow would start with the review itself.
  const sameDay = promised.limit === 0 && !rules.legacySameDayYellow;
  const yellowDay = state.yellowAt >= promised.limit ? start : nthCounted(calendar, spans, start, promised.limit - state.yellowAt);
  const yellowFrom = sameDay ? promised.dueAt : state.yellowAt >= promised.limit ? state.startedAt : endOfDay(yellowDay);
  const level: TCardLevel = promised.overdue ? 'red' : Date.parse(yellowFrom) <= asOf ? 'yellow' : 'green';
  const upcoming = [yellowFrom, promised.dueAt, legal.dueAt].filter((t) => Date.parse(t) > nowMs).sort((a, b) => Date.parse(a) - Date.parse(b));
  // While paused only 24:00 of the day the pause began (a worked day) can still change a card.
  const open = paused ? openPause(state) : undefined;
  const lastChange = open ? Date.parse(endOfDay(calendar.dateOf(open.from))) : Infinity;
  const next = upcoming[0];
  const nextChangeAt = stopped || next === undefined || Date.parse(next) > lastChange ? null : next;
  const provisional = calendar.spanProvisional(start, legal.dueDate > today ? legal.dueDate : today);
  return {
    legal,
    promised,
    level,
    yellowFrom,
    paused,
    stopped,
    nextChangeAt,
    provisional,
    compression: {
      promisedOfLegal: legal.limit === 0 ? 1 : promised.limit / legal.limit,
      usedOfPromised: promised.limit === 0 ? null : elapsed / promised.limit,
    },
  };
}
