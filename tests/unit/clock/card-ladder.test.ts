/**
 * Card ladders as data: the Zhanjiang/Dongguan ladder (warning before the promised due date,
 * yellow once overdue, red when a 督办 period runs out) and the Wuhan rule spelled as a ladder,
 * on the official 2026 calendar around the Spring Festival: 15–23 Feb off, Sat 14 Feb and
 * Sat 28 Feb are make-up working days.
 */
import { defaultCalendar } from '../../../definitions/calendar/official';
import { pauseClock, readClock, readLadder, startClock, stopClock, ZCardLadder, type TCardLadder } from '../../../definitions/clock';
import { zhanjiangLadder } from '../../../definitions/process/builtin/zhanjiang-industrial';

const calendar = defaultCalendar();
const at = (local: string) => `${local}+08:00`;
const zhanjiang = ZCardLadder.parse(zhanjiangLadder);
/**
 * Wed 11 Feb 10:00, promised 5, legal 10. Counted days: 12, 13, Sat 14 (make-up), 24, 25 Feb
 * (promised due), then 26, 27, Sat 28 (make-up), 2, 3 March (legal due).
 */
const clock = startClock({ at: at('2026-02-11T10:00:00'), legalLimit: 10, promisedLimit: 5, yellowAt: 2 });

describe('the Zhanjiang ladder', () => {
  const read = (local: string, deadline: string | null = null, state = clock) => readLadder(zhanjiang, state, calendar, at(local), deadline);

  test('green until 00:00 of the make-up Saturday, when 3 working days remain: then a warning', () => {
    expect(read('2026-02-13T23:59:59')).toMatchObject({ card: 'green', nextChangeAt: '2026-02-13T24:00:00+08:00' });
    expect(read('2026-02-14T00:00:00')).toMatchObject({ card: 'warning', since: '2026-02-13T24:00:00+08:00' });
    // Through the holiday the warning holds; the reminder one day before comes on the last day but one.
    expect(read('2026-02-20T12:00:00')).toMatchObject({ card: 'warning', nextChangeAt: '2026-02-24T24:00:00+08:00' });
  });

  test('a reminder one working day before the due date; five days is the whole limit, so none is sent at dispatch', () => {
    expect(read('2026-02-24T23:00:00').reminders).toEqual([]);
    expect(read('2026-02-25T00:00:00').reminders).toEqual([{ days: 1, at: '2026-02-24T24:00:00+08:00' }]);
  });

  test('yellow once the promised due day has passed; red never comes without a 督办', () => {
    expect(read('2026-02-25T23:59:59').card).toBe('warning');
    expect(read('2026-02-26T00:00:00')).toMatchObject({ card: 'yellow', since: '2026-02-25T24:00:00+08:00', nextChangeAt: null });
    expect(read('2026-03-20T12:00:00').card).toBe('yellow');
  });

  test('red when still not done at the 督办 deadline, which can fall on a make-up Saturday', () => {
    // Issued Thu 26 Feb for 2 working days: Fri 27, Sat 28 (make-up) → 24:00 on 28 Feb.
    const deadline = calendar.dueInstant('2026-02-26', 2);
    expect(deadline).toBe('2026-02-28T24:00:00+08:00');
    expect(read('2026-02-26T12:00:00', deadline)).toMatchObject({ card: 'yellow', nextChangeAt: deadline });
    expect(read('2026-02-28T23:59:59', deadline).card).toBe('yellow');
    expect(read('2026-03-01T00:00:00', deadline)).toMatchObject({ card: 'red', since: deadline, nextChangeAt: null });
  });

  test('a review decided before the 督办 deadline keeps the card it had', () => {
    const deadline = calendar.dueInstant('2026-02-26', 2);
    const decided = stopClock(clock, at('2026-02-27T09:00:00'));
    expect(read('2026-03-05T00:00:00', deadline, decided)).toMatchObject({ card: 'yellow', nextChangeAt: null });
  });

  test('while paused for a correction the due date moves, so no card comes; a 督办 deadline still does', () => {
    const paused = pauseClock(clock, { kind: 'correction', reason: '补正', at: at('2026-02-12T09:00:00') });
    expect(read('2026-03-10T12:00:00', null, paused)).toMatchObject({ card: 'green', nextChangeAt: null });
    const deadline = '2026-03-12T24:00:00+08:00';
    expect(read('2026-03-10T12:00:00', deadline, paused).nextChangeAt).toBe(deadline);
    expect(read('2026-03-13T00:00:00', deadline, paused).card).toBe('red');
  });
});

describe('the Wuhan rule as a ladder', () => {
  const wuhan: TCardLadder = ZCardLadder.parse({
    steps: [
      { level: 'yellow', from: 'promised-due', days: -2 },
      { level: 'red', from: 'promised-due', days: 0 },
    ],
  });

  test('reads the same card as the legal clock at every hour from dispatch to past the legal due date', () => {
    for (let t = Date.parse(at('2026-02-11T10:00:00')); t < Date.parse(at('2026-03-06T00:00:00')); t += 3600_000) {
      const now = new Date(t).toISOString();
      const ladder = readLadder(wuhan, clock, calendar, now, null);
      const legacy = readClock(clock, calendar, now);
      expect([now, ladder.card]).toEqual([now, legacy.level]);
    }
  });
});

describe('steps after the legal due date', () => {
  test('a red card two working days after the legal due date', () => {
    const ladder = ZCardLadder.parse({ steps: [{ level: 'red', from: 'legal-due', days: 2 }] });
    // Legal due Tue 3 March; +2 working days: Wed 4, Thu 5.
    expect(readLadder(ladder, clock, calendar, at('2026-03-05T23:00:00'), null).card).toBe('green');
    expect(readLadder(ladder, clock, calendar, at('2026-03-06T00:00:00'), null)).toMatchObject({ card: 'red', since: '2026-03-05T24:00:00+08:00' });
  });
});

describe('ladder validation', () => {
  const problems = (doc: unknown) => {
    const r = ZCardLadder.safeParse(doc);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test('the built-in Zhanjiang ladder is valid', () => expect(problems(zhanjiangLadder)).toEqual([]));
  test('a step before a 督办 deadline is refused', () =>
    expect(problems({ steps: [{ level: 'red', from: 'supervision-deadline', days: -1 }] })).toEqual([
      'steps.0.days: a step counted from a 督办 deadline fires at it or after it (days ≥ 0)',
    ]));
  test('a red card before the yellow on the same anchor is refused', () =>
    expect(
      problems({
        steps: [
          { level: 'yellow', from: 'promised-due', days: 0 },
          { level: 'red', from: 'promised-due', days: -2 },
        ],
      }),
    ).toEqual(["steps.1.days: 'red' would fire before the milder 'yellow' (step 0) on 'promised-due'"]));
  test('the same level twice on one anchor is refused', () =>
    expect(
      problems({
        steps: [
          { level: 'yellow', from: 'promised-due', days: 0 },
          { level: 'yellow', from: 'promised-due', days: 1 },
        ],
      }),
    ).toEqual(["steps.1: level 'yellow' is already counted from 'promised-due' (step 0)"]));
  test('an empty ladder and a repeated reminder are refused', () => {
    expect(problems({ steps: [] })).toEqual(['steps: a ladder needs at least one step']);
    expect(problems({ steps: [{ level: 'red', from: 'promised-due', days: 0 }], remindBefore: [2, 2] })).toEqual(['remindBefore: each reminder day once']);
  });
});
