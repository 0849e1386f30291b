/**
 * The legal clock of one review as a department and a supervisor see it: due dates that move
 * with corrections and special procedures (行政许可法 arts. 32, 45), extensions (art. 42),
 * yellow and red cards at the instants the clock announces, and the supervision figures.
 *
 * The scenarios run in March 2026 on the official calendar: plain Monday-to-Friday weeks
 * (2, 9, 16, 23, 30 March are Mondays), with 清明 on 4–6 April.
 */
import { defaultCalendar } from '../../../definitions/calendar/official';
import { ClockError, extendClock, pauseClock, readClock, resumeClock, startClock, stopClock, type TClockState } from '../../../definitions/clock';

const calendar = defaultCalendar();
const at = (local: string) => `${local}+08:00`;
/** Started Mon 2 March at 10:00: promised 10 working days (due 16 March), legal 20 (due 30 March), yellow at 3 left. */
const started = startClock({ at: at('2026-03-02T10:00:00'), legalLimit: 20, promisedLimit: 10, yellowAt: 3 });
const read = (state: TClockState, local: string) => readClock(state, calendar, at(local));
const ms = (instant: string) => Date.parse(instant);
const justBefore = (instant: string) => new Date(ms(instant) - 1).toISOString();

describe('a clock without pauses', () => {
  test('legal and promised limits side by side, due at 24:00 of their last working day', () => {
    const r = read(started, '2026-03-05T12:00:00');
    expect(r.promised).toEqual({ limit: 10, dueDate: '2026-03-16', dueAt: '2026-03-16T24:00:00+08:00', elapsed: 2, remaining: 8, overdue: false });
    expect(r.legal).toEqual({ limit: 20, dueDate: '2026-03-30', dueAt: '2026-03-30T24:00:00+08:00', elapsed: 2, remaining: 18, overdue: false });
    expect(r).toMatchObject({ level: 'green', paused: false, stopped: false, provisional: false });
  });

  test('the start day is not counted and today is not used up yet', () => {
    expect(read(started, '2026-03-02T23:59:00').promised).toMatchObject({ elapsed: 0, remaining: 10 });
    expect(read(started, '2026-03-03T00:01:00').promised).toMatchObject({ elapsed: 0, remaining: 10 });
    expect(read(started, '2026-03-04T00:00:00').promised).toMatchObject({ elapsed: 1, remaining: 9 });
    // On the due day one day remains; after it none.
    expect(read(started, '2026-03-16T18:00:00').promised).toMatchObject({ elapsed: 9, remaining: 1, overdue: false });
    expect(read(started, '2026-03-17T00:00:00').promised).toMatchObject({ elapsed: 10, remaining: 0, overdue: true });
  });

  test('yellow from 00:00 of the day 3 days remain, red from the promised due instant, each announced by nextChangeAt', () => {
    const green = read(started, '2026-03-05T12:00:00');
    expect(green.yellowFrom).toBe('2026-03-11T24:00:00+08:00'); // = 00:00 on Thu 12 March
    expect(green.nextChangeAt).toBe(green.yellowFrom);
    expect(readClock(started, calendar, justBefore(green.yellowFrom)).level).toBe('green');

    const yellow = readClock(started, calendar, green.yellowFrom);
    expect(yellow).toMatchObject({ level: 'yellow', promised: { remaining: 3 } });
    expect(yellow.nextChangeAt).toBe('2026-03-16T24:00:00+08:00');
    expect(readClock(started, calendar, justBefore(yellow.nextChangeAt!)).level).toBe('yellow');

    const red = readClock(started, calendar, yellow.nextChangeAt!);
    expect(red).toMatchObject({ level: 'red', promised: { overdue: true }, legal: { overdue: false } });
    expect(red.nextChangeAt).toBe('2026-03-30T24:00:00+08:00'); // the legal limit runs out later

    const late = readClock(started, calendar, red.nextChangeAt!);
    expect(late).toMatchObject({ level: 'red', legal: { overdue: true, remaining: 0 }, nextChangeAt: null });
  });

  test('a limit of zero (same day, 当场办结) is due at 24:00 of the start date: green all that day, red after, never yellow (issue 11)', () => {
    for (const yellowAt of [0, 1, 2]) {
      const zero = startClock({ at: at('2026-03-02T10:00:00'), legalLimit: 0, promisedLimit: 0, yellowAt });
      const r = read(zero, '2026-03-02T11:00:00');
      expect(r.promised).toMatchObject({ dueAt: '2026-03-02T24:00:00+08:00', remaining: 0, overdue: false });
      expect(r).toMatchObject({
        level: 'green',
        yellowFrom: '2026-03-02T24:00:00+08:00',
        nextChangeAt: '2026-03-02T24:00:00+08:00',
        compression: { promisedOfLegal: 1, usedOfPromised: null },
      });
      expect(read(zero, '2026-03-02T23:59:59').level).toBe('green');
      expect(read(zero, '2026-03-03T00:00:00').level).toBe('red');
      // Approved within its day: the stopped clock stays green.
      expect(readClock(stopClock(zero, at('2026-03-02T16:00:00')), calendar, at('2026-03-05T10:00:00')).level).toBe('green');
    }
  });

  test('projects that ran under the old rule keep reading a same-day limit as yellow at once (legacySameDayYellow)', () => {
    const zero = startClock({ at: at('2026-03-02T10:00:00'), legalLimit: 0, promisedLimit: 0, yellowAt: 0 });
    expect(readClock(zero, calendar, at('2026-03-02T11:00:00'), { legacySameDayYellow: true })).toMatchObject({
      level: 'yellow',
      yellowFrom: at('2026-03-02T10:00:00'),
    });
  });

  test('an extension gives a same-day item working days, and then the usual yellow threshold applies', () => {
    const zero = startClock({ at: at('2026-03-02T10:00:00'), legalLimit: 0, promisedLimit: 0, yellowAt: 1 });
    const extended = extendClock(zero, { days: 2, reason: '现场核查', approvedBy: 'c', at: at('2026-03-02T12:00:00') });
    expect(read(extended, '2026-03-02T13:00:00').level).toBe('green');
    expect(read(extended, '2026-03-04T08:00:00')).toMatchObject({ level: 'yellow', promised: { remaining: 1 } });
  });

  test('a promise beyond the legal limit is refused', () => {
    expect(() => startClock({ at: at('2026-03-02T10:00:00'), legalLimit: 5, promisedLimit: 6, yellowAt: 1 })).toThrow(ClockError);
  });
});

