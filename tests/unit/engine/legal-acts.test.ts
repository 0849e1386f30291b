/**
 * Issue 14's legal acts on the engine: refusing to accept (不予受理, 行政许可法 arts. 32, 38),
 * the project code before the first intake, extensions by the authority art. 42 names, and
 * delivery of each decision within 10 working days (art. 44) — each with what is recorded,
 * who is told what, and the refusals people see.
 */
import { WorkingCalendar } from '../../../definitions/calendar/working-calendar';
import { appealRights } from '../../../definitions/legal/intake-refusal';
import { projectView } from '../../../workflows/engine/view';
import { allowedActions } from '../../../workflows/engine/allowed-actions';
import { ProjectEngine } from '../../../workflows/engine/project-engine';
import type { TActor } from '../../../workflows/model/actor';
import { smallSpec } from '../../fixtures/small-spec';
import { actors, ALL_PREP, at, calendar, ENTERPRISE, inReview, newProject, notified, recordedAfter, refusal, run, submitted } from './engine-fixture';

const cal = WorkingCalendar.of(calendar);
const refuse = { type: 'refuseIntake', stageId: 'preparation', reasonCode: 'not-this-body', reason: '本项目应向省级部门申请' } as const;
const environmentHead: TActor = { ...actors.environment, userId: 'e-head', leader: true };
const planningHead: TActor = { ...actors.planning, userId: 'p-head', leader: true };
const governmentHead: TActor = { userId: 'gov-head', role: 'coordinator', governmentHead: true };
const stageView = (e: ProjectEngine, now: string) => projectView(e, now).stages.find((s) => s.stageId === 'preparation')!;

describe('refuseIntake (不予受理)', () => {
  test('the refusal is recorded with its reason, and the enterprise is told the reasons and its rights of appeal (art. 38)', () => {
    const e = submitted();
    const seq = e.snapshot().seq;
    notified(e);
    run(e, actors.coordinator, refuse, at('2026-03-03'));
    expect(e.stageStatus('preparation')).toBe('refused');
    expect(recordedAfter(e, seq)).toEqual([['intakeRefused', 'application refused (不予受理): 申请事项依法不属于本机关职权范围']]);
    expect(e.snapshot().history.at(-1)!.reason).toBe('本项目应向省级部门申请');
    expect(notified(e)).toEqual([['enterprise', `前期准备: 不予受理 — 申请事项依法不属于本机关职权范围：本项目应向省级部门申请。${appealRights()}`]]);
    expect(appealRights()).toMatch(/六十日内依法申请行政复议.*六个月内依法向人民法院提起行政诉讼/);
    expect(stageView(e, at('2026-03-03')).refusal).toEqual({
      reasonCode: 'not-this-body',
      label: '申请事项依法不属于本机关职权范围',
      reason: '本项目应向省级部门申请',
      at: at('2026-03-03'),
      rights: appealRights(),
    });
  });

  test('a refused application is never deemed accepted, however long the intake limit has passed', () => {
    const e = submitted();
    run(e, actors.coordinator, refuse, at('2026-03-03'));
    e.advanceTime(at('2026-04-30'));
    expect(e.stageStatus('preparation')).toBe('refused');
    expect(e.snapshot().history.some((h) => h.type === 'intakeDeemedAccepted')).toBe(false);
    expect(e.nextWakeAt(at('2026-04-30'))).toBeUndefined();
  });

  test('undecided, the same application is deemed accepted at the intake limit (art. 32)', () => {
    const e = submitted();
    e.advanceTime(at('2026-04-30'));
    expect(e.stageStatus('preparation')).toBe('inReview');
    expect(stageView(e, at('2026-04-30')).acceptance).toBe('deemed');
  });

  test('the refusal issues the 不予受理决定书 with the listed reason and the reasons in words', () => {
    const e = submitted();
    e.drainEffects();
    run(e, actors.coordinator, refuse, at('2026-03-03'));
    const documents = e.drainEffects().flatMap((x) => (x.kind === 'document' ? [x.document] : []));
    expect(documents).toEqual([
      expect.objectContaining({ kind: 'refusalToAccept', reasons: ['申请事项依法不属于本机关职权范围', '本项目应向省级部门申请'], issuedOn: '2026-03-03' }),
    ]);
  });

  test('after a refusal the enterprise may file a new application (a new act) or withdraw; the coordinator is offered refuseIntake beside decideIntake', () => {
    const e = submitted();
    expect(allowedActions(e, actors.coordinator, at('2026-03-03'))).toEqual([
      { type: 'decideIntake', stageId: 'preparation', options: ['accept', 'return'] },
      { type: 'refuseIntake', stageId: 'preparation' },
    ]);
    run(e, actors.coordinator, refuse, at('2026-03-03'));
    expect(allowedActions(e, actors.enterprise, at('2026-03-03')).map((a) => a.type)).toEqual(['submitApplication', 'setProjectCode', 'withdraw']);
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, at('2026-03-04'));
    expect(stageView(e, at('2026-03-04'))).toMatchObject({ status: 'intake', submittedAt: at('2026-03-04') });
    expect(stageView(e, at('2026-03-04')).refusal).toBeUndefined();
  });

  test('only a coordinator refuses, and only an application in intake', () => {
    expect(refusal(submitted(), actors.planning, refuse, at('2026-03-03')).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(newProject(), actors.coordinator, refuse, at('2026-03-03'))).toMatchObject({ code: 'NOT_ALLOWED_NOW', path: 'stageId' });
  });
});

