/**
 * A joint acceptance (联合验收) in the engine: opened when its stage is accepted (no part is
 * dispatched alone), the visit date proposed and confirmed, findings with one rectification,
 * the clock without the rectification days, the combined conclusion issued with the stage's
 * results only when every part has passed; and the refusals people and the service read.
 */
import { documentText } from '../../../definitions/documents/templates';
import { allowedActions } from '../../../workflows/engine/allowed-actions';
import { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView } from '../../../workflows/engine/view';
import { whoHoldsIt } from '../../../workflows/holders/holders';
import { WorkingCalendar } from '../../../definitions/calendar/working-calendar';
import { jointProjectInput, JOINT_MATERIALS } from '../../fixtures/joint-spec';
import { actors, at, recordedAfter, refusal, run, submitted } from './engine-fixture';

/** Accepted on Monday 2026-03-02: the joint acceptance opens. */
function accepted(): ProjectEngine {
  const now = at('2026-03-02');
  const e = ProjectEngine.create(jointProjectInput('p-j', '联合验收项目', now), now);
  run(e, actors.enterprise, { type: 'submitApplication', stageId: 'acceptance', form: {}, materials: JOINT_MATERIALS }, now);
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'acceptance', decision: 'accept' }, now);
  return e;
}

/** Visit agreed for Thursday 2026-03-05. */
function scheduled(): ProjectEngine {
  const e = accepted();
  run(e, actors.coordinator, { type: 'proposeSiteVisit', stageId: 'acceptance', date: '2026-03-05' }, at('2026-03-02', '11:00'));
  run(e, actors.planning, { type: 'confirmSiteVisit', itemId: 'planning-verification' }, at('2026-03-03'));
  run(e, actors.fire, { type: 'confirmSiteVisit', itemId: 'fire-acceptance' }, at('2026-03-03'));
  return e;
}

const types = (e: ProjectEngine, actor = actors.coordinator) => allowedActions(e, actor).map((a) => a.type);
const holdersAt = (e: ProjectEngine, now: string) =>
  whoHoldsIt(projectView(e, now), { departments: {}, items: {}, stages: {} }, WorkingCalendar.of(e.raw.calendar), now);

test('accepted: the joint acceptance opens, no part is dispatched alone, the coordinator is asked for a date', () => {
  const e = accepted();
  const view = projectView(e, at('2026-03-02', '12:00'));
  expect(view.reviews.map((r) => r.status)).toEqual(['pending', 'pending']);
  expect(view.joint).toHaveLength(1);
  expect(view.joint![0]).toMatchObject({ stageId: 'acceptance', status: 'scheduling', clock: { promisedLimit: 10, remaining: 10, paused: false } });
  expect(types(e)).toContain('proposeSiteVisit');
  const holders = whoHoldsIt(
    view,
    { departments: {}, items: {}, stages: {} },
    WorkingCalendar.of(jointProjectInput('x', 'x').calendar),
    at('2026-03-02', '12:00'),
  );
  expect(holders.map((h) => [h.thread, h.holder.role])).toEqual([['site-visit', 'coordinator']]);
});

test('a site visit on a holiday, in the past, or by someone else is refused with the field', () => {
  const e = accepted();
  const propose = (date: string) => ({ type: 'proposeSiteVisit' as const, stageId: 'acceptance', date });
  expect(refusal(e, actors.coordinator, propose('2026-04-06'), at('2026-03-02', '11:00'))).toMatchObject({ code: 'INVALID_FIELD', path: 'date' }); // 清明
  expect(refusal(e, actors.coordinator, propose('2026-03-01'), at('2026-03-02', '11:00'))).toMatchObject({ code: 'INVALID_FIELD', path: 'date' });
  expect(refusal(e, actors.enterprise, propose('2026-03-05'), at('2026-03-02', '11:00'))).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  run(e, actors.coordinator, propose('2026-03-05'), at('2026-03-02', '11:00'));
  expect(refusal(e, actors.fire, { type: 'confirmSiteVisit', itemId: 'planning-verification' }, at('2026-03-03'))).toMatchObject({
    code: 'FORBIDDEN_ROLE',
    path: 'itemId',
  });
});

