/**
 * The stage statechart on its own, through the engine's persisted snapshots: the enterprise
 * applies, the coordinator accepts (complete or with tolerance), returns it, or lets the intake
 * limit pass (deemed accepted, 行政许可法 art. 32); the reviews finish; results go out together
 * unless withheld; the enterprise may withdraw until then.
 */
import { type MissingMaterial, type StageEvent, stageMachine } from '../../../workflows/machines/stage.machine';
import { can, type Persisted, start } from '../../../workflows/engine/persisted';
import { at, coordinator, department, enterprise, ENTERPRISE_ID, otherEnterprise, walk } from './support';

type Snapshot = Persisted<typeof stageMachine>;
const locked = () => start(stageMachine, { stageId: 'preparation', enterpriseId: ENTERPRISE_ID });
const after = (events: StageEvent[], from: Snapshot = locked()) => walk(stageMachine, from, events);

const TOLERABLE: MissingMaterial = { itemId: 'land-title', materialId: 'deed-tax-receipt', kind: 'tolerable' };
const CORE: MissingMaterial = { itemId: 'eia', materialId: 'eia-report', kind: 'core' };
const INTAKE_DUE = at('24:00', '2026-03-09');

const unlock: StageEvent = { type: 'UNLOCK' };
const submit = (missing: MissingMaterial[] = [], actor = enterprise): StageEvent => ({
  type: 'SUBMIT',
  missing,
  intakeDueAt: INTAKE_DUE,
  actor,
  at: at('09:00'),
});
const accept = (actor = coordinator): StageEvent => ({ type: 'ACCEPT', actor, at: at('10:00') });
const acceptWithTolerance = (actor = coordinator): StageEvent => ({ type: 'ACCEPT_WITH_TOLERANCE', actor, at: at('10:00') });
const returnIt = (actor = coordinator): StageEvent => ({ type: 'RETURN', notice: '缺少环评报告', actor, at: at('10:00') });
const intakeDeadline: StageEvent = { type: 'INTAKE_DEADLINE', at: INTAKE_DUE };
const reviewsDone: StageEvent = { type: 'REVIEWS_DONE', at: at('16:00', '2026-03-20') };
const reviewRejected: StageEvent = { type: 'REVIEW_REJECTED', reason: '不符合规划', at: at('16:00', '2026-03-20') };
const issue = (withheld = false, actor = coordinator): StageEvent => ({ type: 'ISSUE', withheld, actor, at: at('17:00', '2026-03-20') });
const withdraw = (actor = enterprise): StageEvent => ({ type: 'WITHDRAW', reason: '项目调整', actor, at: at('11:00', '2026-03-04') });

test('a stage waits locked until the one before it is complete: no application before then', () => {
  expect(locked().value).toBe('locked');
  expect(can(stageMachine, locked(), submit())).toBe(false);
  expect(can(stageMachine, locked(), withdraw())).toBe(false);
  expect(after([unlock]).value).toBe('awaitingApplication');
});

test("the project's enterprise applies, recording what it left out and the intake deadline", () => {
  expect(after([unlock, submit([TOLERABLE])])).toMatchObject({
    value: 'intake',
    context: { missing: [TOLERABLE], submittedAt: at('09:00'), intakeDueAt: INTAKE_DUE },
  });
  for (const actor of [otherEnterprise, coordinator, department])
    expect([actor.userId, can(stageMachine, after([unlock]), submit([], actor))]).toEqual([actor.userId, false]);
});

test('a complete application is accepted by the coordinator, and only then', () => {
  const intake = after([unlock, submit()]);
  expect(after([accept()], intake)).toMatchObject({ value: 'inReview', context: { acceptance: 'complete', acceptedAt: at('10:00') } });
  expect(can(stageMachine, intake, accept(enterprise))).toBe(false);
  expect(can(stageMachine, intake, accept(department))).toBe(false);
  // Nothing is missing, so there is nothing to tolerate.
  expect(can(stageMachine, intake, acceptWithTolerance())).toBe(false);
});

test('容缺受理: accepted with tolerance when only tolerable materials are missing', () => {
  const intake = after([unlock, submit([TOLERABLE])]);
  expect(can(stageMachine, intake, accept())).toBe(false);
  expect(after([acceptWithTolerance()], intake)).toMatchObject({ value: 'inReview', context: { acceptance: 'tolerance' } });
});

test('a missing core material is never tolerated: the coordinator returns the application', () => {
  const intake = after([unlock, submit([TOLERABLE, CORE])]);
  expect(can(stageMachine, intake, accept())).toBe(false);
  expect(can(stageMachine, intake, acceptWithTolerance())).toBe(false);
  expect(can(stageMachine, intake, returnIt(enterprise))).toBe(false);
  expect(after([returnIt()], intake)).toMatchObject({ value: 'returned', context: { returnNotice: '缺少环评报告' } });
});

test('a returned application is submitted again, and the notice is cleared', () => {
  expect(after([unlock, submit([CORE]), returnIt(), submit()])).toMatchObject({ value: 'intake', context: { missing: [], returnNotice: null } });
});

