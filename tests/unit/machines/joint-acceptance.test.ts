/**
 * The joint acceptance statechart (联合验收) on its own: one visit date proposed and confirmed
 * by every part, findings per part, a rectification loop that stops the clock, and the
 * conclusion only once every part has passed.
 */
import { type JointAcceptanceEvent, jointAcceptanceMachine } from '../../../workflows/machines/joint-acceptance.machine';
import { can, type Persisted, start } from '../../../workflows/engine/persisted';
import { at, coordinator, department, DEPARTMENT_ID, enterprise, ENTERPRISE_ID, otherDepartment, otherEnterprise, walk } from './support';

type Snapshot = Persisted<typeof jointAcceptanceMachine>;
const FIRE = otherDepartment.departmentId!;
const opened = () =>
  start(jointAcceptanceMachine, {
    stageId: 'acceptance',
    enterpriseId: ENTERPRISE_ID,
    parts: [
      { itemId: 'planning-verification', departmentId: DEPARTMENT_ID },
      { itemId: 'fire-acceptance', departmentId: FIRE },
    ],
    at: at('09:00'),
    legalLimit: 20,
    promisedLimit: 10,
    yellowAt: 2,
  });
const after = (events: JointAcceptanceEvent[], from: Snapshot = opened()) => walk(jointAcceptanceMachine, from, events);

const propose = (date = '2026-03-05', actor = coordinator): JointAcceptanceEvent => ({ type: 'PROPOSE_VISIT', actor, at: at('10:00'), date });
const confirm = (itemId: string, actor = itemId === 'fire-acceptance' ? otherDepartment : department): JointAcceptanceEvent => ({
  type: 'CONFIRM_VISIT',
  itemId,
  actor,
  at: at('11:00'),
});
const scheduled = [propose(), confirm('planning-verification'), confirm('fire-acceptance')];
const inspect = (itemId: string, outcome: 'pass' | 'rectify', day = '2026-03-05'): JointAcceptanceEvent => ({
  type: 'RECORD_INSPECTION',
  itemId,
  outcome,
  findings: outcome === 'pass' ? '符合要求' : '疏散指示标志缺失',
  rectifyDueAt: outcome === 'rectify' ? at('24:00', '2026-03-12') : null,
  actor: itemId === 'fire-acceptance' ? otherDepartment : department,
  at: at('15:00', day),
});
const report = (day = '2026-03-10', actor = enterprise): JointAcceptanceEvent => ({ type: 'REPORT_RECTIFIED', actor, at: at('09:00', day), note: '已整改' });

test('opened: scheduling, with every part awaiting and the clock running from the opening', () => {
  const s = opened();
  expect(s.value).toBe('scheduling');
  expect(s.context.parts.map((p) => p.status)).toEqual(['awaiting', 'awaiting']);
  expect(s.context.clock).toMatchObject({ startedAt: at('09:00'), legalLimit: 20, promisedLimit: 10, pauses: [] });
});

test('the visit date is agreed only when every part confirmed the current proposal', () => {
  expect(after([propose(), confirm('planning-verification')]).value).toBe('scheduling');
  const agreed = after(scheduled);
  expect(agreed.value).toBe('inspecting');
  expect(agreed.context.visitDate).toBe('2026-03-05');
});

test('another date proposed by a department keeps scheduling; a new proposal asks every part again', () => {
  const countered = after([
    propose(),
    confirm('planning-verification'),
    { type: 'COUNTER_VISIT', itemId: 'fire-acceptance', date: '2026-03-06', reason: '当日另有检查', actor: otherDepartment, at: at('11:00') },
  ]);
  expect(countered.value).toBe('scheduling');
  expect(countered.context.parts[1]!.answer).toEqual({ kind: 'counter', date: '2026-03-06', reason: '当日另有检查' });
  const again = after([propose('2026-03-06')], countered);
  expect(again.context.parts.map((p) => p.answer)).toEqual([null, null]);
  expect(after([confirm('planning-verification'), confirm('fire-acceptance')], again).context.visitDate).toBe('2026-03-06');
});

test('only a coordinator proposes, only the part’s department answers or inspects', () => {
  expect(can(jointAcceptanceMachine, opened(), propose('2026-03-05', enterprise))).toBe(false);
  expect(can(jointAcceptanceMachine, opened(), confirm('planning-verification'))).toBe(false); // nothing proposed yet
  expect(can(jointAcceptanceMachine, after([propose()]), confirm('planning-verification', otherDepartment))).toBe(false);
  const inspecting = after(scheduled);
  expect(can(jointAcceptanceMachine, inspecting, { ...inspect('fire-acceptance', 'pass'), actor: department } as JointAcceptanceEvent)).toBe(false);
  expect(can(jointAcceptanceMachine, opened(), inspect('fire-acceptance', 'pass'))).toBe(false); // before the visit is agreed
});

test('every part passes on the visit: passed, the clock stopped at the last finding', () => {
  const done = after([...scheduled, inspect('planning-verification', 'pass'), inspect('fire-acceptance', 'pass')]);
  expect(done.value).toBe('passed');
  expect(done.context.concludedAt).toBe(at('15:00', '2026-03-05'));
  expect(done.context.clock.stoppedAt).toBe(at('15:00', '2026-03-05'));
  expect(done.context.rectifications).toEqual([]);
});

