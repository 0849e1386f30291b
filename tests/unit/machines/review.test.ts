/**
 * The review statechart on its own, through the engine's persisted snapshots: a department's
 * review starts its clock when dispatched, stops it on a decision, pauses it for a correction
 * (补正) or a special procedure (特别程序, art. 45), takes the coordinator's extensions (延期,
 * art. 42), and is cancelled when its stage ends without it.
 */
import { type ReviewEvent, reviewMachine } from '../../../workflows/machines/review.machine';
import { can, type Persisted, start } from '../../../workflows/engine/persisted';
import { at, coordinator, department, DEPARTMENT_ID, enterprise, ENTERPRISE_ID, otherDepartment, otherEnterprise, walk } from './support';

type Snapshot = Persisted<typeof reviewMachine>;
const pending = () =>
  start(reviewMachine, { itemId: 'eia', departmentId: DEPARTMENT_ID, enterpriseId: ENTERPRISE_ID, legalLimit: 20, promisedLimit: 10, yellowAt: 2 });
const after = (events: ReviewEvent[], from: Snapshot = pending()) => walk(reviewMachine, from, events);

const dispatch = (early = false): ReviewEvent => ({ type: 'DISPATCH', early, at: at('10:00') });
const approve = (conditions?: string, actor = department): ReviewEvent => ({
  type: 'APPROVE',
  actor,
  at: at('15:00', '2026-03-10'),
  ...(conditions ? { conditions } : {}),
});
const reject = (actor = department): ReviewEvent => ({ type: 'REJECT', reason: '选址不符合规划', actor, at: at('15:00', '2026-03-10') });
const requestCorrection = (actor = department): ReviewEvent => ({
  type: 'REQUEST_CORRECTION',
  materials: ['eia-report'],
  reason: '缺少噪声分析',
  actor,
  at: at('11:00', '2026-03-03'),
});
const answerCorrection = (actor = enterprise): ReviewEvent => ({ type: 'ANSWER_CORRECTION', actor, at: at('09:00', '2026-03-05') });
const startSpecial = (actor = department): ReviewEvent => ({
  type: 'START_SPECIAL',
  kind: 'expert-review',
  days: 3,
  reason: '专家评审',
  endsAt: at('24:00', '2026-03-06'),
  actor,
  at: at('11:00', '2026-03-03'),
});
const endSpecial = (actor = department): ReviewEvent => ({ type: 'END_SPECIAL', actor, at: at('09:00', '2026-03-05') });
const specialElapsed: ReviewEvent = { type: 'SPECIAL_ELAPSED', at: at('24:00', '2026-03-06') };
const extend = (actor = coordinator): ReviewEvent => ({ type: 'EXTEND', days: 5, reason: '需现场核查', actor, at: at('12:00', '2026-03-04') });
const cancel: ReviewEvent = { type: 'CANCEL', reason: '项目撤回', at: at('16:00', '2026-03-04') };

test('a review waits, clock not started, and takes no decision before it is dispatched', () => {
  expect(pending()).toMatchObject({ value: 'pending', context: { clock: null } });
  for (const e of [approve(), reject(), requestCorrection(), startSpecial(), extend()])
    expect([e.type, can(reviewMachine, pending(), e)]).toEqual([e.type, false]);
});

test('dispatch starts its clock with its limits, marking an early pre-review (提前介入)', () => {
  expect(after([dispatch(true)])).toMatchObject({
    value: 'inReview',
    context: { early: true, clock: { startedAt: at('10:00'), legalLimit: 20, promisedLimit: 10, yellowAt: 2, pauses: [], stoppedAt: null } },
  });
});

test('its own department approves (with or without conditions) or rejects, and the clock stops', () => {
  const inReview = after([dispatch()]);
  expect(after([approve()], inReview)).toMatchObject({ value: 'approved', context: { conditions: null, clock: { stoppedAt: at('15:00', '2026-03-10') } } });
  expect(after([approve('按批准红线施工')], inReview)).toMatchObject({
    value: 'approvedWithConditions',
    context: { conditions: '按批准红线施工', clock: { stoppedAt: at('15:00', '2026-03-10') } },
  });
  expect(after([reject()], inReview)).toMatchObject({
    value: 'rejected',
    context: { reason: '选址不符合规划', clock: { stoppedAt: at('15:00', '2026-03-10') } },
  });
});

test('another department, the coordinator and the enterprise decide nothing in it', () => {
  const inReview = after([dispatch()]);
  for (const actor of [otherDepartment, coordinator, enterprise]) {
    for (const e of [approve(undefined, actor), approve('条件', actor), reject(actor), requestCorrection(actor), startSpecial(actor)]) {
      expect([actor.userId, e.type, can(reviewMachine, inReview, e)]).toEqual([actor.userId, e.type, false]);
    }
  }
});

