/**
 * The sign-off chain on the engine (承办 → 审核 → 批准): the handler drafts one of the review's
 * decisions, checked at once as if it were taken; each further step signs or sends it back;
 * the last signature takes the decision, by the last signer, through the review's own handler.
 * On an item with a chain the decision cannot be taken directly.
 */
import { SIGNOFF_STEPS, type TSignoffStep } from '../../../definitions/process/signoff';
import { signoffMachine, type SignoffEvent, stepDue, type TSignoffDraft } from '../../machines/signoff.machine';
import type { TActor } from '../../model/actor';
import type { TCommand } from '../../model/commands';
import type { TSpecItem } from '../../model/spec';
import { type TOffer, rightfulActor } from '../action';
import { asker, start, step } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import type { TSignoffSnapshot } from '../state';
import type { THandlers } from './handler';
import { reviewHandlers } from './review';

type TSignoffCommand = 'draftDecision' | 'signDecision' | 'sendBackDecision';
/** The decisions a chain signs off: on an item with a chain they are drafted, never sent directly. */
export const SIGNED_OFF: ReadonlySet<TCommand['type']> = new Set(['approveReview', 'rejectReview', 'requestCorrection']);
const STEP_NAME: Record<TSignoffStep, string> = { handler: '承办', reviewer: '审核', approver: '批准' };

/** @throws DecisionRefused (NOT_ALLOWED_NOW) for a decision sent directly on an item whose decisions pass a chain. */
export function assertNotSignedOff(engine: ProjectEngine, command: TCommand): void {
  if (!SIGNED_OFF.has(command.type)) return;
  const { itemId } = command as { itemId: string };
  if (engine.specItem(itemId).item.signoff) {
    throw new DecisionRefused(
      `${command.type}: ${itemId}'s decision is signed off by its chain; draft it (draftDecision) and have each step sign`,
      'NOT_ALLOWED_NOW',
      'type',
    );
  }
}

/** The review command a draft becomes when the last step signs. */
function decisionOf(itemId: string, draft: TSignoffDraft): Extract<TCommand, { type: 'approveReview' | 'rejectReview' | 'requestCorrection' }> {
  switch (draft.kind) {
    case 'approve':
      return { type: 'approveReview', itemId, ...(draft.conditions ? { conditions: draft.conditions } : {}) };
    case 'reject':
      return { type: 'rejectReview', itemId, reason: draft.reason };
    case 'requestCorrection':
      return { type: 'requestCorrection', itemId, materials: draft.materials, reason: draft.reason };
  }
}

function takeDecision(engine: ProjectEngine, actor: TActor, decision: ReturnType<typeof decisionOf>, now: string): void {
  const handle = reviewHandlers[decision.type] as (e: ProjectEngine, a: TActor, c: typeof decision, n: string) => void;
  handle(engine, actor, decision, now);
}

const describe = (d: TSignoffDraft) =>
  d.kind === 'approve'
    ? d.conditions
      ? `approve with conditions: ${d.conditions}`
      : 'approve'
    : d.kind === 'reject'
      ? 'reject'
      : `request correction: ${d.materials.join(', ')}`;

/** The item's open round, a fresh one when none is open; refuses an item without a chain. */
function roundOf(engine: ProjectEngine, itemId: string, type: TSignoffCommand): { round: TSignoffSnapshot; item: TSpecItem } {
  const { item } = engine.specItem(itemId);
  if (!item.signoff) throw new DecisionRefused(`${type}: ${itemId} has no sign-off chain; its department decides in one step`, 'NOT_ALLOWED_NOW', 'itemId');
  const round = engine.raw.signoffs?.[itemId] ?? start(signoffMachine, { itemId, departmentId: item.departmentId, chain: item.signoff });
  return { round, item };
}

/**
 * Steps the item's round. A user of the item's department refused because it does not hold the
 * step that is due (or signed already) is FORBIDDEN (403); anything else is the wrong moment.
 */