test('one part passes, one orders rectification: not passed; the clock pauses once both have decided', () => {
  const one = after([...scheduled, inspect('planning-verification', 'pass')]);
  expect(one.value).toBe('inspecting');
  const rect = after([inspect('fire-acceptance', 'rectify')], one);
  expect(rect.value).toBe('rectifying');
  expect(rect.context.clock.pauses).toEqual([{ kind: 'rectification', reason: '整改: fire-acceptance', from: at('15:00', '2026-03-05'), to: null }]);
  expect(rect.context.rectifications).toEqual([
    { orderedAt: at('15:00', '2026-03-05'), dueAt: at('24:00', '2026-03-12'), items: ['fire-acceptance'], reportedAt: null, note: null },
  ]);
  // A passed part cannot be inspected again, and nobody but the enterprise ends the rectification.
  expect(can(jointAcceptanceMachine, rect, inspect('planning-verification', 'pass'))).toBe(false);
  expect(can(jointAcceptanceMachine, rect, report('2026-03-10', otherEnterprise))).toBe(false);
});

test('rectification reported: the clock resumes, only the rectifying part inspects again, then passed', () => {
  const rect = after([...scheduled, inspect('planning-verification', 'pass'), inspect('fire-acceptance', 'rectify')]);
  const reported = after([report()], rect);
  expect(reported.value).toBe('reinspecting');
  expect(reported.context.clock.pauses[0]!.to).toBe(at('09:00', '2026-03-10'));
  expect(reported.context.parts.map((p) => p.status)).toEqual(['passed', 'reinspect']);
  const done = after([inspect('fire-acceptance', 'pass', '2026-03-11')], reported);
  expect(done.value).toBe('passed');
  expect(done.context.parts[1]!.inspections.map((i) => i.outcome)).toEqual(['rectify', 'pass']);
});

test('a re-inspection that finds more to rectify starts another round', () => {
  const reported = after([...scheduled, inspect('planning-verification', 'pass'), inspect('fire-acceptance', 'rectify'), report()]);
  const again = after([inspect('fire-acceptance', 'rectify', '2026-03-11')], reported);
  expect(again.value).toBe('rectifying');
  expect(again.context.rectifications).toHaveLength(2);
  expect(again.context.clock.pauses).toHaveLength(2);
});

test('cancelled (the project ended) stops the clock, paused or not', () => {
  const rect = after([...scheduled, inspect('planning-verification', 'rectify'), inspect('fire-acceptance', 'pass')]);
  const cancelled = after([{ type: 'CANCEL', at: at('09:00', '2026-03-09') }], rect);
  expect(cancelled.value).toBe('cancelled');
  expect(cancelled.context.clock.stoppedAt).toBe(at('09:00', '2026-03-09'));
  expect(cancelled.context.concludedAt).toBeNull();
});

// Issue 12: the short path, one decision a part. A record on the proposed visit is the department's confirmation.
const onVisit = (itemId: string, outcome: 'pass' | 'rectify' = 'pass'): JointAcceptanceEvent => ({
  ...(inspect(itemId, outcome) as Extract<JointAcceptanceEvent, { type: 'RECORD_INSPECTION' }>),
  confirmsVisit: true,
});

test('every part recorded on the proposed visit: the date is agreed and the joint acceptance passed, without a confirmation', () => {
  const first = after([propose(), onVisit('planning-verification')]);
  expect(first.value).toBe('scheduling');
  expect(first.context.parts[0]).toMatchObject({
    answer: { kind: 'confirmed' },
    status: 'passed',
    inspections: [{ by: department.userId, findings: '符合要求' }],
  });
  const done = after([onVisit('fire-acceptance')], first);
  expect(done.value).toBe('passed');
  expect(done.context.visitDate).toBe('2026-03-05');
  expect(done.context.concludedAt).toBe(at('15:00', '2026-03-05'));
});

test('a record on the proposed visit mixes with confirmations; an order to rectify there starts the rectification once every part decided', () => {
  const agreed = after([propose(), confirm('planning-verification'), onVisit('fire-acceptance', 'rectify')]);
  expect(agreed.value).toBe('inspecting'); // every part answered: planning confirmed, fire by its record
  expect(agreed.context.visitDate).toBe('2026-03-05');
  expect(after([inspect('planning-verification', 'pass')], agreed).value).toBe('rectifying');
  const both = after([propose(), onVisit('planning-verification'), onVisit('fire-acceptance', 'rectify')]);
  expect(both.value).toBe('rectifying');
  expect(both.context.rectifications[0]!.items).toEqual(['fire-acceptance']);
});

test('a record before the date is agreed needs confirmsVisit, a proposal and the part’s own department; then it answers no more', () => {
  expect(can(jointAcceptanceMachine, after([propose()]), inspect('fire-acceptance', 'pass'))).toBe(false); // the long path's record
  expect(can(jointAcceptanceMachine, opened(), onVisit('fire-acceptance'))).toBe(false); // nothing proposed
  expect(can(jointAcceptanceMachine, after([propose()]), { ...onVisit('fire-acceptance'), actor: department } as JointAcceptanceEvent)).toBe(false);
  const recorded = after([propose(), onVisit('fire-acceptance')]);
  expect(can(jointAcceptanceMachine, recorded, onVisit('fire-acceptance'))).toBe(false); // recorded once
  const counter: JointAcceptanceEvent = {
    type: 'COUNTER_VISIT',
    itemId: 'fire-acceptance',
    date: '2026-03-06',
    reason: '改期',
    actor: otherDepartment,
    at: at('16:00'),
  };
  expect(can(jointAcceptanceMachine, recorded, counter)).toBe(false);
  expect(can(jointAcceptanceMachine, recorded, confirm('fire-acceptance'))).toBe(false);
  // A new proposal asks only the parts not inspected yet: the recorded part was there.
  const again = after([propose('2026-03-09')], recorded);
  expect(again.context.parts.map((p) => p.answer)).toEqual([null, { kind: 'confirmed' }]);
  expect(after([confirm('planning-verification')], again).value).toBe('inspecting');
});
