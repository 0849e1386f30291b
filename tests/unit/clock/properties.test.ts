/**
 * Invariants of the legal clock for arbitrary starts, limits, pauses and reading instants
 * (fast-check): pauses never shorten a deadline, `nextChangeAt` is exactly the next
 * instant at which a card or an overdue flag changes, so a workflow can sleep until it, and
 * due dates and elapsed days are those a day-by-day walk over the notices' data finds.
 */
import fc from 'fast-check';
import { defaultCalendar } from '../../../definitions/calendar/official';
import { pauseClock, readClock, resumeClock, startClock, type TClockReading, type TClockState } from '../../../definitions/clock';
import { dayBefore, NAIVE_LAST, naiveAdd, naiveCount, naiveIsWorkday, shanghaiDate } from '../calendar/naive-calendar';

const calendar = defaultCalendar();
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

const limits = fc
  .record({ legal: fc.integer({ min: 0, max: 30 }), share: fc.double({ min: 0, max: 1, noNaN: true }), yellowAt: fc.integer({ min: 0, max: 5 }) })
  .map(({ legal, share, yellowAt }) => ({ legalLimit: legal, promisedLimit: Math.floor(legal * share), yellowAt }));
const startMs = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-10-01T00:00:00Z') });
/** Gaps before each pause and pause lengths, in milliseconds (a pause can begin and end the same day). */
const pauses = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 10 * DAY }), length: fc.integer({ min: 0, max: 10 * DAY }) }), { maxLength: 3 });

function build(start: number, limit: { legalLimit: number; promisedLimit: number; yellowAt: number }, spans: Array<{ gap: number; length: number }>) {
  const plain = startClock({ at: iso(start), ...limit });
  let paused: TClockState = plain;
  let t = start;
  for (const { gap, length } of spans) {
    t += gap;
    paused = pauseClock(paused, { kind: 'correction', reason: '补正', at: iso(t) });
    t += length;
    paused = resumeClock(paused, iso(t));
  }
  return { plain, paused, lastEvent: t };
}

test('pauses never shorten a deadline, legal or promised', () => {
  fc.assert(
    fc.property(startMs, limits, pauses, fc.integer({ min: 0, max: 60 * DAY }), (start, limit, spans, after) => {
      const { plain, paused, lastEvent } = build(start, limit, spans);
      const now = iso(lastEvent + after);
      const without = readClock(plain, calendar, now);
      const withPauses = readClock(paused, calendar, now);
      expect(withPauses.promised.dueDate >= without.promised.dueDate).toBe(true);
      expect(withPauses.legal.dueDate >= without.legal.dueDate).toBe(true);
      expect(withPauses.promised.elapsed).toBeLessThanOrEqual(without.promised.elapsed);
    }),
  );
});

const observable = (r: TClockReading) => [r.level, r.promised.overdue, r.legal.overdue];

test('nextChangeAt is strictly after now, nothing changes before it, and something changes at it', () => {
  fc.assert(
    fc.property(startMs, limits, pauses, fc.integer({ min: 0, max: 60 * DAY }), fc.boolean(), (start, limit, spans, after, leaveOpen) => {
      const built = build(start, limit, spans);
      let state = built.paused;
      let nowMs = built.lastEvent + after;
      if (leaveOpen) {
        state = pauseClock(state, { kind: 'special-procedure', reason: '专家评审', at: iso(built.lastEvent + after) });
        nowMs += after % DAY; // the same day or the next, at any time
      }
      const reading = readClock(state, calendar, iso(nowMs));
      if (reading.nextChangeAt === null) {
        // Nothing left to change, whenever it is read later.
        expect(observable(readClock(state, calendar, iso(nowMs + 400 * DAY)))).toEqual(observable(reading));
        return;
      }
      const next = Date.parse(reading.nextChangeAt);
      expect(next).toBeGreaterThan(nowMs);
      expect(observable(readClock(state, calendar, iso(next - 1)))).toEqual(observable(reading));
      expect(observable(readClock(state, calendar, reading.nextChangeAt))).not.toEqual(observable(reading));
    }),
  );
});

test('remaining working days never grow while the clock runs without pauses or extensions', () => {
  fc.assert(
    fc.property(startMs, limits, fc.integer({ min: 0, max: 60 * DAY }), fc.integer({ min: 0, max: 60 * DAY }), (start, limit, a, b) => {
      const { plain } = build(start, limit, []);
      const earlier = readClock(plain, calendar, iso(start + Math.min(a, b)));
      const later = readClock(plain, calendar, iso(start + Math.max(a, b)));
      expect(later.promised.remaining).toBeLessThanOrEqual(earlier.promised.remaining);
      expect(later.promised.dueAt).toBe(earlier.promised.dueAt);
    }),
  );
});

test("due dates and elapsed days are those of a day-by-day walk that skips each pause's days (P, R]", () => {
  fc.assert(
    fc.property(startMs, limits, pauses, fc.integer({ min: 0, max: 60 * DAY }), (start, limit, spans, after) => {
      const { paused, lastEvent } = build(start, limit, spans);
      const now = lastEvent + after;
      // Walked by hand: the start's Shanghai date never counts; a pause from P to R removes the working days in (P, R].
      const removed = paused.pauses.map((p) => [shanghaiDate(Date.parse(p.from)), shanghaiDate(Date.parse(p.to!))] as const);
      const counts = (d: string) => naiveIsWorkday(d) && !removed.some(([from, to]) => from < d && d <= to);
      const startDate = shanghaiDate(start);
      const today = shanghaiDate(now);
      const legalDue = naiveAdd(startDate, limit.legalLimit, counts);
      fc.pre(legalDue <= NAIVE_LAST && today <= NAIVE_LAST);
      const elapsed = today > startDate ? naiveCount(startDate, dayBefore(today), counts) : 0;

      const reading = readClock(paused, calendar, iso(now));
      expect(reading.legal).toMatchObject({ dueDate: legalDue, dueAt: `${legalDue}T24:00:00+08:00`, elapsed, remaining: limit.legalLimit - elapsed });
      expect(reading.promised).toMatchObject({ dueDate: naiveAdd(startDate, limit.promisedLimit, counts), elapsed, remaining: limit.promisedLimit - elapsed });
      expect(reading.legal.overdue).toBe(Date.parse(`${legalDue}T24:00:00+08:00`) <= now);
    }),
    { numRuns: 300 },
  );
});
