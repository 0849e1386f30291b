/**
 * A coordinator's supervision of reviews under a card ladder (统一督办): a 督办 orders a
 * running review finished within some working days, and a violation card marks a fault that is
 * not about time. Both exist only where the item's definition has a card ladder, so projects
 * of definitions without one offer and take exactly what they did before.
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
    throw new DecisionRefused(
      `itemId: ${itemId} has no card ladder in this project's definition; 督办 and violation cards come with one`,
      'NOT_ALLOWED_NOW',
      'itemId',
    );
}

const mayOrder = (engine: ProjectEngine, itemId: string) => hasLadder(engine, itemId) && RUNNING.has(engine.reviewStatus(itemId));
// A review is carded once it has been dispatched (its clock started), decided or not; never once cancelled.
const mayCard = (engine: ProjectEngine, itemId: string) =>
  hasLadder(engine, itemId) && engine.reviewCtx(itemId).clock !== null && engine.reviewStatus(itemId) !== 'cancelled';

export const supervisionHandlers: THandlers<'issueSupervisionOrder' | 'giveViolationCard'> = {
  issueSupervisionOrder(engine, actor, command, now) {
    const { itemId, days, reason } = command;
    assertLadder(engine, itemId);
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
  if (mayOrder(engine, item.id)) out.push({ action: { type: 'issueSupervisionOrder', itemId: item.id }, departmentId: item.departmentId });
  if (mayCard(engine, item.id)) out.push({ action: { type: 'giveViolationCard', itemId: item.id }, departmentId: item.departmentId });
  return out;
}