test('with a date proposed each department holds its confirmation; once agreed each holds its inspection by the promised due date', () => {
  const e = accepted();
  run(e, actors.coordinator, { type: 'proposeSiteVisit', stageId: 'acceptance', date: '2026-03-05' }, at('2026-03-02', '11:00'));
  expect(holdersAt(e, at('2026-03-02', '12:00')).map((h) => [h.thread, h.holder.departmentId])).toEqual([
    ['site-visit', 'planning'],
    ['site-visit', 'fire'],
  ]);
  run(e, actors.planning, { type: 'confirmSiteVisit', itemId: 'planning-verification' }, at('2026-03-03'));
  run(e, actors.fire, { type: 'confirmSiteVisit', itemId: 'fire-acceptance' }, at('2026-03-03'));
  const inspecting = holdersAt(e, at('2026-03-04'));
  expect(inspecting.map((h) => [h.thread, h.holder.departmentId, h.dueAt])).toEqual([
    ['inspection', 'planning', '2026-03-16T24:00:00+08:00'],
    ['inspection', 'fire', '2026-03-16T24:00:00+08:00'],
  ]);
  expect(inspecting[0]!.sentence.zh).toContain('于2026-03-05现场验收并出具意见');
});

test('a department proposing another date sends it back to the coordinator', () => {
  const e = accepted();
  run(e, actors.coordinator, { type: 'proposeSiteVisit', stageId: 'acceptance', date: '2026-03-05' }, at('2026-03-02', '11:00'));
  run(e, actors.fire, { type: 'counterSiteVisit', itemId: 'fire-acceptance', date: '2026-03-06', reason: '当日另有检查' }, at('2026-03-03'));
  const view = projectView(e, at('2026-03-03', '12:00'));
  expect(view.joint![0]!.parts[1]!.answer).toEqual({ kind: 'counter', date: '2026-03-06', reason: '当日另有检查' });
  expect(types(e)).toContain('proposeSiteVisit');
});

test('one rectification: conclusion only when every part passed; the clock leaves out the rectification days', () => {
  const e = scheduled();
  expect(projectView(e, at('2026-03-04')).joint![0]).toMatchObject({ status: 'inspecting', visitDate: '2026-03-05' });
  run(e, actors.planning, { type: 'recordInspection', itemId: 'planning-verification', outcome: 'pass', findings: '符合规划条件' }, at('2026-03-05', '15:00'));
  const order = { type: 'recordInspection' as const, itemId: 'fire-acceptance', outcome: 'rectify' as const, findings: '疏散指示标志缺失' };
  expect(refusal(e, actors.fire, order, at('2026-03-05', '15:00'))).toMatchObject({ code: 'INVALID_FIELD', path: 'rectifyWithinDays' });
  expect(refusal(e, actors.fire, { ...order, rectifyWithinDays: 16 }, at('2026-03-05', '15:00'))).toMatchObject({
    code: 'INVALID_FIELD',
    path: 'rectifyWithinDays',
  });
  run(e, actors.fire, { ...order, rectifyWithinDays: 10 }, at('2026-03-05', '15:00'));
  // Rectifying: nothing to issue, the enterprise holds it, the clock stands.
  const during = projectView(e, at('2026-03-12'));
  expect(during.joint![0]).toMatchObject({ status: 'rectifying', clock: { paused: true, elapsed: 3 } });
  expect(during.joint![0]!.rectifications[0]!.dueAt).toBe('2026-03-19T24:00:00+08:00');
  expect(e.stageStatus('acceptance')).toBe('inReview');
  expect(types(e)).not.toContain('issueResults');
  // Who holds it: the enterprise, by the rectification deadline.
  expect(holdersAt(e, at('2026-03-12')).map((h) => [h.thread, h.holder.role, h.dueAt])).toEqual([['rectification', 'enterprise', '2026-03-19T24:00:00+08:00']]);
  expect(allowedActions(e, actors.enterprise).map((a) => a.type)).toContain('reportRectification');
  // Reported done on Monday 03-16: 7 working days (03-06 … 03-16) not counted.
  run(e, actors.enterprise, { type: 'reportRectification', stageId: 'acceptance', note: '已增设疏散指示标志' }, at('2026-03-16', '09:00'));
  expect(projectView(e, at('2026-03-17')).joint![0]).toMatchObject({ status: 'reinspecting', clock: { paused: false, rectificationDays: 7, elapsed: 3 } });
  expect(allowedActions(e, actors.planning).map((a) => a.type)).not.toContain('recordInspection');
  expect(holdersAt(e, at('2026-03-17')).map((h) => [h.thread, h.holder.departmentId])).toEqual([['inspection', 'fire']]);
  run(e, actors.fire, { type: 'recordInspection', itemId: 'fire-acceptance', outcome: 'pass', findings: '整改到位' }, at('2026-03-17', '10:00'));
  const done = projectView(e, at('2026-03-17', '11:00'));
  expect(done.joint![0]).toMatchObject({
    status: 'passed',
    concludedAt: at('2026-03-17', '10:00'),
    clock: { elapsed: 4, rectificationDays: 7, stoppedAt: at('2026-03-17', '10:00') },
  });
  // Both parts approved by the departments that passed them; the conclusion goes out with the results.
  expect(done.reviews.map((r) => r.status)).toEqual(['approved', 'approved']);
  expect(e.stageStatus('acceptance')).toBe('readyToIssue');
  run(e, actors.coordinator, { type: 'issueResults', stageId: 'acceptance' }, at('2026-03-17', '11:00'));
  expect(e.snapshot().results.map((r) => r.resultId)).toEqual(['planning-verification-opinion', 'fire-acceptance-opinion', 'joint-acceptance-opinion']);
  expect(e.status()).toBe('complete');
  // 联合验收意见书: from the lead department, each part's findings in order, one rectification round.
  const documents = e.drainEffects().flatMap((x) => (x.kind === 'document' ? [x.document] : []));
  const opinion = documents.find((d) => d.kind === 'jointAcceptanceOpinion')!;
  expect(opinion).toMatchObject({
    issuerDepartmentId: 'housing',
    visitOn: '2026-03-05',
    rectifications: 1,
    parts: [
      { title: 'planning-verification', departmentId: 'planning', findings: ['符合规划条件'] },
      { title: 'fire-acceptance', departmentId: 'fire', findings: ['疏散指示标志缺失', '整改到位'] },
    ],
  });
  expect(documentText(opinion).paragraphs.join('\n')).toContain('于二〇二六年三月五日进行联合现场验收，经1次整改复查');
});

