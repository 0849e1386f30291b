/**
 * The tolerance commitment statechart (容缺承诺) on its own, through the engine's persisted
 * snapshots: the enterprise supplies, the item's department accepts or rejects, the due
 * instant expires it, a late supply still lifts it; nobody else moves it.
 */
import { type CommitmentEvent, commitmentMachine } from '../../../workflows/machines/commitment.machine';
import { can, type Persisted, start } from '../../../workflows/engine/persisted';
import { at, coordinator, department, DEPARTMENT_ID, enterprise, ENTERPRISE_ID, otherDepartment, otherEnterprise, walk } from './support';

type Snapshot = Persisted<typeof commitmentMachine>;
const DUE = at('24:00', '2026-03-09');
const opened = () =>
  start(commitmentMachine, {
    itemId: 'land-title',
    materialId: 'deed-tax-receipt',
    departmentId: DEPARTMENT_ID,
    enterpriseId: ENTERPRISE_ID,
    dueAt: DUE,
    consequence: 'withhold-results',
  });

const after = (events: CommitmentEvent[], from: Snapshot = opened()) => walk(commitmentMachine, from, events);

const supply = (actor = enterprise, time = '10:00'): CommitmentEvent => ({ type: 'SUPPLY', actor, at: at(time, '2026-03-05') });
const acceptSupply = (actor = department): CommitmentEvent => ({ type: 'ACCEPT_SUPPLY', actor, at: at('11:00', '2026-03-05') });
const rejectSupply = (actor = department): CommitmentEvent => ({ type: 'REJECT_SUPPLY', actor, reason: '凭证不清晰', at: at('11:00', '2026-03-05') });
const expire: CommitmentEvent = { type: 'EXPIRE', at: DUE };
const cancel: CommitmentEvent = { type: 'CANCEL', at: at('12:00', '2026-03-05') };

test('a commitment starts open, owing the material by its due instant', () => {
  expect(opened()).toMatchObject({ value: 'open', context: { dueAt: DUE, expiredAt: null, rejection: null } });
});

test("the enterprise supplies and the item's department accepts: fulfilled, and nothing moves it after", () => {
  const fulfilled = after([supply(), acceptSupply()]);
  expect(fulfilled.value).toBe('fulfilled');
  for (const e of [expire, cancel, supply(), rejectSupply()]) expect([e.type, can(commitmentMachine, fulfilled, e)]).toEqual([e.type, false]);
});

test("only the project's enterprise supplies, and only the item's department judges the supply", () => {
  for (const actor of [otherEnterprise, coordinator, department])
    expect([actor.userId, can(commitmentMachine, opened(), supply(actor))]).toEqual([actor.userId, false]);
  const supplied = after([supply()]);
  for (const actor of [otherDepartment, coordinator, enterprise]) {
    expect([actor.userId, can(commitmentMachine, supplied, acceptSupply(actor)), can(commitmentMachine, supplied, rejectSupply(actor))]).toEqual([
      actor.userId,
      false,
      false,
    ]);
  }
});

test('nothing supplied yet: the department has nothing to accept or reject', () => {
  expect(can(commitmentMachine, opened(), acceptSupply())).toBe(false);
  expect(can(commitmentMachine, opened(), rejectSupply())).toBe(false);
});

test("a rejected supply is owed again, with the department's reason", () => {
  expect(after([supply(), rejectSupply()])).toMatchObject({ value: 'open', context: { rejection: '凭证不清晰' } });
  expect(after([supply(), rejectSupply(), supply(), acceptSupply()]).value).toBe('fulfilled');
});

test('the due instant passes with the material owed: expired, recording when', () => {
  expect(after([expire])).toMatchObject({ value: 'expired', context: { expiredAt: DUE } });
});

test('a supply waiting for the department is not expired by the due instant', () => {
  expect(can(commitmentMachine, after([supply()]), expire)).toBe(false);
});

test('a late supply still lifts an expired commitment once accepted', () => {
  const expired = after([expire]);
  expect(can(commitmentMachine, expired, acceptSupply())).toBe(false);
  expect(can(commitmentMachine, expired, supply(otherEnterprise))).toBe(false);
  expect(after([supply(enterprise, '09:00'), acceptSupply()], expired)).toMatchObject({ value: 'fulfilled', context: { expiredAt: DUE } });
});

test('the stage ending cancels it whether open, supplied or expired', () => {
  for (const before of [[], [supply()], [expire]] as CommitmentEvent[][]) expect(after([...before, cancel]).value).toBe('cancelled');
  expect(can(commitmentMachine, after([cancel]), supply())).toBe(false);
});

test('a snapshot read back from JSON (workflow state, continue-as-new) goes on where it was', () => {
  const stored = JSON.parse(JSON.stringify(after([supply()]))) as Snapshot;
  expect(after([acceptSupply()], stored).value).toBe('fulfilled');
});