describe('pauses (correction, special procedure) do not count', () => {
  // Correction asked Wed 4 March 15:00, materials back Mon 9 March 10:00: Thu 5, Fri 6 and Mon 9 are not counted.
  const corrected = resumeClock(
    pauseClock(started, { kind: 'correction', reason: '补正: 缺少环评批复', at: at('2026-03-04T15:00:00') }),
    at('2026-03-09T10:00:00'),
  );

  test('the remaining working days carry over and the due dates move by the paused working days', () => {
    const r = read(corrected, '2026-03-10T09:00:00');
    expect(r.promised).toMatchObject({ dueDate: '2026-03-19', elapsed: 2, remaining: 8 });
    expect(r.legal).toMatchObject({ dueDate: '2026-04-02', remaining: 18 });
  });

  test('while paused the count stands still after the pause day, and nothing is due', () => {
    const open = pauseClock(started, { kind: 'correction', reason: '补正', at: at('2026-03-04T15:00:00') });
    const onPauseDay = read(open, '2026-03-04T16:00:00');
    const later = read(open, '2026-03-20T09:00:00');
    expect(onPauseDay).toMatchObject({ paused: true, promised: { elapsed: 1, remaining: 9 } });
    // The day the pause started was worked; the days after it are not counted however long it lasts.
    expect(later).toMatchObject({ paused: true, level: 'green', nextChangeAt: null, promised: { elapsed: 2, remaining: 8, dueDate: '2026-04-01' } });
    expect(() => pauseClock(open, { kind: 'correction', reason: 'again', at: at('2026-03-05T09:00:00') })).toThrow(/already paused/);
  });

  test('several pauses in a row each remove their own working days', () => {
    const special = pauseClock(corrected, { kind: 'special-procedure', reason: '专家评审', at: at('2026-03-10T15:00:00') });
    const twice = resumeClock(special, at('2026-03-12T17:00:00')); // removes Wed 11 and Thu 12
    const r = read(twice, '2026-03-13T09:00:00');
    expect(r.promised).toMatchObject({ dueDate: '2026-03-23', elapsed: 3, remaining: 7 });
    expect(twice.pauses.map((p) => [p.kind, p.reason])).toEqual([
      ['correction', '补正: 缺少环评批复'],
      ['special-procedure', '专家评审'],
    ]);
  });

  test('a pause that starts and ends on the same day removes nothing', () => {
    const sameDay = resumeClock(pauseClock(started, { kind: 'correction', reason: '补正', at: at('2026-03-04T09:00:00') }), at('2026-03-04T17:00:00'));
    expect(read(sameDay, '2026-03-05T09:00:00').promised).toEqual(read(started, '2026-03-05T09:00:00').promised);
  });

  test('a pause over a weekend removes only the working days in it', () => {
    const weekend = resumeClock(pauseClock(started, { kind: 'correction', reason: '补正', at: at('2026-03-06T17:00:00') }), at('2026-03-09T09:00:00'));
    expect(read(weekend, '2026-03-10T09:00:00').promised.dueDate).toBe('2026-03-17'); // one day later: Mon 9 March
  });

  test('a pause on the day yellow begins: the card still changes at the end of that day, and nextChangeAt says so', () => {
    // 11 March is the 7th counted day; it is worked even though the pause starts on it.
    const open = pauseClock(started, { kind: 'special-procedure', reason: '公示', at: at('2026-03-11T15:00:00') });
    const before = read(open, '2026-03-11T16:00:00');
    expect(before).toMatchObject({ paused: true, level: 'green', nextChangeAt: '2026-03-11T24:00:00+08:00' });
    const after = readClock(open, calendar, before.nextChangeAt!);
    expect(after).toMatchObject({ paused: true, level: 'yellow', nextChangeAt: null, promised: { remaining: 3 } });
    expect(read(open, '2026-03-25T09:00:00')).toMatchObject({ level: 'yellow', promised: { remaining: 3 } });
  });

  test('resuming needs an open pause and a time after it began', () => {
    expect(() => resumeClock(started, at('2026-03-05T09:00:00'))).toThrow(/not paused/);
    const open = pauseClock(started, { kind: 'correction', reason: '补正', at: at('2026-03-04T15:00:00') });
    expect(() => resumeClock(open, at('2026-03-04T14:00:00'))).toThrow(/before the pause began/);
    expect(() => pauseClock(started, { kind: 'correction', reason: '补正', at: at('2026-03-01T09:00:00') })).toThrow(/before the clock started/);
  });
});

