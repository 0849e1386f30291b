/**
 * Calendar data a coordinator loads at run time: a newly published year's notice replacing
 * the statutory guess, and local overrides (a typhoon closure) on top; both validated, both
 * visible in the snapshot's fingerprint.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOfficialSnapshot, defaultCalendar, ZCalendarOverride, ZHolidayNotice, type THolidayNotice } from '../../../definitions/calendar/official';
import { CalendarDataError, currentCalendarSnapshot, saveNotice, saveOverride } from '../../../definitions/calendar/node/store';
import { WorkingCalendar } from '../../../definitions/calendar/working-calendar';

/** A notice for 2027 in the published shape; the dates are invented for the test (no 2027 notice is in the package). */
const notice2027: THolidayNotice = {
  year: 2027,
  source: '测试用通知（虚构）',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-12' },
  ],
  makeupWorkdays: [{ date: '2027-02-20', name: '春节调休上班' }],
};

const typhoon = { date: '2026-09-15', workday: false, name: '台风停工', authority: '深圳市人民政府' };

describe('a newly published notice', () => {
  const before = defaultCalendar();
  const after = new WorkingCalendar(buildOfficialSnapshot({ notices: [notice2027] }));

  test('replaces the statutory guess for its year and makes it official', () => {
    // Statutory: only 除夕 to 初三 (5–8 Feb); the notice gives 5–12 Feb and a make-up Saturday.
    expect(before.dayInfo('2027-02-10')).toMatchObject({ workday: true, reason: 'weekday', provisional: true });
    expect(after.dayInfo('2027-02-10')).toEqual({ date: '2027-02-10', workday: false, reason: 'holiday', name: '春节', provisional: false });
    expect(after.dayInfo('2027-02-20')).toEqual({ date: '2027-02-20', workday: true, reason: 'makeup', name: '春节调休上班', provisional: false });
    // A statutory day the (invented) notice does not list is no longer assumed off.
    expect(before.isWorkday('2027-04-05')).toBe(false);
    expect(after.isWorkday('2027-04-05')).toBe(true);
  });

  test('moves a due date that crosses it, no longer provisional, under a new fingerprint', () => {
    // Thu 2027-02-04 + 3: statutory → 9, 10, 11 Feb; with the notice → 15, 16, 17 Feb.
    expect(before.addWorkdays('2027-02-04', 3)).toEqual({ date: '2027-02-11', provisional: true });
    expect(after.addWorkdays('2027-02-04', 3)).toEqual({ date: '2027-02-17', provisional: false });
    expect(after.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.snapshot.officialYears).toContain(2027);
    // The next unknown year is still provisional.
    expect(after.addWorkdays('2027-12-30', 2).provisional).toBe(true);
  });

  test('equal inputs give equal fingerprints (a workflow can tell which calendar it used)', () => {
    expect(buildOfficialSnapshot({ notices: [notice2027] }).fingerprint).toBe(after.fingerprint);
    expect(buildOfficialSnapshot().fingerprint).toBe(before.fingerprint);
  });
});

describe('a local override', () => {
  test('a typhoon closure on a working day moves a due date by one day', () => {
    const plain = defaultCalendar();
    const closed = new WorkingCalendar(buildOfficialSnapshot({ overrides: [typhoon] }));
    expect(plain.dueInstant('2026-09-14', 2)).toBe('2026-09-16T24:00:00+08:00');
    expect(closed.dueInstant('2026-09-14', 2)).toBe('2026-09-17T24:00:00+08:00');
    expect(closed.dayInfo('2026-09-15')).toEqual({
      date: '2026-09-15',
      workday: false,
      reason: 'override',
      name: '台风停工（深圳市人民政府）',
      provisional: false,
    });
    expect(closed.fingerprint).not.toBe(plain.fingerprint);
  });

  test('an extra working day on a weekend counts', () => {
    const extra = new WorkingCalendar(buildOfficialSnapshot({ overrides: [{ date: '2026-03-14', workday: true, name: '集中办理日' }] }));
    expect(extra.addWorkdays('2026-03-13', 1).date).toBe('2026-03-14');
  });
});