test('补正: a correction pauses the clock until the enterprise answers it', () => {
  const correction = after([dispatch(), requestCorrection()]);
  expect(correction).toMatchObject({
    value: 'correction',
    context: {
      correction: { materials: ['eia-report'], reason: '缺少噪声分析' },
      clock: { pauses: [{ kind: 'correction', from: at('11:00', '2026-03-03'), to: null }] },
    },
  });
  // Nothing is decided on an application being corrected, and only its own enterprise answers.
  for (const e of [approve(), reject(), requestCorrection(), startSpecial(), answerCorrection(otherEnterprise), answerCorrection(department)]) {
    expect([e.type, can(reviewMachine, correction, e)]).toEqual([e.type, false]);
  }
  expect(after([answerCorrection()], correction)).toMatchObject({
    value: 'inReview',
    context: { correction: null, clock: { pauses: [{ kind: 'correction', from: at('11:00', '2026-03-03'), to: at('09:00', '2026-03-05') }] } },
  });
});

test('特别程序: a special procedure pauses the clock until the department ends it or its announced days elapse', () => {
  const special = after([dispatch(), startSpecial()]);
  expect(special).toMatchObject({
    value: 'specialProcedure',
    context: { special: { kind: 'expert-review', days: 3, endsAt: at('24:00', '2026-03-06') }, clock: { pauses: [{ kind: 'special-procedure', to: null }] } },
  });
  for (const e of [approve(), reject(), requestCorrection(), endSpecial(otherDepartment), endSpecial(enterprise)])
    expect([e.type, can(reviewMachine, special, e)]).toEqual([e.type, false]);
  expect(after([endSpecial()], special)).toMatchObject({
    value: 'inReview',
    context: { special: null, clock: { pauses: [{ to: at('09:00', '2026-03-05') }] } },
  });
  expect(after([specialElapsed], special)).toMatchObject({
    value: 'inReview',
    context: { special: null, clock: { pauses: [{ to: at('24:00', '2026-03-06') }] } },
  });
});

test("a special procedure's end is not announced to a review that is not in one", () => {
  expect(can(reviewMachine, after([dispatch()]), specialElapsed)).toBe(false);
  expect(can(reviewMachine, after([dispatch()]), endSpecial())).toBe(false);
  expect(can(reviewMachine, after([dispatch()]), answerCorrection())).toBe(false);
});

test('延期: the coordinator extends a running or paused review, which stays where it is; nobody else can', () => {
  for (const before of [[dispatch()], [dispatch(), requestCorrection()], [dispatch(), startSpecial()]] as ReviewEvent[][]) {
    const s = after(before);
    const extended = after([extend()], s);
    expect([s.value, extended.value, extended.context.clock?.extensions]).toEqual([
      s.value,
      s.value,
      [{ days: 5, reason: '需现场核查', approvedBy: coordinator.userId, at: at('12:00', '2026-03-04') }],
    ]);
    for (const actor of [department, enterprise]) expect([s.value, actor.userId, can(reviewMachine, s, extend(actor))]).toEqual([s.value, actor.userId, false]);
  }
});

test('a stage ending without it cancels the review, stopping a running clock', () => {
  expect(after([cancel])).toMatchObject({ value: 'cancelled', context: { reason: '项目撤回', clock: null } });
  for (const before of [[dispatch()], [dispatch(), requestCorrection()], [dispatch(), startSpecial()]] as ReviewEvent[][]) {
    expect(after([...before, cancel])).toMatchObject({ value: 'cancelled', context: { reason: '项目撤回', clock: { stoppedAt: at('16:00', '2026-03-04') } } });
  }
});

test('a decided review takes nothing more', () => {
  const ends = [after([dispatch(), approve()]), after([dispatch(), approve('条件')]), after([dispatch(), reject()]), after([dispatch(), cancel])];
  for (const s of ends) {
    for (const e of [approve(), reject(), requestCorrection(), extend(), cancel, dispatch()])
      expect([s.value, e.type, can(reviewMachine, s, e)]).toEqual([s.value, e.type, false]);
  }
});

test('a snapshot read back from JSON (workflow state, continue-as-new) goes on where it was', () => {
  const stored = JSON.parse(JSON.stringify(after([dispatch(), requestCorrection()]))) as Snapshot;
  expect(after([answerCorrection(), approve()], stored).value).toBe('approved');
});
