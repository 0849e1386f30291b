/**
 * Approval on a written promise (告知承诺制, 国办发〔2020〕42号): the enterprise signs the item's
 * conditions (its 承诺书), the item's department approves on it, then checks the promise by a due
 * date; a false promise revokes the approval (撤销), orders a correction (责令整改) and writes a
 * credit record against the enterprise. Not 容缺 (commitment.ts): nothing is owed later, the
 * decision itself rests on the promise.
 */
import { promiseMachine } from '../../machines/promise.machine';
import { reviewMachine } from '../../machines/review.machine';
import type { TActor } from '../../model/actor';
import type { TSpecItem } from '../../model/spec';
import { type TOffer, rightfulActor } from '../action';
import { asker, can, start, step } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import { suspendingCommitments } from '../rules';
import type { TPromiseSnapshot } from '../state';
import type { THandlers } from './handler';

type TPromiseCommand = 'signPromise' | 'approveOnPromise' | 'verifyPromise' | 'findPromiseFalse';

/** A review that is running: a promise can be signed for it (a decided one has nothing left to decide on). */
const SIGNABLE = new Set(['inReview', 'correction', 'specialProcedure']);

export const promiseOf = (engine: ProjectEngine, itemId: string): TPromiseSnapshot | undefined => engine.raw.promises?.[itemId];

/** The item's promise terms, refusing an item its definition does not list for 告知承诺. */
function termsOf(engine: ProjectEngine, itemId: string): NonNullable<TSpecItem['promise']> {
  const { item } = engine.specItem(itemId);
  if (!item.promise)
    throw new DecisionRefused(`itemId: ${itemId} is not decided on a written promise (告知承诺) in this project's definition`, 'INVALID_FIELD', 'itemId');
  return item.promise;
}

export const promiseHandlers: THandlers<TPromiseCommand> = {
  signPromise(engine, actor, command, now) {
    const { itemId, conditions } = command;
    const terms = termsOf(engine, itemId);
    if (conditions.length !== terms.conditions.length || conditions.some((c, i) => c !== terms.conditions[i]))
      throw new DecisionRefused(
        `conditions: the promise must state the item's conditions as listed: ${terms.conditions.join('; ')}`,
        'INVALID_FIELD',
        'conditions',
      );
    const before = promiseOf(engine, itemId);
    if (before && before.value !== 'cancelled')
      throw new DecisionRefused(`a promise for ${itemId} is already signed (${before.value})`, 'NOT_ALLOWED_NOW', 'itemId');
    if (!SIGNABLE.has(engine.reviewStatus(itemId)))
      throw new DecisionRefused(
        `a promise can be signed only while the review runs (review ${itemId} is ${engine.reviewStatus(itemId)})`,
        'NOT_ALLOWED_NOW',
        'itemId',
      );
    const { departmentId } = engine.reviewCtx(itemId);
    const signed = start(promiseMachine, {
      itemId,
      departmentId,
      enterpriseId: engine.input.enterpriseId,
      conditions: terms.conditions,
      postCheckWithinDays: terms.postCheckWithinDays,
      signedAt: now,
      signedBy: actor.userId,
    });
    engine.raw.promises = { ...engine.raw.promises, [itemId]: signed };
    engine.record(actor, now, 'promiseSigned', `承诺书 signed: the enterprise promises ${terms.conditions.join('; ')}`, { itemId });
    engine.notify('department', `${itemId}: the enterprise signed a written promise (告知承诺); you may approve on it`, now, departmentId);
  },

  approveOnPromise(engine, actor, command, now) {
    const { itemId } = command;
    const promise = promiseOf(engine, itemId);
    if (!promise) throw new DecisionRefused(`itemId: no written promise is signed for ${itemId}`, 'NOT_ALLOWED_NOW', 'itemId');
    const suspended = suspendingCommitments(engine, itemId);
    if (suspended.length > 0)
      throw new DecisionRefused(`approval suspended: tolerated material ${suspended.join(', ')} was not supplied in time`, 'COMMITMENT_OVERDUE', 'type');
    const calendar = engine.workingCalendar;
    const checkDueAt = calendar.dueInstant(calendar.dateOf(now), promise.context.postCheckWithinDays);
    const next = step(promiseMachine, promise, { type: 'APPROVE_ON_PROMISE', actor, at: now, checkDueAt });
    if (!next) throw new DecisionRefused(`the promise for ${itemId} is ${promise.value}: nothing to approve on`, 'NOT_ALLOWED_NOW', 'itemId');
    engine.sendReview(itemId, { type: 'APPROVE', actor, at: now }, 'this review cannot be approved now');
    engine.raw.promises = { ...engine.raw.promises, [itemId]: next };
    engine.record(actor, now, 'approvedOnPromise', `approved on the enterprise's written promise (告知承诺); post-check due ${checkDueAt}`, { itemId });
    engine.notify('enterprise', `${itemId}: approved on your written promise; the department checks it by ${checkDueAt}`, now);
    // The decision on the promise and the promise it rests on, both dated with the check (国办发〔2020〕42号).
    const facts = { stageId: engine.specItem(itemId).stage.id, itemId, conditions: promise.context.conditions, checkBy: engine.dayOf(checkDueAt) };
    engine.issueDocument({ kind: 'promiseLetter', ...facts }, actor, now);
    engine.issueDocument({ kind: 'promiseNotice', ...facts }, actor, now);
  },

  verifyPromise(engine, actor, command, now) {
    const { itemId, note } = command;
    engine.sendPromise(itemId, { type: 'VERIFY', actor, at: now, note }, 'no post-check is open');
    engine.record(actor, now, 'promiseVerified', `post-check: the promised conditions are met${note ? `: ${note}` : ''}`, { itemId });
    engine.notify('enterprise', `${itemId}: post-check done, your promise is verified`, now);
  },

  findPromiseFalse(engine, actor, command, now) {
    const { itemId, reason } = command;
    engine.sendPromise(itemId, { type: 'FIND_FALSE', actor, at: now, reason }, 'no post-check is open');
    revoke(engine, itemId, actor, now, reason);
  },
};