test('the intake limit passing undecided accepts it as deemed, even with a core material missing (art. 32)', () => {
  expect(after([unlock, submit([CORE]), intakeDeadline])).toMatchObject({
    value: 'inReview',
    context: { acceptance: 'deemed', acceptedAt: INTAKE_DUE, missing: [CORE] },
  });
  // Only an intake that is still open can be deemed.
  expect(can(stageMachine, after([unlock, submit(), accept()]), intakeDeadline)).toBe(false);
  expect(can(stageMachine, after([unlock]), intakeDeadline)).toBe(false);
});

test('once every review is done the coordinator issues the results together', () => {
  const ready = after([unlock, submit(), accept(), reviewsDone]);
  expect(ready.value).toBe('readyToIssue');
  expect(can(stageMachine, ready, issue(false, enterprise))).toBe(false);
  expect(after([issue()], ready)).toMatchObject({ value: 'complete', context: { issuedAt: at('17:00', '2026-03-20') } });
});

test('results withheld by an expired commitment are not issued', () => {
  expect(can(stageMachine, after([unlock, submit(), accept(), reviewsDone]), issue(true))).toBe(false);
});

test('nothing is issued while reviews are still running or before intake', () => {
  expect(can(stageMachine, after([unlock, submit(), accept()]), issue())).toBe(false);
  expect(can(stageMachine, after([unlock, submit()]), issue())).toBe(false);
  expect(can(stageMachine, after([unlock, submit()]), reviewsDone)).toBe(false);
});

test('a rejected review ends the stage as rejected, with its reason', () => {
  expect(after([unlock, submit(), accept(), reviewRejected])).toMatchObject({ value: 'rejected', context: { endReason: '不符合规划' } });
});

test('the enterprise may withdraw at any point until the results are issued; nobody else may', () => {
  const points: StageEvent[][] = [
    [unlock],
    [unlock, submit()],
    [unlock, submit([CORE]), returnIt()],
    [unlock, submit(), accept()],
    [unlock, submit(), accept(), reviewsDone],
  ];
  for (const events of points) {
    const s = after(events);
    expect([s.value, after([withdraw()], s)]).toMatchObject([s.value, { value: 'withdrawn', context: { endReason: '项目调整' } }]);
    for (const actor of [otherEnterprise, coordinator])
      expect([s.value, actor.userId, can(stageMachine, s, withdraw(actor))]).toEqual([s.value, actor.userId, false]);
  }
});

test('an ended stage takes nothing more', () => {
  const ends = [after([unlock, submit(), accept(), reviewsDone, issue()]), after([unlock, submit(), accept(), reviewRejected]), after([unlock, withdraw()])];
  for (const s of ends) {
    for (const e of [withdraw(), submit(), accept(), reviewsDone, issue()])
      expect([s.value, e.type, can(stageMachine, s, e)]).toEqual([s.value, e.type, false]);
  }
});

test('a snapshot read back from JSON (workflow state, continue-as-new) goes on where it was', () => {
  const stored = JSON.parse(JSON.stringify(after([unlock, submit([TOLERABLE])]))) as Snapshot;
  expect(after([acceptWithTolerance()], stored).value).toBe('inReview');
});

describe('不予受理: refusing to accept (行政许可法 art. 32, 38)', () => {
  const refuse = (actor = coordinator): StageEvent => ({ type: 'REFUSE', reasonCode: 'not-this-body', reason: '不属于本机关职权', actor, at: at('10:00') });

  test('the coordinator refuses an application in intake, with its reason code and reasons; nobody else may', () => {
    const intake = after([unlock, submit([CORE])]);
    expect(after([refuse()], intake)).toMatchObject({
      value: 'refused',
      context: { refusal: { reasonCode: 'not-this-body', reason: '不属于本机关职权', at: at('10:00') }, acceptedAt: null, acceptance: null },
    });
    for (const actor of [enterprise, department]) expect([actor.userId, can(stageMachine, intake, refuse(actor))]).toEqual([actor.userId, false]);
    expect(can(stageMachine, after([unlock]), refuse())).toBe(false);
  });

  test('a refused application is never deemed accepted: the intake limit passing changes nothing', () => {
    const refused = after([unlock, submit(), refuse()]);
    expect(can(stageMachine, refused, intakeDeadline)).toBe(false);
    expect(can(stageMachine, refused, accept())).toBe(false);
  });

  test('a new application after a refusal is a new act: a new intake, the refusal cleared; or the enterprise withdraws', () => {
    const refused = after([unlock, submit(), refuse()]);
    expect(after([submit()], refused)).toMatchObject({ value: 'intake', context: { refusal: null, submittedAt: at('09:00') } });
    expect(can(stageMachine, refused, submit([], otherEnterprise))).toBe(false);
    expect(after([withdraw()], refused).value).toBe('withdrawn');
  });

  test('each intake outcome from one application: accept, accept with tolerance, return, refuse, deemed', () => {
    expect(after([unlock, submit(), accept()]).context.acceptance).toBe('complete');
    expect(after([unlock, submit([TOLERABLE]), acceptWithTolerance()]).context.acceptance).toBe('tolerance');
    expect(after([unlock, submit([CORE]), returnIt()]).value).toBe('returned');
    expect(after([unlock, submit([CORE]), refuse()]).value).toBe('refused');
    expect(after([unlock, submit([CORE]), intakeDeadline]).context.acceptance).toBe('deemed');
  });
});
