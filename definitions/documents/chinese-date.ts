/**
 * Dates as official documents write them (二〇二六年二月十三日, GB/T 9704-2012 uses Chinese
 * numerals for the year digit by digit and counted numbers for month and day).
 */
const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 as counted: 十, 十三, 二十, 二十四, 三十一. */
function counted(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** `2026-02-13` → 二〇二六年二月十三日. @throws RangeError on anything but YYYY-MM-DD */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const year = [...m[1]!].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${counted(Number(m[2]))}月${counted(Number(m[3]))}日`;
}
