/**
 * Issue 15's sign-off chain and task assignment on the engine: a decision on a chained item
 * is drafted, signed step by step and takes effect with the last signature, by the last
 * signer; the legal clock runs across the chain; a step out of turn is refused as forbidden;
 * tasks are claimed, assigned by the head, transferred with a reason and released.
 */
import { readClock } from '../../../workflows/engine/clock';
import { allowedActions } from '../../../workflows/engine/allowed-actions';
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import type { TActor } from '../../../workflows/model/actor';
import type { TCommand } from '../../../workflows/model/commands';
import { signers, signoffSpec } from '../../fixtures/signoff-spec';
import { actors, ALL_PREP, at, newProject, recordedAfter, refusal, run } from './engine-fixture';

const { handler, otherHandler, reviewer, approver, head } = signers;
const draftApproval: TCommand = { type: 'draftDecision', itemId: 'eia', decision: { kind: 'approve', conditions: '落实环评批复要求' } };
const sign: TCommand = { type: 'signDecision', itemId: 'eia' };

/** Preparation accepted on the chained spec: both reviews running since 2026-03-02. */
function running(): ProjectEngine {
  const now = at('2026-03-02');
  const e = newProject(now, undefined, signoffSpec);
  run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, now);
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, now);
  return e;
}
const legalDue = (e: ProjectEngine, now: string) => readClock(e.reviewCtx('eia').clock!, e.workingCalendar, now, e.clockRules).legal.dueAt;
const types = (e: ProjectEngine, actor: TActor) =>
  allowedActions(e, actor)
    .filter((a) => a.itemId === 'eia')
    .map((a) => a.type);