describe('the project code before the first intake', () => {
  const coded = () =>
    ProjectEngine.create(
      {
        projectId: 'p-code',
        title: '赋码项目',
        enterpriseId: ENTERPRISE,
        attributes: {},
        spec: { ...smallSpec, requireProjectCode: true },
        calendar,
        registeredAt: at('2026-03-02'),
        registeredBy: actors.coordinator,
      },
      at('2026-03-02'),
    );
  const apply = (e: ProjectEngine) =>
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, at('2026-03-02'));

  test('a definition that requires it refuses every acceptance, naming projectCode, while the project has none; return and refusal stay open', () => {
    const e = coded();
    apply(e);
    expect(refusal(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'))).toEqual({
      message: 'projectCode: this process requires the project code (项目代码) before any intake; the enterprise sets it first (setProjectCode)',
      code: 'INVALID_FIELD',
      path: 'projectCode',
    });
    expect(allowedActions(e, actors.coordinator, at('2026-03-03'))).toEqual([
      { type: 'decideIntake', stageId: 'preparation', options: ['return'] },
      { type: 'refuseIntake', stageId: 'preparation' },
    ]);
  });

  test('the enterprise sets the code once; then intake is accepted and the view carries it; a second code is refused', () => {
    const e = coded();
    apply(e);
    run(e, actors.enterprise, { type: 'setProjectCode', projectCode: '2026-420100-04-01-123456' }, at('2026-03-02'));
    expect(projectView(e, at('2026-03-02')).projectCode).toBe('2026-420100-04-01-123456');
    expect(e.snapshot().history.at(-1)!.summary).toBe('project code (项目代码) 2026-420100-04-01-123456');
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'));
    expect(e.stageStatus('preparation')).toBe('inReview');
    expect(refusal(e, actors.enterprise, { type: 'setProjectCode', projectCode: '2026-420100-04-01-654321' }, at('2026-03-03'))).toMatchObject({
      code: 'NOT_ALLOWED_NOW',
      path: 'projectCode',
    });
    expect(refusal(coded(), actors.coordinator, { type: 'setProjectCode', projectCode: '2026-420100-04-01-123456' }, at('2026-03-03')).code).toBe(
      'FORBIDDEN_ROLE',
    );
  });

  test('a definition that does not require it accepts without a code, as before', () => {
    const e = submitted();
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'));
    expect(e.stageStatus('preparation')).toBe('inReview');
  });
});

