/**
 * Extensions by the authority 行政许可法 art. 42 names. (1) The department asks for up to 10
 * more working days and its head (a department user with `leader`) approves or declines; (2)
 * for joint handling (联合办理, which every item of a parallel stage is) the coordinator asks for
 * up to 15 and the local government head approves (a coordinator with `governmentHead`). The
 * 15-day cap on the total stays; the enterprise is told why, who approved and the new due date.
 */
import { reviewMachine, type TExtensionRequest } from '../../machines/review.machine';
import type { TSpecItem } from '../../model/spec';
import type { TActor } from '../../model/actor';
import { type TOffer, rightfulActor } from '../action';
import { readClock } from '../clock';
import { legalDueOn } from '../documents';
import { assertLegalActs, extensionDaysOf, LEGAL_ACTS_RULES, MAX_EXTENSION_DAYS } from '../guards';
import { asker } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import type { THandlers } from './handler';

/** Art. 42(1): the head of the deciding body extends by 10 working days; art. 42(2) by 15 (MAX_EXTENSION_DAYS). */
export const MAX_EXTENSION_DAYS_BY_KIND: Record<TExtensionRequest['kind'], number> = { department: 10, joint: MAX_EXTENSION_DAYS };
const ARTICLE: Record<TExtensionRequest['kind'], string> = { department: '行政许可法 art. 42(1)', joint: '行政许可法 art. 42(2)' };
/** Who approved, as the 延期告知书 prints it. */
const APPROVER: Record<TExtensionRequest['kind'], string> = { department: '本机关负责人', joint: '本级人民政府负责人' };

/** Refuses days beyond what the kind allows in all, counting what is already granted. */
function assertWithinCap(engine: ProjectEngine, itemId: string, kind: TExtensionRequest['kind'], days: number): void {
  const granted = extensionDaysOf(engine, itemId);
  const cap = MAX_EXTENSION_DAYS_BY_KIND[kind];
  if (granted + days > cap) {
    throw new DecisionRefused(
      `days: at most ${cap} working days of extension in all (${ARTICLE[kind]}); ${granted} already granted`,
      'BUDGET_EXCEEDED',
      'days',
    );
  }
}

function request(engine: ProjectEngine, actor: TActor, now: string, kind: TExtensionRequest['kind'], itemId: string, days: number, reason: string): void {
  assertLegalActs(engine, kind === 'department' ? 'requestExtension' : 'requestJointExtension');
  assertWithinCap(engine, itemId, kind, days);
  engine.sendReview(
    itemId,
    { type: 'REQUEST_EXTENSION', actor, at: now, kind, days, reason },
    'an extension can be asked for once at a time, while the review runs',
  );
  const approver = kind === 'department' ? 'the head of the department' : 'the local government head';
  engine.record(actor, now, 'extensionRequested', `extension of ${days} working days asked of ${approver} (${ARTICLE[kind]})`, { itemId, reason });
  if (kind === 'department')
    engine.notify('department', `${itemId}: extension of ${days} working days waits for the head's approval`, now, engine.reviewCtx(itemId).departmentId);
  else engine.notify('coordinator', `${engine.input.title}: joint-handling extension of ${days} working days on ${itemId} waits for the government head`, now);
}

