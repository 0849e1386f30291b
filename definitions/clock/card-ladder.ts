/**
 * A city's card ladder as data (红黄牌, 电子监察): which levels exist and when each fires, in
 * working days before or after the promised or legal due date, or after a 督办 (supervision
 * order) deadline; and reminders before the promised due date. Pure: runs in workflow code.
 *
 * An item without a ladder keeps the legal clock's own rule (yellow `yellowAt` days before
 * the promised due instant, red at it; legal-clock.ts), so projects recorded before ladders
 * read exactly as they did.
 *
 * Instants follow the legal clock: a step `days` < 0 fires at 00:00 of the first day on which
 * `-days` working days remain (the clock's yellow rule with `yellowAt = -days`, pauses
 * skipped); `days` = 0 at the due instant (24:00 of the due day); `days` > 0 at 24:00 of the
 * `days`-th working day after the due day. A 督办 deadline is a fixed instant the coordinator
 * set: steps counted from it fire whether or not the review is paused meanwhile (a new 督办
 * replaces it).
 */
import { z } from 'zod';
import { endOfDay, type WorkingCalendar } from '../calendar/working-calendar';
import { readClock, type TClockRules, type TClockState } from './legal-clock';

export const LADDER_LEVELS = ['warning', 'yellow', 'red'] as const;
export type TLadderLevel = (typeof LADDER_LEVELS)[number];
/** A review's card under a ladder: `warning` (预警) comes before yellow in the Zhanjiang style. */
export type TLadderCard = 'green' | TLadderLevel;
/** Severity, least first: the card shown is the most severe level that has fired. */
export const LADDER_RANK: Record<TLadderCard, number> = { green: 0, warning: 1, yellow: 2, red: 3 };

export const LADDER_ANCHORS = ['promised-due', 'legal-due', 'supervision-deadline'] as const;
export type TLadderAnchor = (typeof LADDER_ANCHORS)[number];

export const ZLadderStep = z.object({
  level: z.enum(LADDER_LEVELS),
  from: z.enum(LADDER_ANCHORS),
  /** Working days from the anchor: negative before it, positive after it, 0 at it. */
  days: z.number().int().min(-30).max(60),
});
export type TLadderStep = z.infer<typeof ZLadderStep>;

export const ZCardLadder = z
  .object({
    steps: z.array(ZLadderStep).min(1, 'a ladder needs at least one step').max(10),
    /** Working days before the promised due date at which the department is reminded (催办). */
    remindBefore: z.array(z.number().int().min(1).max(30)).max(5).optional(),
  })
  .superRefine((ladder, ctx) => {
    ladder.steps.forEach((s, i) => {
      if (s.from === 'supervision-deadline' && s.days < 0)
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'days'], message: 'a step counted from a 督办 deadline fires at it or after it (days ≥ 0)' });
      const twin = ladder.steps.findIndex((o) => o.level === s.level && o.from === s.from);
      if (twin !== i) ctx.addIssue({ code: 'custom', path: ['steps', i], message: `level '${s.level}' is already counted from '${s.from}' (step ${twin})` });
      // On one anchor a more severe level must not fire before a milder one.
      for (const [j, o] of ladder.steps.entries()) {
        if (o.from === s.from && LADDER_RANK[o.level] < LADDER_RANK[s.level] && o.days > s.days)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'days'],
            message: `'${s.level}' would fire before the milder '${o.level}' (step ${j}) on '${s.from}'`,
          });
      }
    });
    const reminders = ladder.remindBefore ?? [];
    if (new Set(reminders).size !== reminders.length) ctx.addIssue({ code: 'custom', path: ['remindBefore'], message: 'each reminder day once' });
  });
export type TCardLadder = z.infer<typeof ZCardLadder>;

/** Violations that are not about time, carded by a coordinator with a reason (电子监察). */
export const VIOLATIONS = ['refused-valid-application', 'refusal-without-reasons', 'other'] as const;
export type TViolation = (typeof VIOLATIONS)[number];

