/**
 * The post-check's clock (事中事后核查 of a written promise, 国办发〔2020〕42号): its due instant
 * is the approval's (promise.machine), and it warns the way the other clocks do — a yellow card
 * from 00:00 of the first day on which POST_CHECK_YELLOW_AT working days remain (the legal
 * clock's yellow rule), a red card once overdue (time.ts moves the promise to `overdue`).
 * The yellow card is announced once and kept in `cards` under its own key, so the view reads
 * what the workflow recorded; projects that ran before patch `legal` never get one.
 */
import { POST_CHECK_OPEN } from '../machines/promise.machine';
import { readClock, startClock } from './clock';
import { SYSTEM } from './history';
import type { ProjectEngine } from './project-engine';
import type { TPromiseSnapshot } from './state';

/** Working days of warning before the check is due: the delivery clock's (art. 44) and a short review's. */
export const POST_CHECK_YELLOW_AT = 3;

/** The key of a post-check's card in `cards`, beside the reviews' item ids and the deliveries'. */
export const postCheckCardKey = (itemId: string) => `post-check:${itemId}`;

/**
 * 00:00 of the day the post-check's yellow card starts, or null when it has none: not approved
 * yet, or a check due within the warning itself (the approval's notice already gives the date).
 */
export function postCheckYellowFrom(engine: ProjectEngine, p: TPromiseSnapshot): string | null {
  const { approvedAt, postCheckWithinDays: days } = p.context;
  if (!approvedAt || days <= POST_CHECK_YELLOW_AT) return null;
  const clock = startClock({ at: approvedAt, legalLimit: days, promisedLimit: days, yellowAt: POST_CHECK_YELLOW_AT });
  return readClock(clock, engine.workingCalendar, approvedAt, engine.clockRules).yellowFrom;
}

/** Post-checks still pending whose warning has not been announced: [itemId, its yellow instant]. */
function unwarned(engine: ProjectEngine): Array<[string, string]> {
  if (!engine.warnsPostCheck) return [];
  const s = engine.raw;
  const out: Array<[string, string]> = [];
  for (const [itemId, p] of Object.entries(s.promises ?? {})) {
    if (p.value !== 'pendingCheck' || s.cards[postCheckCardKey(itemId)] !== undefined) continue;
    const at = postCheckYellowFrom(engine, p);
    if (at) out.push([itemId, at]);
  }
  return out;
}

/** Yellow cards of the post-checks whose warning instant has come by `now`: recorded at that instant, announced once. */
export function warnPostChecks(engine: ProjectEngine, now: string): void {
  const s = engine.raw;
  for (const [itemId, at] of unwarned(engine)) {
    if (Date.parse(at) > Date.parse(now)) continue;
    const p = s.promises![itemId]!;
    s.cards = { ...s.cards, [postCheckCardKey(itemId)]: 'yellow' };
    const due = p.context.checkDueAt!;
    engine.record(SYSTEM, at, 'postCheckYellowCard', `yellow card: the post-check of the written promise is due ${due}`, { itemId });
    engine.notify('coordinator', `${s.input.title}: yellow card, post-check of ${itemId} due ${due} (${p.context.departmentId})`, at);
    engine.notify('department', `${itemId}: yellow card, the post-check of the written promise is due ${due}`, at, p.context.departmentId);
  }
}

/** The instants at which a post-check's warning falls due, for the workflow's one timer. */
export const nextPostCheckWarnings = (engine: ProjectEngine): string[] => unwarned(engine).map(([, at]) => at);

/** The post-check's card as the view shows it: red once overdue, yellow once warned, else green. */
export function postCheckCard(engine: ProjectEngine, itemId: string, p: TPromiseSnapshot): 'green' | 'yellow' | 'red' {
  if (p.value === 'overdue') return 'red';
  return POST_CHECK_OPEN.has(p.value) && engine.raw.cards[postCheckCardKey(itemId)] === 'yellow' ? 'yellow' : 'green';
}
