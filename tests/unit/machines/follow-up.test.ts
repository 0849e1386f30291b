/** Follow-up of a bad rating or a complaint (issue 15, item 6): call back → verify → correct, explain or appeal → close. */
import { followUpMachine, type FollowUpEvent } from '../../../service/follow-up/case.machine';
import { can, start } from '../../../workflows/engine/persisted';
import type { TActor } from '../../../workflows/model/actor';
import { at, coordinator, department, enterprise, otherDepartment, walk } from './support';

const open = (departmentId: string | null = department.departmentId!) => start(followUpMachine, { kind: 'rating', departmentId });
const ev = (type: FollowUpEvent['type'], actor: TActor = coordinator) => ({ type, note: '记录', actor, at: at('10:00') }) as FollowUpEvent;

test('a bad rating is called back, verified, corrected by the department concerned and closed', () => {
  const closed = walk(followUpMachine, open(), [ev('CALL_BACK'), ev('VERIFY'), ev('CORRECT', department), ev('CLOSE')]);
  expect(closed).toMatchObject({ value: 'closed', context: { remedy: 'corrected' } });
});

test('the department explains instead of correcting', () => {
  expect(walk(followUpMachine, open(), [ev('CALL_BACK'), ev('VERIFY'), ev('EXPLAIN', department)]).context.remedy).toBe('explained');
});

test('the department appeals; an upheld appeal goes to closing, a dismissed one back to the remedy', () => {
  const appealed = walk(followUpMachine, open(), [ev('CALL_BACK'), ev('VERIFY'), ev('APPEAL', department)]);
  expect(appealed.value).toBe('appeal');
  expect(walk(followUpMachine, appealed, [ev('UPHOLD_APPEAL')])).toMatchObject({ value: 'closing', context: { remedy: 'appealUpheld' } });
  expect(walk(followUpMachine, appealed, [ev('DISMISS_APPEAL')]).value).toBe('remedy');
  expect(can(followUpMachine, appealed, ev('UPHOLD_APPEAL', department))).toBe(false);
});

test('steps are in order and each belongs to its role', () => {
  const start = open();
  expect(can(followUpMachine, start, ev('VERIFY'))).toBe(false);
  expect(can(followUpMachine, start, ev('CLOSE'))).toBe(false);
  for (const actor of [department, enterprise]) expect(can(followUpMachine, start, ev('CALL_BACK', actor))).toBe(false);
  const verified = walk(followUpMachine, start, [ev('CALL_BACK'), ev('VERIFY')]);
  // Another department, the enterprise, and the coordinator while a department is concerned: none remedies.
  for (const actor of [otherDepartment, enterprise, coordinator]) expect(can(followUpMachine, verified, ev('CORRECT', actor))).toBe(false);
  expect(can(followUpMachine, verified, ev('APPEAL', otherDepartment))).toBe(false);
});

test('without a department concerned the coordinator remedies, and nobody appeals', () => {
  const verified = walk(followUpMachine, open(null), [ev('CALL_BACK'), ev('VERIFY')]);
  expect(can(followUpMachine, verified, ev('CORRECT'))).toBe(true);
  expect(can(followUpMachine, verified, ev('APPEAL', department))).toBe(false);
  expect(can(followUpMachine, verified, ev('APPEAL'))).toBe(false); // an appeal is a department's
});

test('a closed case takes nothing more; its snapshot survives JSON', () => {
  const closed = walk(followUpMachine, open(), [ev('CALL_BACK'), ev('VERIFY'), ev('CORRECT', department), ev('CLOSE')]);
  const copy = JSON.parse(JSON.stringify(closed)) as typeof closed;
  for (const type of ['CALL_BACK', 'VERIFY', 'CORRECT', 'CLOSE'] as const)
    expect(can(followUpMachine, copy, ev(type, type === 'CORRECT' ? department : coordinator))).toBe(false);
});