describe('extensions by the authority art. 42 names', () => {
  const legalDue = (e: ProjectEngine, now: string) =>
    projectView(e, now)
      .reviews.find((r) => r.itemId === 'eia')!
      .clock!.legalDueAt.slice(0, 10);

  test('42(1): the department asks, its head approves; the enterprise is told why, who approved and the new due date', () => {
    const e = inReview();
    const before = legalDue(e, at('2026-03-03'));
    run(e, actors.environment, { type: 'requestExtension', itemId: 'eia', days: 5, reason: '需现场核查' }, at('2026-03-03'));
    expect(projectView(e, at('2026-03-03')).reviews.find((r) => r.itemId === 'eia')!.extensionRequest).toMatchObject({ kind: 'department', days: 5 });
    expect(
      allowedActions(e, environmentHead, at('2026-03-03'))
        .filter((a) => a.itemId === 'eia')
        .map((a) => a.type),
    ).toContain('decideExtension');
    expect(allowedActions(e, actors.environment, at('2026-03-03')).map((a) => a.type)).not.toContain('decideExtension');
    notified(e);
    run(e, environmentHead, { type: 'decideExtension', itemId: 'eia', decision: 'approve' }, at('2026-03-04'));
    const after = legalDue(e, at('2026-03-04'));
    expect(after).toBe(cal.addWorkdays(before, 5).date);
    expect(notified(e)).toContainEqual([
      'enterprise',
      `环境影响评价审批: time limit extended by 5 working days (行政许可法 art. 42(1)), approved by e-head: 需现场核查; now due ${after}`,
    ]);
  });

  test("the head's approval issues the 延期告知书: the reason, who approved (本机关负责人) and the new legal due day", () => {
    const e = inReview();
    run(e, actors.environment, { type: 'requestExtension', itemId: 'eia', days: 5, reason: '需现场核查' }, at('2026-03-03'));
    e.drainEffects();
    run(e, environmentHead, { type: 'decideExtension', itemId: 'eia', decision: 'approve' }, at('2026-03-04'));
    const documents = e.drainEffects().flatMap((x) => (x.kind === 'document' ? [x.document] : []));
    expect(documents).toEqual([
      expect.objectContaining({
        kind: 'extensionNotice',
        days: 5,
        reason: '需现场核查',
        approvedBy: '本机关负责人（e-head）',
        newDueOn: legalDue(e, at('2026-03-04')),
      }),
    ]);
  });

  test('a department user who is not its head, or the head of another department, is refused', () => {
    const e = inReview();
    run(e, actors.environment, { type: 'requestExtension', itemId: 'eia', days: 5, reason: '需现场核查' }, at('2026-03-03'));
    expect(refusal(e, actors.environment, { type: 'decideExtension', itemId: 'eia', decision: 'approve' }, at('2026-03-03'))).toEqual({
      message: 'decideExtension: only the head of department environment (a leader) may approve this (行政许可法 art. 42)',
      code: 'FORBIDDEN_ROLE',
      path: 'type',
    });
    expect(refusal(e, planningHead, { type: 'decideExtension', itemId: 'eia', decision: 'approve' }, at('2026-03-03')).code).toBe('FORBIDDEN_ROLE');
    expect(refusal(e, actors.coordinator, { type: 'decideJointExtension', itemId: 'eia', decision: 'approve' }, at('2026-03-03')).code).toBe('FORBIDDEN_ROLE');
  });

  test('a declined request leaves the due date; 10 days in all for a department, 15 in all with joint handling (42(2))', () => {
    const e = inReview();
    const before = legalDue(e, at('2026-03-03'));
    run(e, actors.environment, { type: 'requestExtension', itemId: 'eia', days: 10, reason: '复杂' }, at('2026-03-03'));
    run(e, environmentHead, { type: 'decideExtension', itemId: 'eia', decision: 'decline', note: '理由不足' }, at('2026-03-03'));
    expect(legalDue(e, at('2026-03-03'))).toBe(before);
    expect(e.snapshot().history.at(-1)!.type).toBe('extensionDeclined');
    run(e, actors.environment, { type: 'requestExtension', itemId: 'eia', days: 10, reason: '复杂' }, at('2026-03-03'));
    run(e, environmentHead, { type: 'decideExtension', itemId: 'eia', decision: 'approve' }, at('2026-03-03'));
    expect(refusal(e, actors.environment, { type: 'requestExtension', itemId: 'eia', days: 1, reason: '再延' }, at('2026-03-03'))).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      path: 'days',
    });
    run(e, actors.coordinator, { type: 'requestJointExtension', itemId: 'eia', days: 5, reason: '联合办理' }, at('2026-03-03'));
    run(e, governmentHead, { type: 'decideJointExtension', itemId: 'eia', decision: 'approve' }, at('2026-03-04'));
    expect(legalDue(e, at('2026-03-04'))).toBe(cal.addWorkdays(before, 15).date);
    expect(refusal(e, actors.coordinator, { type: 'requestJointExtension', itemId: 'eia', days: 1, reason: 'x' }, at('2026-03-04')).message).toMatch(
      /at most 15 working days of extension in all \(行政许可法 art\. 42\(2\)\); 15 already granted/,
    );
  });

  test("a coordinator's extension on its own is refused on new projects and no longer offered; projects under rules 2 keep it", () => {
    const e = inReview();
    expect(refusal(e, actors.coordinator, { type: 'grantExtension', itemId: 'eia', days: 1, reason: 'x' }, at('2026-03-03')).message).toMatch(
      /requestExtension/,
    );
    expect(allowedActions(e, actors.coordinator, at('2026-03-03')).map((a) => a.type)).not.toContain('grantExtension');
    expect(allowedActions(inReview(ALL_PREP, at('2026-03-02'), 2), actors.coordinator, at('2026-03-03')).map((a) => a.type)).toContain('grantExtension');
  });
});