test('withdrawn during rectification: the joint acceptance is cancelled with the project', () => {
  const e = scheduled();
  run(
    e,
    actors.planning,
    { type: 'recordInspection', itemId: 'planning-verification', outcome: 'rectify', findings: '退线不足', rectifyWithinDays: 5 },
    at('2026-03-05'),
  );
  run(e, actors.fire, { type: 'recordInspection', itemId: 'fire-acceptance', outcome: 'pass', findings: '合格' }, at('2026-03-05'));
  run(e, actors.enterprise, { type: 'withdraw', reason: '项目终止' }, at('2026-03-09'));
  expect(projectView(e, at('2026-03-09', '12:00')).joint![0]!.status).toBe('cancelled');
});

// Issue 12: the short path: the visit booked with the acceptance, each part recorded on it (its confirmation).
describe('the joint acceptance in one decision a part', () => {
  const submittedOnly = () => {
    const now = at('2026-03-02');
    const e = ProjectEngine.create(jointProjectInput('p-j', '联合验收项目', now), now);
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'acceptance', form: {}, materials: JOINT_MATERIALS }, now);
    return e;
  };
  const acceptWithVisit = (siteVisitOn: string) => ({ type: 'decideIntake' as const, stageId: 'acceptance', decision: 'accept' as const, siteVisitOn });
  const onVisit = (itemId: string) => ({
    type: 'recordInspection' as const,
    itemId,
    outcome: 'pass' as const,
    findings: '符合要求',
    confirmsVisit: true as const,
  });

  test('accepted with the visit booked: the joint acceptance opens with the proposal, the departments are asked', () => {
    const e = submittedOnly();
    run(e, actors.coordinator, acceptWithVisit('2026-03-05'), at('2026-03-02', '11:00'));
    expect(projectView(e, at('2026-03-02', '12:00')).joint![0]).toMatchObject({
      status: 'scheduling',
      proposal: { date: '2026-03-05', by: actors.coordinator.userId },
    });
    expect(recordedAfter(e, 0).map(([type]) => type)).toEqual(expect.arrayContaining(['intakeAccepted', 'jointAcceptanceOpened', 'siteVisitProposed']));
    expect(allowedActions(e, actors.planning).map((a) => a.type)).toEqual(expect.arrayContaining(['confirmSiteVisit', 'counterSiteVisit']));
  });

  test('a booked visit on a holiday or in the past, with a return, or on a stage without joint acceptance is refused with the field, and nothing is accepted', () => {
    const e = submittedOnly();
    const now = at('2026-03-02', '11:00');
    expect(refusal(e, actors.coordinator, acceptWithVisit('2026-04-06'), now)).toMatchObject({ code: 'INVALID_FIELD', path: 'siteVisitOn' }); // 清明
    expect(refusal(e, actors.coordinator, acceptWithVisit('2026-03-01'), now)).toMatchObject({ code: 'INVALID_FIELD', path: 'siteVisitOn' });
    const back = { type: 'decideIntake' as const, stageId: 'acceptance', decision: 'return' as const, notice: '缺件', siteVisitOn: '2026-03-05' };
    expect(refusal(e, actors.coordinator, back, now)).toMatchObject({ code: 'INVALID_FIELD', path: 'siteVisitOn' });
    expect(e.stageStatus('acceptance')).toBe('intake');
    const preparation = submitted();
    expect(refusal(preparation, actors.coordinator, { ...acceptWithVisit('2026-03-05'), stageId: 'preparation' }, now)).toMatchObject({
      code: 'INVALID_FIELD',
      path: 'siteVisitOn',
    });
  });

  test('each part recorded on the proposed day confirms it: agreed and passed in two decisions, each signed by its department', () => {
    const e = submittedOnly();
    run(e, actors.coordinator, acceptWithVisit('2026-03-05'), at('2026-03-02', '11:00'));
    // Not before the visit: the record is refused with its field, and not offered.
    expect(refusal(e, actors.planning, onVisit('planning-verification'), at('2026-03-04'))).toMatchObject({ code: 'NOT_ALLOWED_NOW', path: 'confirmsVisit' });
    expect(allowedActions(e, actors.planning, at('2026-03-04')).map((a) => a.type)).not.toContain('recordInspection');
    expect(allowedActions(e, actors.planning, at('2026-03-05')).map((a) => a.type)).toContain('recordInspection');
    // Without confirmsVisit the record waits for the date to be agreed, as before.
    const plain = { type: 'recordInspection' as const, itemId: 'planning-verification', outcome: 'pass' as const, findings: '符合要求' };
    expect(refusal(e, actors.planning, plain, at('2026-03-05', '15:00'))).toMatchObject({ code: 'NOT_ALLOWED_NOW' });
    const seq = e.snapshot().seq;
    run(e, actors.planning, onVisit('planning-verification'), at('2026-03-05', '15:00'));
    run(e, actors.fire, onVisit('fire-acceptance'), at('2026-03-05', '15:30'));
    const view = projectView(e, at('2026-03-05', '16:00'));
    expect(view.joint![0]).toMatchObject({ status: 'passed', visitDate: '2026-03-05' });
    expect(view.joint![0]!.parts.map((p) => [p.answer?.kind, p.status, p.inspections[0]!.by])).toEqual([
      ['confirmed', 'passed', actors.planning.userId],
      ['confirmed', 'passed', actors.fire.userId],
    ]);
    expect(view.reviews.map((r) => r.status)).toEqual(['approved', 'approved']);
    const recorded = e.snapshot().history.filter((h) => h.seq > seq);
    expect(recorded.filter((h) => h.actor.role === 'department').map((h) => [h.type, h.actor.userId])).toEqual([
      ['inspectionRecorded', actors.planning.userId],
      ['inspectionRecorded', actors.fire.userId],
      ['siteVisitAgreed', actors.fire.userId],
      ['jointAcceptancePassed', actors.fire.userId],
    ]);
    expect(recorded[0]!.summary).toBe('passed (on the site visit of 2026-03-05, which this record confirms): 符合要求');
    run(e, actors.coordinator, { type: 'issueResults', stageId: 'acceptance' }, at('2026-03-05', '17:00'));
    const opinion = e
      .drainEffects()
      .flatMap((x) => (x.kind === 'document' ? [x.document] : []))
      .find((d) => d.kind === 'jointAcceptanceOpinion')!;
    expect(opinion).toMatchObject({
      visitOn: '2026-03-05',
      parts: [
        { departmentId: 'planning', findings: ['符合要求'] },
        { departmentId: 'fire', findings: ['符合要求'] },
      ],
    });
  });
});