describe('invalid calendar data is rejected with the path of the bad field', () => {
  const paths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) => result.error?.issues.map((i) => i.path.join('.'));

  test('a notice with an impossible date, a bad make-up date and an unknown field', () => {
    const result = ZHolidayNotice.safeParse({
      ...notice2027,
      holidays: [{ name: '春节', from: '2027-02-30', to: '2027-02-12' }],
      makeupWorkdays: [{ date: '2027/02/20', name: '调休' }],
      extra: true,
    });
    expect(result.success).toBe(false);
    expect(paths(result)).toEqual(expect.arrayContaining(['holidays.0.from', 'makeupWorkdays.0.date', '']));
  });

  test('a holiday that ends before it starts', () => {
    const result = ZHolidayNotice.safeParse({ ...notice2027, holidays: [{ name: '春节', from: '2027-02-12', to: '2027-02-05' }] });
    expect(paths(result)).toEqual(['holidays.0.to']);
  });

  test('an override without a name and with a non-boolean workday', () => {
    const result = ZCalendarOverride.safeParse({ date: '2026-09-31', workday: 'no', name: ' ' });
    expect(paths(result)?.sort()).toEqual(['date', 'name', 'workday']);
    expect(() => buildOfficialSnapshot({ overrides: [{ ...typhoon, date: '2026-09-31' }] })).toThrow();
  });
});

describe('the data directory (<data>/calendar/notices/<year>.json, overrides.json)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('saveNotice writes <year>.json and the current snapshot includes it', () => {
    const snapshot = saveNotice(dir, notice2027);
    expect(JSON.parse(readFileSync(join(dir, 'calendar/notices/2027.json'), 'utf8'))).toEqual(notice2027);
    expect(snapshot.fingerprint).toBe(buildOfficialSnapshot({ notices: [notice2027] }).fingerprint);
    expect(currentCalendarSnapshot(dir).fingerprint).toBe(snapshot.fingerprint);
  });

  test('saveOverride replaces an earlier override for the same date', () => {
    saveOverride(dir, { ...typhoon, name: '暴雨停工' });
    const snapshot = saveOverride(dir, typhoon);
    expect(JSON.parse(readFileSync(join(dir, 'calendar/overrides.json'), 'utf8'))).toEqual([typhoon]);
    expect(new WorkingCalendar(snapshot).dayInfo('2026-09-15').name).toBe('台风停工（深圳市人民政府）');
  });

  test('a bad file is an error naming the file and the field, never skipped', () => {
    mkdirSync(join(dir, 'calendar/notices'), { recursive: true });
    writeFileSync(join(dir, 'calendar/notices/2027.json'), JSON.stringify({ ...notice2027, year: '2027' }));
    expect(() => currentCalendarSnapshot(dir)).toThrow(CalendarDataError);
    expect(() => currentCalendarSnapshot(dir)).toThrow(/notices\/2027\.json: year: /);
    writeFileSync(join(dir, 'calendar/notices/2027.json'), '{');
    expect(() => currentCalendarSnapshot(dir)).toThrow(/not valid JSON/);
  });

  test('saveNotice refuses invalid input and writes nothing', () => {
    expect(() => saveNotice(dir, { ...notice2027, holidays: [] })).toThrow(/holidays/);
    expect(currentCalendarSnapshot(dir).fingerprint).toBe(defaultCalendar().fingerprint);
  });
});

test('an override beyond the statutory years is kept: the calendar reaches as far as the latest override', () => {
  const snapshot = buildOfficialSnapshot({ overrides: [{ date: '2034-03-06', workday: false, name: '台风停工' }] });
  expect(snapshot.lastYear).toBe(2034);
  expect(new WorkingCalendar(snapshot).dayInfo('2034-03-06')).toMatchObject({ workday: false, reason: 'override', provisional: true });
});

test('notices and overrides far in the future, or holiday periods of months, are refused: they would only bloat every snapshot', () => {
  const notice = { year: 2027, source: '测试', holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }], makeupWorkdays: [] };
  expect(ZHolidayNotice.safeParse(notice).success).toBe(true);
  const far = ZHolidayNotice.safeParse({ ...notice, year: 2199 });
  expect(far.success ? [] : far.error.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['year', 'notices can be loaded up to 2031']);
  const long = ZHolidayNotice.safeParse({ ...notice, holidays: [{ name: '春节', from: '2027-01-01', to: '2027-12-31' }] });
  expect(long.success ? [] : long.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['holidays.0.to', 'a holiday period lasts at most 15 days'],
  ]);
  const override = ZCalendarOverride.safeParse({ date: '2150-01-05', workday: false, name: '停工' });
  expect(override.success ? [] : override.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['date', 'overrides can be set up to 2036']]);
});
