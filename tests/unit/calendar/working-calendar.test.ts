/**
 * Counting working days the way the law counts them (民法典 arts. 201, 203): from the day
 * after the start, to 24:00 Asia/Shanghai of the last working day; the edge cases a
 * department or an enterprise would dispute.
 */
import { defaultCalendar, statutoryHolidays } from '../../../definitions/calendar/official';
import { isRealDate, ZIsoDate } from '../../../definitions/calendar/snapshot';
import { CalendarRangeError } from '../../../definitions/calendar/working-calendar';

const calendar = defaultCalendar();

describe('a limit starts counting the day after the start (art. 201)', () => {
  test('started on a working day, the start day itself does not count', () => {
    // Tue 2026-03-10 + 3 → Wed, Thu, Fri.
    expect(calendar.addWorkdays('2026-03-10', 3)).toEqual({ date: '2026-03-13', provisional: false });
    expect(calendar.dueInstant('2026-03-10', 3)).toBe('2026-03-13T24:00:00+08:00');
  });

  test('started on a holiday, counting begins with the first working day after it', () => {
    // 2026-09-25 is 中秋; 28, 29, 30 Sep, then 国庆 to 7 Oct, then 8 and 9 Oct.
    expect(calendar.dueInstant('2026-09-25', 5)).toBe('2026-10-09T24:00:00+08:00');
    expect(calendar.addWorkdays('2026-10-01', 1).date).toBe('2026-10-08');
  });

  test('a make-up Saturday counts as a working day of the limit', () => {
    // Fri 2026-10-09 + 1 → Sat 10 Oct (调休上班), not Mon 12 Oct.
    expect(calendar.addWorkdays('2026-10-09', 1).date).toBe('2026-10-10');
    expect(calendar.workdaysBetween('2026-09-20', '2026-10-12')).toEqual({ count: 11, provisional: false });
  });

  test('a limit of zero ends at 24:00 of the start date, even a holiday', () => {
    expect(calendar.addWorkdays('2026-10-01', 0)).toEqual({ date: '2026-10-01', provisional: false });
    expect(calendar.dueInstant('2026-10-01', 0)).toBe('2026-10-01T24:00:00+08:00');
  });

  test('negative or fractional limits are refused', () => {
    expect(() => calendar.addWorkdays('2026-03-10', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkdays('2026-03-10', 1.5)).toThrow(/whole number/);
  });

  test('workdaysBetween counts (from, to] and is negative backwards', () => {
    expect(calendar.workdaysBetween('2026-03-10', '2026-03-10').count).toBe(0);
    expect(calendar.workdaysBetween('2026-03-10', '2026-03-11').count).toBe(1);
    expect(calendar.workdaysBetween('2026-03-13', '2026-03-10').count).toBe(-3);
  });
});

describe('the start date is the date in Asia/Shanghai, whatever the time of day', () => {
  test('a start at 23:59 Shanghai counts from the next day, like one at 09:00', () => {
    const late = calendar.dateOf('2026-03-10T23:59:00+08:00');
    expect(late).toBe('2026-03-10');
    expect(calendar.dueInstant(late, 1)).toBe(calendar.dueInstant(calendar.dateOf('2026-03-10T09:00:00+08:00'), 1));
    expect(calendar.dueInstant(late, 1)).toBe('2026-03-11T24:00:00+08:00');
  });

  test('a start at 00:01 Shanghai is already the next day there, though still the previous day in UTC', () => {
    const instant = '2026-03-10T16:01:00Z'; // 2026-03-11 00:01 in Shanghai
    expect(calendar.dateOf(instant)).toBe('2026-03-11');
    expect(calendar.dateOf(Date.parse(instant))).toBe('2026-03-11');
    expect(calendar.dateOf('2026-03-10T15:59:00Z')).toBe('2026-03-10');
    expect(calendar.dueInstant(calendar.dateOf(instant), 1)).toBe('2026-03-12T24:00:00+08:00');
  });

  test('24:00 of a day is 00:00 of the next in Shanghai and 16:00 UTC of the day', () => {
    expect(new Date(Date.parse('2026-10-09T24:00:00+08:00')).toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(calendar.dateOf('2026-10-09T24:00:00+08:00')).toBe('2026-10-10');
  });

  test('a string that is not an instant is refused', () => {
    expect(() => calendar.dateOf('tomorrow')).toThrow(RangeError);
  });
});

describe('years without a State Council notice are provisional, with the statutory holidays', () => {
  test('the last week of 2026 into 2027: 1 Jan is off by law, and the answer is marked provisional', () => {
    // Mon 2026-12-28 + 5 → 29, 30, 31 Dec, (1 Jan 元旦), 4 and 5 Jan.
    expect(calendar.addWorkdays('2026-12-28', 5)).toEqual({ date: '2027-01-05', provisional: true });
    expect(calendar.workdaysBetween('2026-12-28', '2027-01-05')).toEqual({ count: 5, provisional: true });
  });

  test('counting across the 2025/2026 year end uses both notices and is not provisional', () => {
    // Mon 2025-12-29 + 5 → 30, 31 Dec, (1–3 Jan 元旦), Sun 4 Jan 调休, 5 and 6 Jan.
    expect(calendar.addWorkdays('2025-12-29', 5)).toEqual({ date: '2026-01-06', provisional: false });
  });

  test('a span that ends on 31 December 2026 is not provisional; one that reaches 1 January 2027 is', () => {
    expect(calendar.workdaysBetween('2026-12-01', '2026-12-31').provisional).toBe(false);
    expect(calendar.workdaysBetween('2026-12-31', '2027-01-04').provisional).toBe(true);
    expect(calendar.spanProvisional('2026-12-31', '2026-12-31')).toBe(false);
  });

  // 全国年节及纪念日放假办法 (2024 revision) art. 2, the lunar dates converted: 春节 2027 is 6 Feb.
  test.each([
    ['2027-01-01', /元旦/],
    ['2027-02-05', /春节/], // 除夕
    ['2027-02-06', /春节/], // 正月初一
    ['2027-02-08', /春节/], // 初三, a Monday
    ['2027-04-05', /清明/],
    ['2027-05-01', /劳动/],
    ['2027-05-02', /劳动/],
    ['2027-06-09', /端午/],
    ['2027-09-15', /中秋/],
    ['2027-10-01', /国庆/],
    ['2027-10-02', /国庆/],
    ['2027-10-03', /国庆/],
  ])('2027: %s is a statutory holiday, provisional', (date, name) => {
    expect(calendar.dayInfo(date)).toEqual({ date, workday: false, reason: 'holiday', name: expect.stringMatching(name), provisional: true });
  });

  test('2027: without a notice there are no make-up days and other weekdays work', () => {
    expect(calendar.dayInfo('2027-02-09')).toEqual({ date: '2027-02-09', workday: true, reason: 'weekday', name: '', provisional: true }); // 初四
    expect(calendar.isWorkday('2027-10-04')).toBe(true); // Mon after 1–3 Oct
    expect(calendar.isWorkday('2027-02-13')).toBe(false); // a Saturday stays a weekend
  });

  test('statutoryHolidays converts the lunar dates for a year with a leap fifth month (2028)', () => {
    const y2028 = statutoryHolidays(2028);
    expect(y2028.filter((h) => h.name === '春节').map((h) => h.date)).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']);
    expect(y2028.find((h) => h.name === '端午节')?.date).toBe('2028-05-28');
    expect(y2028).toHaveLength(13);
  });
});

describe('dates outside the calendar and impossible dates', () => {
  test('impossible dates are refused, leap days accepted', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2026-2-3')).toBe(false);
    expect(ZIsoDate.safeParse('2026-13-01').success).toBe(false);
    expect(() => calendar.isWorkday('2026-02-30')).toThrow(/not a calendar date/);
  });

  test('before the first year or past the horizon is a CalendarRangeError, not a guess', () => {
    expect(() => calendar.isWorkday('2019-12-31')).toThrow(CalendarRangeError);
    expect(calendar.horizon).toMatch(/^\d{4}-12-31$/);
    expect(() => calendar.addWorkdays(calendar.horizon, 1)).toThrow(CalendarRangeError);
  });
});
