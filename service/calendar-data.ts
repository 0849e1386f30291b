/**
 * The working-day calendar the service holds: read from the data directory (loaded notices and
 * overrides, definitions/calendar/node/store.ts), re-read at most once a minute so files put
 * there by hand are picked up, and replaced at once when a coordinator saves a notice or an
 * override through the API. The worker's `currentCalendar` activity reads the same directory,
 * so a project refreshed afterwards computes with the same calendar (the same fingerprint).
 */
import { CalendarDataError, loadCalendarData, saveNotice, saveOverride } from '../definitions/calendar/node/store';
import type { TCalendarOverride, THolidayNotice } from '../definitions/calendar/official';
import { WorkingCalendar } from '../definitions/calendar/working-calendar';

/** Calendar data (loaded notices, overrides) is re-read at most this often. */
export const CALENDAR_REFRESH_MS = 60_000;

interface Loaded {
  calendar: WorkingCalendar;
  notices: THolidayNotice[];
  overrides: TCalendarOverride[];
  at: number;
}

export class CalendarData {
  private loaded: Loaded;

  constructor(
    readonly dataDir: string,
    private readonly clock: () => number = Date.now,
    private readonly refreshMs = CALENDAR_REFRESH_MS,
  ) {
    this.loaded = this.load();
  }

  private load(): Loaded {
    const { notices, overrides, snapshot } = loadCalendarData(this.dataDir);
    const calendar = this.loaded?.calendar.fingerprint === snapshot.fingerprint ? this.loaded.calendar : new WorkingCalendar(snapshot);
    return { calendar, notices, overrides, at: this.clock() };
  }

  private problem: string | null = null;

  /**
   * A file broken by hand after start-up must not take the service down or answer 500: the
   * calendar in force stays, the problem is logged once and shown by `loadProblem`.
   */
  private fresh(): Loaded {
    if (this.clock() - this.loaded.at <= this.refreshMs) return this.loaded;
    try {
      this.loaded = this.load();
      this.problem = null;
    } catch (err) {
      if (!(err instanceof CalendarDataError)) throw err;
      if (this.problem !== err.message) console.warn(`[service] calendar data not reloaded, the calendar in force stays: ${err.message}`);
      this.problem = err.message;
      this.loaded = { ...this.loaded, at: this.clock() };
    }
    return this.loaded;
  }

  /** Why the last re-read of the data directory failed, or null. */
  get loadProblem(): string | null {
    return this.problem;
  }

  /** The calendar in force now. */
  calendar(): WorkingCalendar {
    return this.fresh().calendar;
  }

  /** The loaded notices and overrides behind `calendar()`. */
  data(): { calendar: WorkingCalendar; notices: THolidayNotice[]; overrides: TCalendarOverride[] } {
    const { calendar, notices, overrides } = this.fresh();
    return { calendar, notices, overrides };
  }

  /** Writes a year's notice (replacing that year's file) and makes the result the calendar in force. */
  saveNotice(notice: THolidayNotice): WorkingCalendar {
    saveNotice(this.dataDir, notice);
    this.loaded = this.load();
    return this.loaded.calendar;
  }

  /** Writes an override (replacing one for the same date) and makes the result the calendar in force. */
  saveOverride(override: TCalendarOverride): WorkingCalendar {
    saveOverride(this.dataDir, override);
    this.loaded = this.load();
    return this.loaded.calendar;
  }
}