describe('extensions (延期, art. 42)', () => {
  test('add working days to both limits, with reason and approver, across the 清明 holiday', () => {
    const extended = extendClock(started, { days: 5, reason: '情况复杂，需现场核查', approvedBy: '局长 张三', at: at('2026-03-12T09:00:00') });
    const r = read(extended, '2026-03-12T10:00:00');
    expect(r.promised).toMatchObject({ limit: 15, dueDate: '2026-03-23', elapsed: 7, remaining: 8 });
    expect(r.legal).toMatchObject({ limit: 25, dueDate: '2026-04-07' }); // 31 Mar, 1–3 Apr, (4–6 清明), 7 Apr
    expect(r.compression.promisedOfLegal).toBeCloseTo(15 / 25);
    expect(extended.extensions).toEqual([{ days: 5, reason: '情况复杂，需现场核查', approvedBy: '局长 张三', at: at('2026-03-12T09:00:00') }]);
    expect(() => extendClock(started, { days: 0, reason: 'x', approvedBy: 'y', at: at('2026-03-12T09:00:00') })).toThrow();
  });
});

describe('a stopped clock (decision made)', () => {
  test('keeps its figures for ever, the stop day counted as used; no further changes', () => {
    const stopped = stopClock(started, at('2026-03-13T16:00:00'));
    const r = read(stopped, '2026-06-30T12:00:00');
    // Yellow since 00:00 on 12 March, so the card stays yellow; it never turns red.
    expect(r).toMatchObject({ stopped: true, level: 'yellow', nextChangeAt: null, promised: { elapsed: 9, remaining: 1, overdue: false } });
    // Supervision: promised 10 of a legal 20, 9 of the promised 10 working days used.
    expect(r.compression).toEqual({ promisedOfLegal: 0.5, usedOfPromised: 0.9 });
    expect(() => pauseClock(stopped, { kind: 'correction', reason: 'x', at: at('2026-03-14T09:00:00') })).toThrow(/stopped/);
  });

  test('stopped before the yellow instant: the card stays green when read weeks later', () => {
    const early = stopClock(started, at('2026-03-05T11:00:00'));
    expect(read(early, '2026-05-20T09:00:00')).toMatchObject({ stopped: true, level: 'green', nextChangeAt: null, promised: { elapsed: 3, overdue: false } });
  });

  test('stopped after the promised due instant: red and over 100 % used', () => {
    const late = stopClock(started, at('2026-03-17T10:00:00'));
    const r = read(late, '2026-04-30T12:00:00');
    expect(r).toMatchObject({ level: 'red', promised: { elapsed: 11, remaining: -1, overdue: true }, legal: { overdue: false } });
    expect(r.compression.usedOfPromised).toBeCloseTo(1.1);
  });

  test('stopping while paused closes the pause at the stop', () => {
    const open = pauseClock(started, { kind: 'correction', reason: '补正', at: at('2026-03-04T15:00:00') });
    const stopped = stopClock(open, at('2026-03-20T10:00:00'));
    expect(stopped.pauses[0]!.to).toBe(at('2026-03-20T10:00:00'));
    expect(read(stopped, '2026-04-01T09:00:00')).toMatchObject({ stopped: true, paused: false, promised: { elapsed: 2 } });
  });
});

test('a limit reaching into 2027 is provisional', () => {
  const december = startClock({ at: at('2026-12-21T10:00:00'), legalLimit: 20, promisedLimit: 5, yellowAt: 2 });
  const r = read(december, '2026-12-22T10:00:00');
  expect(r.provisional).toBe(true);
  expect(r.legal.dueDate > '2027-01-01').toBe(true);
});