describe('delivery of each decision within 10 working days (art. 44)', () => {
  const approvedAndIssued = () => {
    const e = inReview();
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03'));
    run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'));
    run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-04'));
    return e;
  };
  const delivery = (e: ProjectEngine, now: string, itemId = 'eia') => projectView(e, now).deliveries!.find((d) => d.itemId === itemId)!;

  test('a granted licence is due 10 working days after the results are issued; yellow with 3 days left, red after; the coordinator is told once each', () => {
    const e = approvedAndIssued();
    expect(delivery(e, at('2026-03-04'))).toMatchObject({
      outcome: 'granted',
      status: 'open',
      decidedAt: at('2026-03-04'),
      dueAt: '2026-03-18T24:00:00+08:00',
      card: 'green',
    });
    expect(
      allowedActions(e, actors.coordinator, at('2026-03-04'))
        .filter((a) => a.type === 'deliverResult')
        .map((a) => a.itemId),
    ).toEqual(['land-planning', 'eia']);
    expect(delivery(e, at('2026-03-16', '09:00')).card).toBe('yellow');
    notified(e);
    e.advanceTime(at('2026-03-16', '09:00'));
    e.advanceTime(at('2026-03-19', '09:00'));
    expect(delivery(e, at('2026-03-19', '09:00')).card).toBe('red');
    expect(projectView(e, at('2026-03-19', '09:00')).worstCard).toBe('red');
    expect(notified(e).filter(([, m]) => String(m).includes('delivery of eia'))).toEqual([
      ['coordinator', '测试项目: yellow card on the delivery of eia'],
      ['coordinator', '测试项目: red card on the delivery of eia'],
    ]);
  });

  test('the coordinator delivers with the way; the enterprise is told; a delivered decision keeps the card it had and is not offered again', () => {
    const e = approvedAndIssued();
    notified(e);
    run(e, actors.coordinator, { type: 'deliverResult', itemId: 'eia', way: 'electronic', note: '电子证照已推送' }, at('2026-03-05'));
    expect(notified(e)).toEqual([['enterprise', '环境影响评价审批: licence delivered (电子送达)']]);
    expect(delivery(e, at('2026-04-30'))).toMatchObject({
      status: 'delivered',
      card: 'green',
      delivery: { way: 'electronic', note: '电子证照已推送', by: actors.coordinator.userId, at: at('2026-03-05') },
    });
    expect(refusal(e, actors.coordinator, { type: 'deliverResult', itemId: 'eia', way: 'mailed' }, at('2026-03-05')).path).toBe('itemId');
    expect(refusal(e, actors.planning, { type: 'deliverResult', itemId: 'land-planning', way: 'mailed' }, at('2026-03-05')).code).toBe('FORBIDDEN_ROLE');
  });

  test('results issued with a way of delivery hand every licence of the stage over in the same act; the enterprise is told for each', () => {
    const e = inReview();
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03'));
    run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'));
    notified(e);
    run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation', deliver: 'electronic' }, at('2026-03-04'));
    for (const itemId of ['land-planning', 'eia']) {
      expect(delivery(e, at('2026-03-04'), itemId)).toMatchObject({ status: 'delivered', delivery: { way: 'electronic', at: at('2026-03-04') } });
    }
    expect(notified(e).filter(([, m]) => String(m).includes('licence delivered (电子送达)'))).toHaveLength(2);
    expect(allowedActions(e, actors.coordinator, at('2026-03-04')).filter((a) => a.type === 'deliverResult')).toEqual([]);
  });

  test('a refusal (不予许可) is due 10 working days after the department refuses; an undecided item has nothing to deliver', () => {
    const e = inReview();
    run(e, actors.environment, { type: 'rejectReview', itemId: 'eia', reason: '不符合规划' }, at('2026-03-03'));
    expect(projectView(e, at('2026-03-03')).deliveries).toEqual([
      expect.objectContaining({ itemId: 'eia', outcome: 'refused', dueAt: '2026-03-17T24:00:00+08:00' }),
    ]);
    expect(refusal(e, actors.coordinator, { type: 'deliverResult', itemId: 'land-planning', way: 'mailed' }, at('2026-03-03')).message).toMatch(
      /no decision of land-planning/,
    );
  });

  test('projects under rules 2 open no delivery clock', () => {
    const e = inReview(ALL_PREP, at('2026-03-02'), 2);
    run(e, actors.environment, { type: 'rejectReview', itemId: 'eia', reason: '不符合规划' }, at('2026-03-03'));
    expect(projectView(e, at('2026-03-03')).deliveries).toBeUndefined();
  });
});
