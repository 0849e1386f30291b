/**
 * Extensions in the review statechart by the authority 行政许可法 art. 42 names: the department
 * asks and its head approves (42(1)); the coordinator asks for joint handling and the government
 * head approves (42(2)). One request at a time; a decline leaves the clock as it was.
 */
import { type ReviewEvent, reviewMachine } from '../../../workflows/machines/review.machine';
import { can, type Persisted, start } from '../../../workflows/engine/persisted';
import type { TActor } from '../../../workflows/model/actor';
import { at, coordinator, department, DEPARTMENT_ID, ENTERPRISE_ID, otherDepartment, walk } from './support';

type Snapshot = Persisted<typeof reviewMachine>;
const leader: TActor = { ...department, userId: 'eco-head', leader: true };
const otherLeader: TActor = { ...otherDepartment, userId: 'fire-head', leader: true };
const governmentHead: TActor = { userId: 'gov-head', role: 'coordinator', governmentHead: true };

const running = (): Snapshot =>
  walk(
    reviewMachine,
    start(reviewMachine, { itemId: 'eia', departmentId: DEPARTMENT_ID, enterpriseId: ENTERPRISE_ID, legalLimit: 20, promisedLimit: 10, yellowAt: 2 }),
    [{ type: 'DISPATCH', early: false, at: at('10:00') }],
  );
const ask = (kind: 'department' | 'joint', actor: TActor, days = 5): ReviewEvent => ({
  type: 'REQUEST_EXTENSION',
  kind,
  days,
  reason: '情况复杂',
  actor,
  at: at('11:00'),
});
const approve = (actor: TActor): ReviewEvent => ({ type: 'APPROVE_EXTENSION', actor, at: at('15:00') });
const decline = (actor: TActor): ReviewEvent => ({ type: 'DECLINE_EXTENSION', actor, at: at('15:00') });

test("art. 42(1): the item's department asks, only its head approves; the days join the clock with the approver", () => {
  const asked = walk(reviewMachine, running(), [ask('department', department)]);
  expect(asked.context.extensionRequest).toEqual({ kind: 'department', days: 5, reason: '情况复杂', requestedBy: 'eco-user', at: at('11:00') });
  for (const actor of [department, otherLeader, coordinator, governmentHead])
    expect([actor.userId, can(reviewMachine, asked, approve(actor))]).toEqual([actor.userId, false]);
  const approved = walk(reviewMachine, asked, [approve(leader)]);
  expect(approved.context.extensionRequest).toBeNull();
  expect(approved.context.clock!.extensions).toEqual([{ days: 5, reason: '情况复杂', approvedBy: 'eco-head', at: at('15:00') }]);
  expect(can(reviewMachine, running(), ask('department', otherDepartment))).toBe(false);
  expect(can(reviewMachine, running(), ask('department', coordinator))).toBe(false);
});

test('art. 42(2): the coordinator asks for joint handling, only the government head approves', () => {
  const asked = walk(reviewMachine, running(), [ask('joint', coordinator, 15)]);
  expect(can(reviewMachine, asked, approve(coordinator))).toBe(false);
  expect(can(reviewMachine, asked, approve(leader))).toBe(false);
  expect(walk(reviewMachine, asked, [approve(governmentHead)]).context.clock!.extensions.map((e) => [e.days, e.approvedBy])).toEqual([[15, 'gov-head']]);
  expect(can(reviewMachine, running(), ask('joint', department))).toBe(false);
});

test('one request at a time; a declined one leaves the clock unchanged and a new one may follow', () => {
  const asked = walk(reviewMachine, running(), [ask('department', department)]);
  expect(can(reviewMachine, asked, ask('joint', coordinator))).toBe(false);
  const declined = walk(reviewMachine, asked, [decline(leader)]);
  expect(declined.context.clock!.extensions).toEqual([]);
  expect(can(reviewMachine, declined, ask('department', department))).toBe(true);
});

test('a decided review takes no request', () => {
  const approved = walk(reviewMachine, running(), [{ type: 'APPROVE', actor: department, at: at('12:00') }]);
  expect(can(reviewMachine, approved, ask('department', department))).toBe(false);
});
