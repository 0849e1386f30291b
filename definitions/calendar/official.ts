/**
 * The official working-day calendar: the State Council's holiday notices as published in the
 * `chinese-days` package, notices loaded at run time for years the package does not know yet,
 * the statutory holidays (全国年节及纪念日放假办法, revised 2024) for years with no notice at
 * all, and local overrides (a city's extra closure, a typhoon day) on top.
 */
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import packaged from 'chinese-days/dist/chinese-days.json';
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { z } from 'zod';
import { sealSnapshot, ZIsoDate, type TCalendarDay, type TCalendarSnapshot } from './snapshot';
import { WorkingCalendar } from './working-calendar';
import { readableText } from '../text';

/**
 * How far ahead data may be loaded: notices are published for the coming year, so a few years
 * past the packaged data is generous; anything further is a typing error, and would only
 * bloat every project's calendar snapshot.
 */
const NEWEST_PACKAGED_YEAR = Math.max(...Object.keys((packaged as { holidays: Record<string, string> }).holidays).map((d) => Number(d.slice(0, 4))));
export const NOTICE_LAST_YEAR = NEWEST_PACKAGED_YEAR + 5;
export const OVERRIDE_LAST_YEAR = NEWEST_PACKAGED_YEAR + 10;
/** The longest holiday period any notice has had is 10 days (Spring Festival 2020). */
const MAX_HOLIDAY_DAYS = 15;

/** A State Council notice for one year (国务院办公厅关于某年部分节假日安排的通知), as data. */
export const ZHolidayNotice = z
  .object({
    year: z.number().int().min(2000).max(NOTICE_LAST_YEAR, `notices can be loaded up to ${NOTICE_LAST_YEAR}`),
    /** The notice's document number, e.g. 国办发明电〔2025〕7号. */
    source: readableText().trim().min(1).max(200),
    holidays: z
      .array(z.object({ name: readableText().trim().min(1).max(50), from: ZIsoDate, to: ZIsoDate }).strict())
      .min(1)
      .max(20),
    makeupWorkdays: z.array(z.object({ date: ZIsoDate, name: readableText().trim().min(1).max(50) }).strict()).max(20),
  })
  .strict()
  .superRefine((notice, ctx) => {
    // Its days lie in its year or the December/January next to it (元旦 may start on 30
    // December; a make-up day may fall in the year before).
    const first = `${notice.year - 1}-12-01`;
    const last = `${notice.year + 1}-01-31`;
    const inYear = (date: string, path: (string | number)[]) => {
      if (date < first || date > last)
        ctx.addIssue({ code: 'custom', path, message: `${date} is not in ${notice.year} (nor the December or January next to it)` });
    };
    notice.holidays.forEach((h, i) => {
      inYear(h.from, ['holidays', i, 'from']);
      inYear(h.to, ['holidays', i, 'to']);
    });
    notice.makeupWorkdays.forEach((m, i) => inYear(m.date, ['makeupWorkdays', i, 'date']));
    notice.holidays.forEach((h, i) => {
      if (h.to < h.from) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: `ends (${h.to}) before it starts (${h.from})` });
      else if (differenceInCalendarDays(parseISO(h.to), parseISO(h.from)) + 1 > MAX_HOLIDAY_DAYS) {
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: `a holiday period lasts at most ${MAX_HOLIDAY_DAYS} days` });
      }
    });
  });
export type THolidayNotice = z.infer<typeof ZHolidayNotice>;

/** A local change on top of the national calendar: a closure (workday false) or an extra working day. */
export const ZCalendarOverride = z
  .object({
    date: ZIsoDate.refine((d) => Number(d.slice(0, 4)) <= OVERRIDE_LAST_YEAR, `overrides can be set up to ${OVERRIDE_LAST_YEAR}`),
    workday: z.boolean(),
    name: readableText().trim().min(1),
    /** Who decided it, e.g. 武汉市人民政府 (free text, shown with the day). */
    authority: readableText().trim().min(1).optional(),
  })
  .strict();
export type TCalendarOverride = z.infer<typeof ZCalendarOverride>;

export interface TBuildOptions {
  notices?: THolidayNotice[];
  overrides?: TCalendarOverride[];
  /** Default 2020: older dates are never needed for running projects and only grow every history. */
  firstYear?: number;
  /** Statutory holidays are laid out through this year; default five years past the newest notice. */
  throughYear?: number;
}

