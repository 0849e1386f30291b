/**
 * A coordinator's supervision of reviews (统一督办): a 督办 orders a running review finished
 * within some working days, on any definition; under a card ladder its deadline also drives the
 * ladder's red card, without one it changes no card and supervision shows it open or overdue.
 * A violation card marks a fault that is not about time and exists only under a card ladder.
 */
import type { TSpecItem } from '../../model/spec';
import type { TOffer } from '../action';
import { hasLadder } from '../card-ladder';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import type { THandlers } from './handler';

/** Reviews a 督办 can chase: dispatched and not decided (a correction or special procedure included). */
const RUNNING = new Set(['inReview', 'correction', 'specialProcedure']);
const VIOLATION_WORD = { 'refused-valid-application': '拒绝受理符合条件的申请', 'refusal-without-reasons': '不予许可未说明理由', other: '其他违规' } as const;

function assertLadder(engine: ProjectEngine, itemId: string): void {
  engine.specItem(itemId);
  if (!hasLadder(engine, itemId))
    throw new DecisionRefused(`itemId: ${itemId} has no card ladder in this project's definition; violation cards come with one`, 'NOT_ALLOWED_NOW', 'itemId');
}

// Before issue 15's follow-up a 督办 needed a ladder; the validator refused it otherwise, so no history holds one to replay differently.
const mayOrder = (engine: ProjectEngine, itemId: string) => RUNNING.has(engine.reviewStatus(itemId));
const offerOrder = (engine: ProjectEngine, itemId: string) => mayOrder(engine, itemId) && (hasLadder(engine, itemId) || engine.offersSupervisionWithoutLadder);
// A review is carded once it has been dispatched (its clock started), decided or not; never once cancelled.
const mayCard = (engine: ProjectEngine, itemId: string) =>
  hasLadder(engine, itemId) && engine.reviewCtx(itemId).clock !== null && engine.reviewStatus(itemId) !== 'cancelled';

export const supervisionHandlers: THandlers<'issueSupervisionOrder' | 'giveViolationCard'> = {
  issueSupervisionOrder(engine, actor, command, now) {
    const { itemId, days, reason } = command;
    engine.specItem(itemId);
    if (!mayOrder(engine, itemId)) throw new DecisionRefused(`itemId: the review of ${itemId} is not running`, 'NOT_ALLOWED_NOW', 'itemId');
    const { departmentId } = engine.reviewCtx(itemId);
    const deadlineAt = engine.workingCalendar.dueInstant(engine.workingCalendar.dateOf(now), days);
    const order = { itemId, departmentId, reason, days, issuedAt: now, issuedBy: actor.userId, deadlineAt };
    engine.raw.supervisionOrders = [...(engine.raw.supervisionOrders ?? []), order];
    engine.record(actor, now, 'supervisionOrderIssued', `督办: finish within ${days} working days, by ${deadlineAt}`, { itemId, reason });
    engine.notify('department', `${engine.input.title}: 督办 on ${itemId}, finish by ${deadlineAt}: ${reason}`, now, departmentId);
  },
  giveViolationCard(engine, actor, command, now) {
    const { itemId, level, violation, reason } = command;
    assertLadder(engine, itemId);
    if (!mayCard(engine, itemId)) throw new DecisionRefused(`itemId: the review of ${itemId} has not been dispatched`, 'NOT_ALLOWED_NOW', 'itemId');
    const { departmentId } = engine.reviewCtx(itemId);
    engine.raw.violationCards = [...(engine.raw.violationCards ?? []), { itemId, departmentId, level, violation, reason, at: now, by: actor.userId }];
    engine.record(actor, now, 'violationCard', `${level} card for a violation: ${VIOLATION_WORD[violation]}`, { itemId, reason });
    engine.notify('department', `${engine.input.title}: ${level} card on ${itemId} (${VIOLATION_WORD[violation]}): ${reason}`, now, departmentId);
  },
};

/** The coordinator's supervision actions open on the review of `item`. */
export function supervisionOffers(engine: ProjectEngine, item: TSpecItem): TOffer[] {
  const out: TOffer[] = [];
  if (offerOrder(engine, item.id)) out.push({ action: { type: 'issueSupervisionOrder', itemId: item.id }, departmentId: item.departmentId });
  if (mayCard(engine, item.id)) out.push({ action: { type: 'giveViolationCard', itemId: item.id }, departmentId: item.departmentId });
  return out;
}
