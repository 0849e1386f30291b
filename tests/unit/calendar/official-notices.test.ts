/**
 * The packaged official calendar against the State Council notices themselves, spelled out
 * here by hand from the published text (not from `chinese-days`), so that a wrong or stale
 * package release fails these tests.
 */
import { defaultCalendar } from '../../../definitions/calendar/official';

const calendar = defaultCalendar();

interface NoticeTable {
  source: string;
  holidays: Array<{ name: RegExp; from: string; to: string }>;
  makeupWorkdays: string[];
}

/** 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号). */
const notice2025: NoticeTable = {
  source: '国办发明电〔2024〕12号',
  holidays: [
    { name: /元旦/, from: '2025-01-01', to: '2025-01-01' }, // 1月1日（周三）放假1天，不调休
    { name: /春节/, from: '2025-01-28', to: '2025-02-04' }, // 除夕（周二）至正月初七（周二），共8天
    { name: /清明/, from: '2025-04-04', to: '2025-04-06' },
    { name: /劳动/, from: '2025-05-01', to: '2025-05-05' },
    { name: /端午/, from: '2025-05-31', to: '2025-06-02' },
    { name: /国庆|中秋/, from: '2025-10-01', to: '2025-10-08' }, // 国庆节、中秋节连休8天
  ],
  // 1月26日（周日）、2月8日（周六）、4月27日（周日）、9月28日（周日）、10月11日（周六）上班
  makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

/** 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号). */
const notice2026: NoticeTable = {
  source: '国办发明电〔2025〕7号',
  holidays: [
    { name: /元旦/, from: '2026-01-01', to: '2026-01-03' },
    { name: /春节/, from: '2026-02-15', to: '2026-02-23' }, // 腊月二十八（周日）至正月初七（周一），共9天
    { name: /清明/, from: '2026-04-04', to: '2026-04-06' },
    { name: /劳动/, from: '2026-05-01', to: '2026-05-05' },
    { name: /端午/, from: '2026-06-19', to: '2026-06-21' },
    { name: /中秋/, from: '2026-09-25', to: '2026-09-27' },
    { name: /国庆/, from: '2026-10-01', to: '2026-10-07' },
  ],
  // 1月4日（周日）、2月14日（周六）、2月28日（周六）、5月9日（周六）、9月20日（周日）、10月10日（周六）上班
  makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

describe.each([
  [2025, notice2025],
  [2026, notice2026],
])('%i, as in the notice', (year, notice) => {
  const holidayDays = notice.holidays.flatMap((h) => days(h.from, h.to).map((date) => ({ date, name: h.name })));

  test.each(holidayDays)(`${notice.source}: $date is a holiday`, ({ date, name }) => {
    expect(calendar.isWorkday(date)).toBe(false);
    expect(calendar.dayInfo(date)).toEqual({ date, workday: false, reason: 'holiday', name: expect.stringMatching(name), provisional: false });
  });

  test.each(notice.makeupWorkdays)(`${notice.source}: %s is a make-up working day (调休)`, (date) => {
    expect(isWeekend(date)).toBe(true);
    expect(calendar.isWorkday(date)).toBe(true);
    expect(calendar.dayInfo(date)).toMatchObject({ workday: true, reason: 'makeup', provisional: false });
  });

  test('every other day of the year follows Monday-to-Friday', () => {
    const off = new Set(holidayDays.map((h) => h.date));
    const on = new Set(notice.makeupWorkdays);
    const wrong = days(`${year}-01-01`, `${year}-12-31`).filter((date) => calendar.isWorkday(date) !== (on.has(date) || (!off.has(date) && !isWeekend(date))));
    expect(wrong).toEqual([]);
  });

  test('ordinary days are explained as weekday or weekend', () => {
    expect(calendar.dayInfo(`${year}-03-10`)).toEqual({ date: `${year}-03-10`, workday: true, reason: 'weekday', name: '', provisional: false });
    const saturday = days(`${year}-03-01`, `${year}-03-07`).find(isWeekend)!;
    expect(calendar.dayInfo(saturday)).toMatchObject({ workday: false, reason: 'weekend', provisional: false });
  });
});

test('the two notices give 2025 and 2026 their known working-day totals', () => {
  // 2025: 261 weekdays − 18 holidays on weekdays + 5 make-up days; 2026: 261 − 19 + 6.
  expect(calendar.workdaysBetween('2024-12-31', '2025-12-31')).toEqual({ count: 248, provisional: false });
  expect(calendar.workdaysBetween('2025-12-31', '2026-12-31')).toEqual({ count: 248, provisional: false });
});
