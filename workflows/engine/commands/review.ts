/**
 * A department's review of one item: approve (with conditions), reject, ask for correction
 * (补正, the clock pauses), a special procedure (特别程序, art. 45); the enterprise answers a
 * correction. A coordinator's extension on its own (grantExtension) stays for projects under
 * rules before LEGAL_ACTS_RULES; later ones go through the authority art. 42 names (extension.ts).
 */
import { parkSatisfied } from '../shared-materials';
import { reviewMachine } from '../../machines/review.machine';
import type { TSpecItem } from '../../model/spec';
import { type TOffer, rightfulActor } from '../action';
import { ASSISTANCE_CENTRE } from '../../../definitions/documents/kinds';
import { legalDueOn } from '../documents';
import { assertPauseBudget, extensionDaysOf, LEGAL_ACTS_RULES, MAX_EXTENSION_DAYS, pausesOf, STATE_BUDGET } from '../guards';
import { asker } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import { openDelivery } from './delivery';
import { suspendingCommitments } from '../rules';
import type { THandlers } from './handler';

type TReviewCommand =
  'approveReview' | 'rejectReview' | 'requestCorrection' | 'answerCorrection' | 'startSpecialProcedure' | 'endSpecialProcedure' | 'grantExtension';

export const reviewHandlers: THandlers<TReviewCommand> = {
  approveReview(engine, actor, command, now) {
    const suspended = suspendingCommitments(engine, command.itemId);
    if (suspended.length > 0) {
      throw new DecisionRefused(`approval suspended: tolerated material ${suspended.join(', ')} was not supplied in time`, 'COMMITMENT_OVERDUE', 'type');
    }
    const { itemId, conditions } = command;
    const signed = statedSigning(engine, command.signedOn, now);
    engine.sendReview(itemId, { type: 'APPROVE', actor, at: now, conditions }, 'this review cannot be approved now');
    engine.record(actor, now, conditions ? 'approvedWithConditions' : 'approved', conditions ? `approved with conditions: ${conditions}` : 'approved', {
      itemId,
      ...signed,
    });
    const results = engine.specItem(itemId).item.results.map((r) => r.title);
    engine.issueDocument({ kind: 'approvalDecision', stageId: engine.specItem(itemId).stage.id, itemId, conditions: conditions ?? null, results }, actor, now);
  },

  rejectReview(engine, actor, command, now) {
    const signed = statedSigning(engine, command.signedOn, now);
    engine.sendReview(command.itemId, { type: 'REJECT', actor, at: now, reason: command.reason }, 'this review cannot be rejected now');
    engine.record(actor, now, 'rejected', 'rejected', { itemId: command.itemId, reason: command.reason, ...signed });
    const { stage } = engine.specItem(command.itemId);
    engine.issueDocument({ kind: 'rejectionDecision', stageId: stage.id, itemId: command.itemId, reason: command.reason }, actor, now);
    openDelivery(engine, command.itemId, 'refused', now);
  },

  requestCorrection(engine, actor, command, now) {
    const { item, stage } = engine.specItem(command.itemId);
    assertPauseBudget(engine, command.itemId);
    const unknown = command.materials.filter((m) => !item.materials.some((x) => x.id === m));
    if (unknown.length > 0) throw new DecisionRefused(`materials: not materials of ${item.id}: ${unknown.join(', ')}`, 'INVALID_FIELD', 'materials');
    // 区域评估: what the park's assessment satisfies is never asked of the enterprise.
    const fromPark = parkSatisfied(engine, command.itemId, command.materials, now);
    if (fromPark.length > 0)
      throw new DecisionRefused(`materials: satisfied by the park's assessment, never asked for: ${fromPark.join(', ')}`, 'INVALID_FIELD', 'materials');
    const { itemId, materials, reason } = command;
    engine.sendReview(itemId, { type: 'REQUEST_CORRECTION', actor, at: now, materials, reason }, 'correction can only be requested while the review runs');
    engine.record(actor, now, 'correctionRequested', `correction requested: ${materials.join(', ')}; clock paused`, { itemId, reason });
    engine.notify('enterprise', `${item.title}: correction requested (${materials.join(', ')}): ${reason}`, now);
    const asked = materials.map((id) => ({ id, title: item.materials.find((m) => m.id === id)!.title }));
    engine.issueDocument({ kind: 'correctionNotice', stageId: stage.id, itemId, by: 'review', materials: asked, reason }, actor, now);
  },

  answerCorrection(engine, actor, command, now) {
    engine.sendReview(command.itemId, { type: 'ANSWER_CORRECTION', actor, at: now }, 'no correction is open on this review');
    engine.record(actor, now, 'correctionAnswered', `correction answered${command.note ? `: ${command.note}` : ''}; clock resumed`, { itemId: command.itemId });
    engine.notify('department', `${command.itemId}: the enterprise answered the correction`, now, engine.reviewCtx(command.itemId).departmentId);
  },

  startSpecialProcedure(engine, actor, command, now) {
    assertPauseBudget(engine, command.itemId);
    const { itemId, kind, days, reason } = command;
    const endsAt = engine.workingCalendar.dueInstant(engine.workingCalendar.dateOf(now), days);
    engine.sendReview(
      itemId,
      { type: 'START_SPECIAL', actor, at: now, kind, days, reason, endsAt },
      'a special procedure can only start while the review runs',
    );
    engine.record(actor, now, 'specialProcedureStarted', `${kind} for ${days} working days (until ${endsAt}); clock paused`, { itemId, reason });
    engine.notify('enterprise', `${itemId}: ${kind} of ${days} working days, not counted in the time limit`, now);
    const { stage } = engine.specItem(itemId);
    engine.issueDocument(
      { kind: 'specialProcedureNotice', stageId: stage.id, itemId, procedure: kind, days, endsOn: engine.dayOf(endsAt), reason },
      actor,
      now,
    );
  },

  endSpecialProcedure(engine, actor, command, now) {
    engine.sendReview(command.itemId, { type: 'END_SPECIAL', actor, at: now }, 'no special procedure is running on this review');
    engine.record(actor, now, 'specialProcedureEnded', 'special procedure ended; clock resumed', { itemId: command.itemId });
  },

  grantExtension(engine, actor, command, now) {
    const { itemId, days, reason } = command;
    if (engine.rules >= LEGAL_ACTS_RULES) {
      throw new DecisionRefused(
        'grantExtension: an extension needs the approval art. 42 names: the department asks its head (requestExtension), or the coordinator asks the government head for joint handling (requestJointExtension)',
        'NOT_ALLOWED_NOW',
      );
    }
    const granted = extensionDaysOf(engine, itemId);
    if (granted + days > MAX_EXTENSION_DAYS) {
      throw new DecisionRefused(
        `days: at most ${MAX_EXTENSION_DAYS} working days of extension in all (行政许可法 art. 42); ${granted} already granted`,
        'BUDGET_EXCEEDED',
        'days',
      );
    }
    engine.sendReview(itemId, { type: 'EXTEND', actor, at: now, days, reason }, 'only a running review can be extended');
    engine.record(actor, now, 'extensionGranted', `extended by ${days} working days`, { itemId, reason });
    engine.notify('enterprise', `${itemId}: time limit extended by ${days} working days: ${reason}`, now);
    const { stage } = engine.specItem(itemId);
    const approvedBy = `${ASSISTANCE_CENTRE}（${actor.userId}）`;
    engine.issueDocument(
      { kind: 'extensionNotice', stageId: stage.id, itemId, days, reason, approvedBy, newDueOn: legalDueOn(engine, itemId, now) },
      actor,
      now,
    );
  },
};