function advance(engine: ProjectEngine, type: TSignoffCommand, itemId: string, event: SignoffEvent): TSignoffSnapshot {
  const { round } = roundOf(engine, itemId, type);
  const next = step(signoffMachine, round, event);
  if (next) {
    engine.raw.signoffs = { ...engine.raw.signoffs, [itemId]: next };
    return next;
  }
  const due = stepDue(round.context);
  const expects = type === 'draftDecision' ? 'drafting' : 'signing';
  if (round.value !== expects) {
    const now = round.value === 'drafting' ? 'no decision is drafted' : 'a drafted decision is being signed';
    throw new DecisionRefused(`${type}: ${now} on ${itemId}`, 'NOT_ALLOWED_NOW', 'itemId');
  }
  const signed = round.context.signatures.some((s) => s.userId === event.actor.userId);
  throw new DecisionRefused(
    signed
      ? `${type}: ${event.actor.userId} has signed this decision already; the ${due} step (${STEP_NAME[due]}) needs another user`
      : `${type}: the ${due} step (${STEP_NAME[due]}) of ${itemId} is due; ${event.actor.userId} does not hold it`,
    'FORBIDDEN_ROLE',
    'type',
  );
}

export const signoffHandlers: THandlers<TSignoffCommand> = {
  draftDecision(engine, actor, command, now) {
    const { itemId, decision } = command;
    roundOf(engine, itemId, 'draftDecision');
    // The draft is checked now as the decision it will become, so a signer never signs what cannot be taken.
    takeDecision(engine.fork(), actor, decisionOf(itemId, decision), now);
    const round = advance(engine, 'draftDecision', itemId, { type: 'DRAFT', draft: decision, actor, at: now });
    const reason = decision.kind === 'approve' ? undefined : decision.reason;
    engine.record(actor, now, 'decisionDrafted', `decision drafted (承办): ${describe(decision)}; ${stepDue(round.context)} to sign`, {
      itemId,
      ...(reason ? { reason } : {}),
    });
    engine.notify(
      'department',
      `${itemId}: a decision waits for the ${stepDue(round.context)} step (${STEP_NAME[stepDue(round.context)]})`,
      now,
      actor.departmentId,
    );
  },

  signDecision(engine, actor, command, now) {
    const { itemId, note } = command;
    const round = advance(engine, 'signDecision', itemId, { type: 'SIGN', actor, at: now, ...(note ? { note } : {}) });
    const signature = round.context.signatures.at(-1)!;
    const summary = `${signature.step} signed (${STEP_NAME[signature.step]})${note ? `: ${note}` : ''}`;
    if (round.value !== 'signed') {
      engine.record(actor, now, 'decisionSigned', `${summary}; ${stepDue(round.context)} to sign`, { itemId });
      return;
    }
    engine.record(actor, now, 'decisionSigned', `${summary}; the decision takes effect`, { itemId });
    const { [itemId]: _done, ...open } = engine.raw.signoffs!;
    engine.raw.signoffs = open;
    takeDecision(engine, actor, decisionOf(itemId, round.context.draft!), now);
  },

  sendBackDecision(engine, actor, command, now) {
    const { itemId, reason } = command;
    const round = advance(engine, 'sendBackDecision', itemId, { type: 'SEND_BACK', actor, at: now, reason });
    const from = round.context.sentBack!.step;
    engine.record(actor, now, 'decisionSentBack', `sent back by the ${from} step (${STEP_NAME[from]}) to the handler`, { itemId, reason });
    engine.notify('department', `${itemId}: the draft decision was sent back: ${reason}`, now, actor.departmentId);
  },
};

/** Chain items: drafting while no round is signing (and the review takes a decision), signing or sending back while one is. */
export function signoffOffers(engine: ProjectEngine, item: TSpecItem): TOffer[] {
  if (!item.signoff) return [];
  const { id: itemId, departmentId } = item;
  const round = engine.raw.signoffs?.[itemId];
  if (round?.value === 'signing') return (['signDecision', 'sendBackDecision'] as const).map((type) => ({ action: { type, itemId }, departmentId }));
  if (engine.reviewStatus(itemId) !== 'inReview') return [];
  const holder = { ...rightfulActor(engine, 'draftDecision', departmentId), signoffRoles: [...SIGNOFF_STEPS] };
  const can = asker(signoffMachine, round ?? start(signoffMachine, { itemId, departmentId, chain: item.signoff }));
  return can({ type: 'DRAFT', draft: { kind: 'approve' }, actor: holder, at: '' }) ? [{ action: { type: 'draftDecision', itemId }, departmentId }] : [];
}