/**
 * 撤销 and 责令整改 (国办发〔2020〕42号): the approval is void, so the item is under review again,
 * first in correction (the enterprise corrects, then the department decides again on full
 * materials). Results not issued yet wait for that decision (the stage reviews again); results
 * already issued are marked revoked and issued anew when the item is approved again.
 */
function revoke(engine: ProjectEngine, itemId: string, actor: TActor, now: string, reason: string): void {
  const { stage } = engine.specItem(itemId);
  const revocation = `撤销: written promise found false: ${reason}`;
  engine.sendReview(itemId, { type: 'REVOKE', actor, at: now, reason: revocation }, 'only an approval can be revoked');
  if (engine.stageStatus(stage.id) === 'readyToIssue') engine.sendStage(stage.id, { type: 'REOPEN', at: now });
  engine.raw.results = engine.raw.results.map((r) => (r.itemId === itemId && !r.revokedAt ? { ...r, revokedAt: now, revocation } : r));
  engine.record(actor, now, 'approvalRevoked', 'approval revoked (撤销): the written promise was false; results of the item are no longer valid', {
    itemId,
    reason,
  });
  engine.record(
    actor,
    now,
    'correctionOrdered',
    '责令整改: the enterprise must bring the project into line with the promised conditions; the item is decided again',
    {
      itemId,
      reason,
    },
  );
  engine.record(actor, now, 'creditRecorded', 'credit record written against the enterprise: no promise-based approval until a coordinator clears it', {
    itemId,
    reason,
  });
  engine.writeCreditRecord({ itemId, reason, at: now });
  engine.notify('enterprise', `${itemId}: approval revoked, your written promise was found false (${reason}); correct and answer the correction order`, now);
  engine.notify('coordinator', `${engine.input.title}: ${itemId} revoked on a false promise; credit record written`, now);
}

/** What one item's promise takes now, asked of the statecharts with the rightful actors. */
export function promiseOffers(engine: ProjectEngine, item: TSpecItem): TOffer[] {
  if (!item.promise) return [];
  const { id: itemId, departmentId } = item;
  const promise = promiseOf(engine, itemId);
  const department = rightfulActor(engine, 'approveOnPromise', departmentId);
  const at = '';
  const review = engine.review(itemId);
  const open: Record<TPromiseCommand, boolean> = {
    signPromise: (!promise || promise.value === 'cancelled') && SIGNABLE.has(review.value),
    approveOnPromise:
      promise !== undefined &&
      suspendingCommitments(engine, itemId).length === 0 &&
      can(promiseMachine, promise, { type: 'APPROVE_ON_PROMISE', actor: department, at, checkDueAt: at }) &&
      can(reviewMachine, review, { type: 'APPROVE', actor: department, at }),
    verifyPromise: false,
    findPromiseFalse: false,
  };
  if (promise) {
    const ask = asker(promiseMachine, promise);
    open.verifyPromise = ask({ type: 'VERIFY', actor: department, at });
    open.findPromiseFalse =
      ask({ type: 'FIND_FALSE', actor: department, at, reason: 'x' }) && can(reviewMachine, review, { type: 'REVOKE', actor: department, at, reason: 'x' });
  }
  return (Object.keys(open) as TPromiseCommand[]).filter((type) => open[type]).map((type) => ({ action: { type, itemId }, departmentId }));
}
