/**
 * The card ladder in a project (definitions/clock/card-ladder.ts): each review whose spec item
 * has a ladder gets its cards, reminders (催办) and 督办 deadlines from it; every other review
 * keeps the legal clock's yellow/red rule (time.ts). Also the records a coordinator adds by
 * hand: supervision orders (督办) and violation cards (cards not about time).
 */
import { z } from 'zod';
import { LADDER_RANK, readLadder, VIOLATIONS, type TLadderCard, type TLadderReading } from '../../definitions/clock/card-ladder';
import { REVIEW_DONE } from '../machines/review.machine';
import { SYSTEM } from './history';
import type { ProjectEngine } from './project-engine';

/** 督办: a coordinator's order to finish a review by a deadline in working days on the official calendar. */
export const ZSupervisionOrder = z.object({
  itemId: z.string(),
  departmentId: z.string(),
  reason: z.string(),
  days: z.number().int(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  /** 24:00 of the `days`-th working day after the day it was issued. */
  deadlineAt: z.string(),
});
export type TSupervisionOrder = z.infer<typeof ZSupervisionOrder>;

/** A card for a violation that is not about time (电子监察), given by a coordinator with a reason. */
export const ZViolationCard = z.object({
  itemId: z.string(),
  departmentId: z.string(),
  level: z.enum(['yellow', 'red']),
  violation: z.enum(VIOLATIONS),
  reason: z.string(),
  at: z.string(),
  by: z.string(),
});
export type TViolationCard = z.infer<typeof ZViolationCard>;

const LEVEL_WORD: Record<TLadderCard, string> = { green: 'green', warning: 'warning (预警)', yellow: 'yellow card (黄牌)', red: 'red card (红牌)' };
const HISTORY_TYPE = { warning: 'warningCard', yellow: 'yellowCard', red: 'redCard' } as const;

/** The deadline of the latest 督办 on a review, or null. */
export function supervisionDeadline(engine: ProjectEngine, itemId: string): string | null {
  const orders = (engine.raw.supervisionOrders ?? []).filter((o) => o.itemId === itemId);
  return orders[orders.length - 1]?.deadlineAt ?? null;
}

/** The ladder reading of a review whose item has a ladder and whose clock has started; undefined otherwise. */
export function readItemLadder(engine: ProjectEngine, itemId: string, now: string): TLadderReading | undefined {
  const ladder = engine.specItem(itemId).item.cardLadder;
  const clock = engine.reviewCtx(itemId).clock;
  if (!ladder || !clock) return undefined;
  return readLadder(ladder, clock, engine.workingCalendar, now, supervisionDeadline(engine, itemId), engine.clockRules);
}

export const hasLadder = (engine: ProjectEngine, itemId: string): boolean => engine.specItem(itemId).item.cardLadder !== undefined;

/** Cards and reminders of the reviews under a ladder: each change of card and each reminder announced once. */
export function updateLadderCards(engine: ProjectEngine, now: string): void {
  const s = engine.raw;
  for (const [itemId, r] of Object.entries(s.reviews)) {
    if (REVIEW_DONE.has(r.value) || !hasLadder(engine, itemId)) continue;
    const reading = readItemLadder(engine, itemId, now);
    if (!reading) continue;
    const { departmentId } = r.context;
    const sent = new Set(s.reminded?.[itemId] ?? []);
    for (const reminder of reading.reminders.filter((x) => !sent.has(x.days))) {
      s.reminded = { ...s.reminded, [itemId]: [...(s.reminded?.[itemId] ?? []), reminder.days] };
      engine.record(SYSTEM, reminder.at, 'reminder', `reminder (催办): ${reminder.days} working days left of the promised limit`, { itemId });
      engine.notify('department', `${s.input.title}: ${itemId} is due in ${reminder.days} working days`, reminder.at, departmentId);
    }
    const before = s.cards[itemId] ?? 'green';
    if (reading.card === before) continue;
    s.cards[itemId] = reading.card;
    // A card taken back (an extension moved the due date) is not announced: only a new level is news.
    if (reading.card === 'green' || LADDER_RANK[reading.card] < LADDER_RANK[before]) continue;
    const at = reading.since!;
    engine.record(SYSTEM, at, HISTORY_TYPE[reading.card], `${LEVEL_WORD[reading.card]} on the card ladder`, { itemId });
    engine.notify('coordinator', `${s.input.title}: ${LEVEL_WORD[reading.card]} on ${itemId} (${departmentId})`, at);
    engine.notify('department', `${itemId}: ${LEVEL_WORD[reading.card]}`, at, departmentId);
  }
}

/** The next instant a ladder changes a card or sends a reminder, for the workflow's one timer. */
export function nextLadderChanges(engine: ProjectEngine, now: string): string[] {
  const out: string[] = [];
  for (const [itemId, r] of Object.entries(engine.raw.reviews)) {
    if (REVIEW_DONE.has(r.value) || !hasLadder(engine, itemId)) continue;
    const next = readItemLadder(engine, itemId, now)?.nextChangeAt;
    if (next) out.push(next);
  }
  return out;
}