function decide(engine: ProjectEngine, actor: TActor, now: string, itemId: string, approve: boolean, note: string | undefined): void {
  const pending = engine.reviewCtx(itemId).extensionRequest;
  if (pending && approve) assertWithinCap(engine, itemId, pending.kind, pending.days);
  engine.sendReview(itemId, { type: approve ? 'APPROVE_EXTENSION' : 'DECLINE_EXTENSION', actor, at: now }, 'no extension request is open on this review');
  const { kind, days, reason } = pending!;
  const { item } = engine.specItem(itemId);
  if (!approve) {
    engine.record(actor, now, 'extensionDeclined', `extension of ${days} working days declined${note ? `: ${note}` : ''}`, { itemId, reason });
    engine.notify('department', `${item.title}: extension of ${days} working days declined${note ? `: ${note}` : ''}`, now, item.departmentId);
    return;
  }
  const reading = readClock(engine.reviewCtx(itemId).clock!, engine.workingCalendar, now, engine.clockRules);
  engine.record(
    actor,
    now,
    'extensionGranted',
    `extended by ${days} working days (${ARTICLE[kind]}), approved by ${actor.userId}; legal due ${reading.legal.dueDate}`,
    {
      itemId,
      reason,
    },
  );
  // Art. 42: the applicant is told why; the new due date is on the project's (official) calendar.
  engine.notify(
    'enterprise',
    `${item.title}: time limit extended by ${days} working days (${ARTICLE[kind]}), approved by ${actor.userId}: ${reason}; now due ${reading.legal.dueDate}`,
    now,
  );
  engine.notify('department', `${item.title}: extension of ${days} working days approved; due ${reading.legal.dueDate}`, now, item.departmentId);
  const approvedBy = `${APPROVER[kind]}（${actor.userId}）`;
  const stageId = engine.specItem(itemId).stage.id;
  engine.issueDocument({ kind: 'extensionNotice', stageId, itemId, days, reason, approvedBy, newDueOn: legalDueOn(engine, itemId, now) }, actor, now);
}

type TExtensionCommand = 'requestExtension' | 'decideExtension' | 'requestJointExtension' | 'decideJointExtension';

export const extensionHandlers: THandlers<TExtensionCommand> = {
  requestExtension(engine, actor, command, now) {
    request(engine, actor, now, 'department', command.itemId, command.days, command.reason);
  },
  requestJointExtension(engine, actor, command, now) {
    request(engine, actor, now, 'joint', command.itemId, command.days, command.reason);
  },
  decideExtension(engine, actor, command, now) {
    if (engine.reviewCtx(command.itemId).extensionRequest?.kind === 'joint') {
      throw new DecisionRefused(
        'itemId: the open request is for joint handling: the government head decides it (decideJointExtension)',
        'NOT_ALLOWED_NOW',
        'itemId',
      );
    }
    decide(engine, actor, now, command.itemId, command.decision === 'approve', command.note);
  },
  decideJointExtension(engine, actor, command, now) {
    if (engine.reviewCtx(command.itemId).extensionRequest?.kind === 'department') {
      throw new DecisionRefused("itemId: the open request is the department's: its head decides it (decideExtension)", 'NOT_ALLOWED_NOW', 'itemId');
    }
    decide(engine, actor, now, command.itemId, command.decision === 'approve', command.note);
  },
};

/** The extension steps open on the review of `item`, asked of its statechart with the rightful actor of each. */
export function extensionOffers(engine: ProjectEngine, item: TSpecItem): TOffer[] {
  if (engine.rules < LEGAL_ACTS_RULES) return [];
  const can = asker(reviewMachine, engine.review(item.id));
  const { id: itemId, departmentId } = item;
  const at = '';
  const granted = extensionDaysOf(engine, itemId);
  const pending = engine.review(item.id).context.extensionRequest;
  const open: Record<TExtensionCommand, boolean> = {
    requestExtension:
      granted < MAX_EXTENSION_DAYS_BY_KIND.department &&
      can({ type: 'REQUEST_EXTENSION', actor: rightfulActor(engine, 'requestExtension', departmentId), at, kind: 'department', days: 1, reason: 'x' }),
    decideExtension: pending?.kind === 'department' && can({ type: 'APPROVE_EXTENSION', actor: rightfulActor(engine, 'decideExtension', departmentId), at }),
    requestJointExtension:
      granted < MAX_EXTENSION_DAYS_BY_KIND.joint &&
      can({ type: 'REQUEST_EXTENSION', actor: rightfulActor(engine, 'requestJointExtension'), at, kind: 'joint', days: 1, reason: 'x' }),
    decideJointExtension: pending?.kind === 'joint' && can({ type: 'APPROVE_EXTENSION', actor: rightfulActor(engine, 'decideJointExtension'), at }),
  };
  return (Object.keys(open) as TExtensionCommand[]).filter((type) => open[type]).map((type) => ({ action: { type, itemId }, departmentId }));
}