type PackagedTable = { holidays: Record<string, string>; workdays: Record<string, string> };

/** `chinese-days` writes names as "English,中文,days"; keep the Chinese. */
function chineseName(raw: string): string {
  const parts = raw.split(',');
  return parts[1] ?? parts[0] ?? raw;
}

function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = parseISO(from); format(d, 'yyyy-MM-dd') <= to; d = addDays(d, 1)) out.push(format(d, 'yyyy-MM-dd'));
  return out;
}

/**
 * The holidays the law fixes without a yearly notice (art. 2 of the 2024 revision), with the
 * lunar ones converted by `chinese-days`. No make-up days: those come only with a notice.
 */
export function statutoryHolidays(year: number): Array<{ date: string; name: string }> {
  const lunar = (monthDay: string) => getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const newYear = lunar('01-01');
  const eve = format(addDays(parseISO(newYear), -1), 'yyyy-MM-dd');
  const days: Array<{ date: string; name: string }> = [
    { date: `${year}-01-01`, name: '元旦' },
    ...dateRange(eve, format(addDays(parseISO(newYear), 2), 'yyyy-MM-dd')).map((date) => ({ date, name: '春节' })),
    { date: getSolarTermDate(year, 4, 'pure_brightness'), name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunar('05-05'), name: '端午节' },
    { date: lunar('08-15'), name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
  return days;
}

export function packagedYears(): number[] {
  const table = packaged as PackagedTable;
  return [...new Set(Object.keys(table.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
}

export function buildOfficialSnapshot(options: TBuildOptions = {}): TCalendarSnapshot {
  const table = packaged as PackagedTable;
  const notices = (options.notices ?? []).map((n) => ZHolidayNotice.parse(n));
  const overrides = (options.overrides ?? []).map((o) => ZCalendarOverride.parse(o));
  const firstYear = options.firstYear ?? 2020;
  const noticeYears = new Set(notices.map((n) => n.year));
  const officialYears = [...new Set([...packagedYears(), ...noticeYears])].filter((y) => y >= firstYear);
  const newest = Math.max(...officialYears);
  // A local override is never dropped: the calendar reaches at least as far as the latest one.
  const latestOverride = Math.max(0, ...overrides.map((o) => Number(o.date.slice(0, 4))));
  const lastYear = Math.max(options.throughYear ?? newest + 5, latestOverride);
  const days: Record<string, TCalendarDay> = {};
  const inRange = (date: string) => {
    const y = Number(date.slice(0, 4));
    return y >= firstYear && y <= lastYear;
  };

  // A loaded notice replaces whatever the package says about its year.
  for (const [date, raw] of Object.entries(table.holidays)) {
    if (inRange(date) && !noticeYears.has(Number(date.slice(0, 4)))) days[date] = { workday: false, reason: 'holiday', name: chineseName(raw) };
  }
  for (const [date, raw] of Object.entries(table.workdays)) {
    if (inRange(date) && !noticeYears.has(Number(date.slice(0, 4)))) days[date] = { workday: true, reason: 'makeup', name: `${chineseName(raw)}调休上班` };
  }
  for (const notice of notices) {
    for (const h of notice.holidays)
      for (const date of dateRange(h.from, h.to)) if (inRange(date)) days[date] = { workday: false, reason: 'holiday', name: h.name };
    for (const m of notice.makeupWorkdays) if (inRange(m.date)) days[m.date] = { workday: true, reason: 'makeup', name: m.name };
  }
  for (let year = firstYear; year <= lastYear; year++) {
    if (officialYears.includes(year)) continue;
    for (const h of statutoryHolidays(year)) days[h.date] = { workday: false, reason: 'holiday', name: h.name };
  }
  for (const o of overrides)
    if (inRange(o.date)) days[o.date] = { workday: o.workday, reason: 'override', name: o.authority ? `${o.name}（${o.authority}）` : o.name };

  return sealSnapshot({ timeZone: 'Asia/Shanghai', firstYear, lastYear, officialYears, days });
}

let cached: WorkingCalendar | undefined;
/** The packaged official calendar without local data: for the CLI, planning previews and tests. */
export function defaultCalendar(): WorkingCalendar {
  cached ??= new WorkingCalendar(buildOfficialSnapshot());
  return cached;
}
