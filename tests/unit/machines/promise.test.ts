/**
 * The written-promise statechart (告知承诺制) on its own: signed → approved on it (post-check
 * pending) → verified or false; overdue once its due instant passes, still checkable; only the
 * item's department approves and checks; a signed promise not approved on can be set aside.
 */
import { type PromiseEvent, promiseMachine } from '../../../workflows/machines/promise.machine';
import { can, type Persisted, start } from '../../../workflows/engine/persisted';
import { at, coordinator, department, DEPARTMENT_ID, enterprise, ENTERPRISE_ID, otherDepartment, walk } from './support';

type Snapshot = Persisted<typeof promiseMachine>;
const DUE = at('24:00', '2026-03-09');
const signed = () =>
  start(promiseMachine, {
    itemId: 'energy-review',
    departmentId: DEPARTMENT_ID,
    enterpriseId: ENTERPRISE_ID,
    conditions: ['能耗符合标准'],
    postCheckWithinDays: 5,
    signedAt: at('09:00'),
    signedBy: 'ent-user',
  });
const after = (events: PromiseEvent[], from: Snapshot = signed()) => walk(promiseMachine, from, events);

const approveOn = (actor = department): PromiseEvent => ({ type: 'APPROVE_ON_PROMISE', actor, at: at('10:00'), checkDueAt: DUE });
const verify = (actor = department): PromiseEvent => ({ type: 'VERIFY', actor, at: at('10:00', '2026-03-05'), note: '现场核查相符' });
const findFalse = (actor = department): PromiseEvent => ({ type: 'FIND_FALSE', actor, at: at('10:00', '2026-03-05'), reason: '实际能耗超标' });
const overdue: PromiseEvent = { type: 'OVERDUE', at: DUE };
const cancel: PromiseEvent = { type: 'CANCEL', at: at('11:00') };

test('a signed promise waits for the department, with no post-check yet', () => {
  expect(signed()).toMatchObject({ value: 'signed', context: { approvedAt: null, checkDueAt: null, signedBy: 'ent-user' } });
  expect(can(promiseMachine, signed(), verify())).toBe(false);
  expect(can(promiseMachine, signed(), findFalse())).toBe(false);
  expect(can(promiseMachine, signed(), overdue)).toBe(false);
});

test('approved on the promise: the post-check is pending with its due instant, and who approved is kept', () => {
  expect(after([approveOn()])).toMatchObject({ value: 'pendingCheck', context: { checkDueAt: DUE, approvedBy: 'eco-user', approvedAt: at('10:00') } });
});

test('post-check verified: final, with the note; nothing moves it after', () => {
  const verified = after([approveOn(), verify()]);
  expect(verified).toMatchObject({ value: 'verified', context: { finding: '现场核查相符', checkedBy: 'eco-user' } });
  for (const e of [findFalse(), overdue, cancel]) expect([e.type, can(promiseMachine, verified, e)]).toEqual([e.type, false]);
});

test('post-check false: final, with the reason', () => {
  expect(after([approveOn(), findFalse()])).toMatchObject({ value: 'false', context: { finding: '实际能耗超标' } });
});

test('overdue at the due instant, and the department can still check (verified or false)', () => {
  expect(after([approveOn(), overdue])).toMatchObject({ value: 'overdue', context: { overdueAt: DUE } });
  expect(after([approveOn(), overdue, verify()]).value).toBe('verified');
  expect(after([approveOn(), overdue, findFalse()]).value).toBe('false');
});

test("only the item's department approves on the promise and checks it", () => {
  for (const actor of [otherDepartment, coordinator, enterprise])
    expect([actor.userId, can(promiseMachine, signed(), approveOn(actor))]).toEqual([actor.userId, false]);
  const pending = after([approveOn()]);
  for (const actor of [otherDepartment, coordinator, enterprise])
    expect([actor.userId, can(promiseMachine, pending, verify(actor)), can(promiseMachine, pending, findFalse(actor))]).toEqual([actor.userId, false, false]);
});

test('a signed promise is set aside when the review is decided otherwise; an approved one is not', () => {
  expect(after([cancel]).value).toBe('cancelled');
  expect(can(promiseMachine, after([approveOn()]), cancel)).toBe(false);
});

test('snapshots survive a JSON round trip', () => {
  const pending = after([approveOn()]);
  expect(after([verify()], JSON.parse(JSON.stringify(pending)) as Snapshot).value).toBe('verified');
});