/**
 * The decision's stated signing date, checked: never after today nor before the project was
 * registered (both in Asia/Shanghai). Absent stays absent, so decisions without it record as before.
 * @throws DecisionRefused (INVALID_FIELD on `signedOn`)
 */
function statedSigning(engine: ProjectEngine, signedOn: string | undefined, now: string): { signedOn?: string } {
  if (signedOn === undefined) return {};
  const calendar = engine.workingCalendar;
  const today = calendar.dateOf(now);
  if (signedOn > today) throw new DecisionRefused(`signedOn: ${signedOn} is in the future (today is ${today})`, 'INVALID_FIELD', 'signedOn');
  const registered = calendar.dateOf(engine.input.registeredAt);
  if (signedOn < registered) {
    throw new DecisionRefused(`signedOn: ${signedOn} is before the project was registered (${registered})`, 'INVALID_FIELD', 'signedOn');
  }
  return { signedOn };
}

/** What the review of `item` takes now, asked of its statechart with the rightful actor of each command. */
export function reviewOffers(engine: ProjectEngine, item: TSpecItem): TOffer[] {
  const can = asker(reviewMachine, engine.review(item.id));
  const { id: itemId, departmentId } = item;
  const department = rightfulActor(engine, 'approveReview', departmentId);
  const at = '';
  const reason = 'x';
  const pausesLeft = pausesOf(engine, itemId) < STATE_BUDGET.pausesPerReview;
  const open: Record<TReviewCommand, boolean> = {
    approveReview: suspendingCommitments(engine, itemId).length === 0 && can({ type: 'APPROVE', actor: department, at }),
    rejectReview: can({ type: 'REJECT', actor: department, at, reason }),
    requestCorrection:
      item.materials.length > 0 && pausesLeft && can({ type: 'REQUEST_CORRECTION', actor: department, at, materials: [item.materials[0]!.id], reason }),
    answerCorrection: can({ type: 'ANSWER_CORRECTION', actor: rightfulActor(engine, 'answerCorrection'), at }),
    startSpecialProcedure: pausesLeft && can({ type: 'START_SPECIAL', actor: department, at, kind: 'expert-review', days: 1, reason, endsAt: at }),
    endSpecialProcedure: can({ type: 'END_SPECIAL', actor: department, at }),
    grantExtension:
      engine.rules < LEGAL_ACTS_RULES &&
      extensionDaysOf(engine, itemId) + 1 <= MAX_EXTENSION_DAYS &&
      can({ type: 'EXTEND', actor: rightfulActor(engine, 'grantExtension'), at, days: 1, reason }),
  };
  return (Object.keys(open) as TReviewCommand[]).filter((type) => open[type]).map((type) => ({ action: { type, itemId }, departmentId }));
}