export interface TLadderReading {
  card: TLadderCard;
  /** The instant the current card took effect (null while green). */
  since: string | null;
  /** The next instant at which the card changes or a reminder falls due; null when stopped or nothing is left. */
  nextChangeAt: string | null;
  /** Reminders (working days before the promised due date) whose instant has come, with it. */
  reminders: Array<{ days: number; at: string }>;
}

/** 00:00 of the first day on which `days` working days remain of the limit `promisedLimit` (the clock's yellow rule). */
function before(clock: TClockState, promisedLimit: number, days: number, calendar: WorkingCalendar, now: string, rules: TClockRules): string {
  return readClock({ ...clock, promisedLimit, yellowAt: days }, calendar, now, rules).yellowFrom;
}

/**
 * The card of one review under `ladder` at `now`.
 * @param supervisionDeadline the deadline of the review's latest 督办, or null when none was issued
 */
export function readLadder(
  ladder: TCardLadder,
  clock: TClockState,
  calendar: WorkingCalendar,
  now: string,
  supervisionDeadline: string | null,
  rules: TClockRules = {},
): TLadderReading {
  const reading = readClock(clock, calendar, now, rules);
  const stopped = reading.stopped;
  const asOf = stopped ? Date.parse(clock.stoppedAt!) : Date.parse(now);
  const instantOf = (step: TLadderStep): string | null => {
    if (step.from === 'supervision-deadline') {
      if (supervisionDeadline === null) return null;
      return step.days === 0 ? supervisionDeadline : endOfDay(calendar.addWorkdays(calendar.dateOf(supervisionDeadline), step.days).date);
    }
    const limit = step.from === 'promised-due' ? reading.promised : reading.legal;
    if (step.days === 0) return limit.dueAt;
    if (step.days > 0) return endOfDay(calendar.addWorkdays(limit.dueDate, step.days).date);
    // The clock adds extensions to the base limit itself.
    return before(clock, step.from === 'promised-due' ? clock.promisedLimit : clock.legalLimit, -step.days, calendar, now, rules);
  };
  const fired = ladder.steps.map((step) => ({ step, at: instantOf(step) })).filter((f): f is { step: TLadderStep; at: string } => f.at !== null);
  let card: TLadderCard = 'green';
  let since: string | null = null;
  for (const f of fired) {
    if (Date.parse(f.at) > asOf) continue;
    const rank = LADDER_RANK[f.step.level] - LADDER_RANK[card];
    if (rank > 0 || (rank === 0 && since !== null && Date.parse(f.at) < Date.parse(since))) {
      card = f.step.level;
      since = f.at;
    }
  }
  const reminders = (ladder.remindBefore ?? [])
    // A reminder of more days than the limit has would go out at dispatch: the dispatch notice is enough.
    .filter((days) => days < reading.promised.limit)
    .map((days) => ({ days, at: before(clock, clock.promisedLimit, days, calendar, now, rules) }));
  const due = reminders.filter((r) => Date.parse(r.at) <= asOf);
  // While paused only a 督办 deadline, and 24:00 of the pause's first (worked) day, can still change anything.
  const pausedUntil = reading.paused ? Date.parse(endOfDay(calendar.dateOf(clock.pauses[clock.pauses.length - 1]!.from))) : Infinity;
  const upcoming = [
    ...fired.filter((f) => LADDER_RANK[f.step.level] > LADDER_RANK[card]).map((f) => ({ at: f.at, fixed: f.step.from === 'supervision-deadline' })),
    ...reminders.filter((r) => Date.parse(r.at) > asOf).map((r) => ({ at: r.at, fixed: false })),
  ]
    .filter((u) => Date.parse(u.at) > Date.parse(now) && (u.fixed || Date.parse(u.at) <= pausedUntil))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { card, since, nextChangeAt: stopped ? null : (upcoming[0]?.at ?? null), reminders: due };
}