describe('sign-off chain', () => {
  test('drafted by the handler, the approval takes effect only with the approver, in its name; each signature is in the history', () => {
    const e = running();
    const seq = e.snapshot().seq;
    run(e, handler, draftApproval, at('2026-03-03'));
    run(e, reviewer, sign, at('2026-03-04'));
    expect(e.reviewStatus('eia')).toBe('inReview');
    run(e, approver, sign, at('2026-03-05'));
    expect(e.reviewStatus('eia')).toBe('approvedWithConditions');
    expect(recordedAfter(e, seq)).toEqual([
      ['decisionDrafted', 'decision drafted (承办): approve with conditions: 落实环评批复要求; reviewer to sign'],
      ['decisionSigned', 'reviewer signed (审核); approver to sign'],
      ['decisionSigned', 'approver signed (批准); the decision takes effect'],
      ['approvedWithConditions', 'approved with conditions: 落实环评批复要求'],
    ]);
    const signedBy = e
      .snapshot()
      .history.filter((h) => h.seq > seq)
      .map((h) => [h.actor.userId, h.at]);
    expect(signedBy).toEqual([
      ['e-handler', at('2026-03-03')],
      ['e-reviewer', at('2026-03-04')],
      ['e-approver', at('2026-03-05')],
      ['e-approver', at('2026-03-05')],
    ]);
  });

  test('the legal clock runs across the chain: its due date is the one set at dispatch', () => {
    const e = running();
    const due = legalDue(e, at('2026-03-02'));
    run(e, handler, draftApproval, at('2026-03-03'));
    run(e, reviewer, { type: 'sendBackDecision', itemId: 'eia', reason: '条件不具体' }, at('2026-03-04'));
    run(e, handler, draftApproval, at('2026-03-05'));
    expect(legalDue(e, at('2026-03-05'))).toBe(due);
    expect(e.reviewCtx('eia').clock!.pauses).toEqual([]);
    run(e, reviewer, sign, at('2026-03-06'));
    run(e, approver, sign, at('2026-03-09'));
    expect(e.reviewCtx('eia').clock!.stoppedAt).toBe(at('2026-03-09'));
  });

  test('a handler taking the approver step is forbidden (403), naming the step due', () => {
    const e = running();
    run(e, handler, draftApproval, at('2026-03-03'));
    run(e, reviewer, sign, at('2026-03-04'));
    expect(refusal(e, otherHandler, sign, at('2026-03-04'))).toEqual({
      message: 'signDecision: the approver step (批准) of eia is due; e-handler-2 does not hold it',
      code: 'FORBIDDEN_ROLE',
      path: 'type',
    });
    expect(refusal(e, { ...reviewer, userId: 'e-reviewer' }, sign, at('2026-03-04')).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(e, actors.planning, sign, at('2026-03-04')).code).toBe('FORBIDDEN_ROLE');
  });

  test('sent back with a reason: the draft goes back to the handler, who may draft a different decision', () => {
    const e = running();
    run(e, handler, draftApproval, at('2026-03-03'));
    run(e, reviewer, sign, at('2026-03-04'));
    const seq = e.snapshot().seq;
    run(e, approver, { type: 'sendBackDecision', itemId: 'eia', reason: '需补充公示证明' }, at('2026-03-05'));
    expect(recordedAfter(e, seq)).toEqual([['decisionSentBack', 'sent back by the approver step (批准) to the handler']]);
    expect(e.snapshot().history.at(-1)!.reason).toBe('需补充公示证明');
    expect(refusal(e, approver, sign, at('2026-03-05')).code).toBe('NOT_ALLOWED_NOW');
    run(
      e,
      handler,
      { type: 'draftDecision', itemId: 'eia', decision: { kind: 'requestCorrection', materials: ['public-notice-proof'], reason: '公示证明不全' } },
      at('2026-03-06'),
    );
    run(e, reviewer, sign, at('2026-03-06'));
    run(e, approver, sign, at('2026-03-06'));
    expect(e.reviewStatus('eia')).toBe('correction');
  });

  test('on a chained item the decision cannot be sent directly; an item without a chain decides in one step as before', () => {
    const e = running();
    expect(refusal(e, approver, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'))).toMatchObject({ code: 'NOT_ALLOWED_NOW', path: 'type' });
    expect(refusal(e, actors.planning, { type: 'draftDecision', itemId: 'land-planning', decision: { kind: 'approve' } }, at('2026-03-03')).code).toBe(
      'NOT_ALLOWED_NOW',
    );
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03'));
    expect(e.reviewStatus('land-planning')).toBe('approved');
  });

  test('a draft that could not be taken is refused when drafted, not at the last signature', () => {
    const e = running();
    const bad: TCommand = { type: 'draftDecision', itemId: 'eia', decision: { kind: 'requestCorrection', materials: ['site-plan'], reason: 'x' } };
    expect(refusal(e, handler, bad, at('2026-03-03'))).toMatchObject({ code: 'INVALID_FIELD', path: 'materials' });
  });

  test('the department is offered drafting, then signing or sending back, never the direct decision', () => {
    const e = running();
    expect(types(e, handler)).toEqual(expect.arrayContaining(['draftDecision']));
    expect(types(e, handler)).not.toEqual(expect.arrayContaining(['approveReview']));
    expect(types(e, handler)).not.toContain('rejectReview');
    run(e, handler, draftApproval, at('2026-03-03'));
    expect(types(e, reviewer)).toEqual(expect.arrayContaining(['signDecision', 'sendBackDecision']));
    expect(types(e, reviewer)).not.toContain('draftDecision');
    expect(
      allowedActions(e, actors.planning)
        .filter((a) => a.itemId === 'land-planning')
        .map((a) => a.type),
    ).toContain('approveReview');
  });
});

describe('assignment', () => {
  const claim: TCommand = { type: 'claimTask', itemId: 'eia' };
  const holder = (e: ProjectEngine) => e.snapshot().assignments?.eia?.userId;

  test('claimed from the pool by one department user; a second claim is refused', () => {
    const e = running();
    run(e, handler, claim, at('2026-03-03'));
    expect(holder(e)).toBe('e-handler');
    expect(refusal(e, otherHandler, claim, at('2026-03-03')).message).toBe('claimTask: eia is held by e-handler; ask them or the head to transfer it');
    expect(refusal(e, actors.planning, claim, at('2026-03-03')).code).toBe('FORBIDDEN_ROLE');
  });

  test('only the head assigns; the holder or the head transfers with a reason, recorded; anyone else is forbidden', () => {
    const e = running();
    expect(refusal(e, handler, { type: 'assignTask', itemId: 'eia', userId: 'e-handler' }, at('2026-03-03')).code).toBe('FORBIDDEN_ROLE');
    run(e, head, { type: 'assignTask', itemId: 'eia', userId: 'e-handler' }, at('2026-03-03'));
    const transfer: TCommand = { type: 'transferTask', itemId: 'eia', userId: 'e-handler-2', reason: '出差' };
    expect(refusal(e, otherHandler, transfer, at('2026-03-04')).code).toBe('FORBIDDEN_ROLE');
    const seq = e.snapshot().seq;
    run(e, handler, transfer, at('2026-03-04'));
    expect(holder(e)).toBe('e-handler-2');
    expect(recordedAfter(e, seq)).toEqual([['taskTransferred', 'task transferred from e-handler to e-handler-2']]);
    expect(e.snapshot().history.at(-1)!.reason).toBe('出差');
  });

  test('released, the task is back in the pool and can be claimed again', () => {
    const e = running();
    run(e, handler, claim, at('2026-03-03'));
    run(e, head, { type: 'releaseTask', itemId: 'eia', reason: '账号停用' }, at('2026-03-04'));
    expect(holder(e)).toBeUndefined();
    run(e, otherHandler, claim, at('2026-03-04'));
    expect(holder(e)).toBe('e-handler-2');
  });

  test('a decided or not yet dispatched review is nobody’s task', () => {
    const e = running();
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03'));
    expect(refusal(e, actors.planning, { type: 'claimTask', itemId: 'land-planning' }, at('2026-03-03')).code).toBe('NOT_ALLOWED_NOW');
    expect(refusal(e, actors.housing, { type: 'claimTask', itemId: 'building-permit' }, at('2026-03-03')).code).toBe('NOT_ALLOWED_NOW');
  });
});
