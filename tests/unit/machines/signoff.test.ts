/**
 * The sign-off chain statechart (承办 → 审核 → 批准): who may take each step, the decision
 * signed only with the last signature, a send-back to the draft with its reason.
 */
import { type SignoffEvent, signoffMachine, stepDue, type TSignoffDraft } from '../../../workflows/machines/signoff.machine';
import { can, type Persisted, start } from '../../../workflows/engine/persisted';
import type { TActor } from '../../../workflows/model/actor';
import { at, coordinator, department, DEPARTMENT_ID, otherDepartment, walk } from './support';

type Snapshot = Persisted<typeof signoffMachine>;
const handler: TActor = { ...department, userId: 'eco-handler', signoffRoles: ['handler'] };
const reviewer: TActor = { ...department, userId: 'eco-reviewer', signoffRoles: ['reviewer'] };
const approver: TActor = { ...department, userId: 'eco-approver', signoffRoles: ['approver'] };
const foreignApprover: TActor = { ...otherDepartment, userId: 'fire-approver', signoffRoles: ['approver'] };
const draft: TSignoffDraft = { kind: 'approve', conditions: '按审查意见整改' };

const fresh = (): Snapshot => start(signoffMachine, { itemId: 'eia', departmentId: DEPARTMENT_ID, chain: ['handler', 'reviewer', 'approver'] });
const drafted = (): Snapshot => walk(signoffMachine, fresh(), [{ type: 'DRAFT', draft, actor: handler, at: at('10:00') }]);
const sign = (actor: TActor, time = '11:00'): SignoffEvent => ({ type: 'SIGN', actor, at: at(time) });

test('the handler drafts: the draft is kept with its signature, and the reviewer is due next', () => {
  const s = drafted();
  expect(s.value).toBe('signing');
  expect(s.context.draft).toEqual(draft);
  expect(s.context.signatures).toEqual([{ userId: 'eco-handler', step: 'handler', at: at('10:00') }]);
  expect(stepDue(s.context)).toBe('reviewer');
});

test('only a holder of the handler step in the item department drafts', () => {
  for (const actor of [reviewer, approver, department, foreignApprover, coordinator])
    expect([actor.userId, can(signoffMachine, fresh(), { type: 'DRAFT', draft, actor, at: at('10:00') })]).toEqual([actor.userId, false]);
});

test('reviewer then approver sign; only the last signature makes the decision signed', () => {
  const reviewed = walk(signoffMachine, drafted(), [sign(reviewer)]);
  expect(reviewed.value).toBe('signing');
  const signed = walk(signoffMachine, reviewed, [sign(approver, '15:00')]);
  expect(signed.value).toBe('signed');
  expect(signed.context.signatures.map((s) => [s.step, s.userId])).toEqual([
    ['handler', 'eco-handler'],
    ['reviewer', 'eco-reviewer'],
    ['approver', 'eco-approver'],
  ]);
});

test('a step out of turn is refused: the handler or the approver cannot sign the reviewer step', () => {
  for (const actor of [handler, approver, foreignApprover, coordinator])
    expect([actor.userId, can(signoffMachine, drafted(), sign(actor))]).toEqual([actor.userId, false]);
});

test('nobody signs twice in one round, even holding two steps', () => {
  const both: TActor = { ...department, userId: 'eco-both', signoffRoles: ['handler', 'reviewer'] };
  const s = walk(signoffMachine, fresh(), [{ type: 'DRAFT', draft, actor: both, at: at('10:00') }]);
  expect(can(signoffMachine, s, sign(both))).toBe(false);
  expect(can(signoffMachine, s, sign(reviewer))).toBe(true);
});

test('any later step sends back to the draft with its reason; the round starts again from the handler', () => {
  const back = walk(signoffMachine, drafted(), [sign(reviewer), { type: 'SEND_BACK', reason: '条件表述不清', actor: approver, at: at('16:00') }]);
  expect(back.value).toBe('drafting');
  expect(back.context.signatures).toEqual([]);
  expect(back.context.sentBack).toEqual({ userId: 'eco-approver', step: 'approver', reason: '条件表述不清', at: at('16:00') });
  expect(can(signoffMachine, back, sign(approver))).toBe(false);
  const redrafted = walk(signoffMachine, back, [{ type: 'DRAFT', draft: { kind: 'reject', reason: '不符合规划' }, actor: handler, at: at('17:00') }]);
  expect(redrafted.context.draft).toEqual({ kind: 'reject', reason: '不符合规划' });
  expect(redrafted.context.sentBack).toBeNull();
});

test('a send-back is taken only by the step that is due', () => {
  const back = (actor: TActor): SignoffEvent => ({ type: 'SEND_BACK', reason: 'x', actor, at: at('12:00') });
  expect(can(signoffMachine, drafted(), back(approver))).toBe(false);
  expect(can(signoffMachine, drafted(), back(reviewer))).toBe(true);
  expect(can(signoffMachine, fresh(), back(reviewer))).toBe(false);
});

test('the snapshot survives a JSON round trip mid-chain', () => {
  const mid = JSON.parse(JSON.stringify(walk(signoffMachine, drafted(), [sign(reviewer)]))) as Snapshot;
  expect(walk(signoffMachine, mid, [sign(approver)]).value).toBe('signed');
});
