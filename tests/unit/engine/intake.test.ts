/** Intake (受理): the application, and the coordinator's accept, accept with tolerance, or return (commands/intake). */
import { actors, ALL_PREP, at, inReview, newProject, notified, recordedAfter, refusal, run, submitted } from './engine-fixture';

const prep = { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP } as const;

describe('submitApplication', () => {
  test('a complete application goes to intake with its due instant; the coordinator is told', () => {
    const e = newProject();
    notified(e);
    run(e, actors.enterprise, prep, at('2026-03-02'));
    expect(e.stageStatus('preparation')).toBe('intake');
    expect(recordedAfter(e, 1)).toEqual([['submitApplication', 'application submitted, complete']]);
    expect(notified(e)).toEqual([['coordinator', expect.stringMatching(/^测试项目: 前期准备 application waiting for intake \(due 2026-03-\d\dT/)]]);
  });

  test('missing materials are listed with their kind in the history', () => {
    const e = submitted(['site-plan', 'eia-report']);
    expect(e.snapshot().history.at(-1)!.summary).toBe('application submitted, missing: bank-letter (tolerable), public-notice-proof (tolerable)');
  });

  test('a field the form does not have, a required field left empty, a material not asked for: refused naming the field', () => {
    const e = newProject();
    expect(refusal(e, actors.enterprise, { ...prep, form: { projectName: 'X', landArea: 3 } }, at('2026-03-02'))).toEqual({
      message: 'form.landArea: not a field of the 前期准备 application form (fields: projectName)',
      code: 'INVALID_FIELD',
      path: 'form.landArea',
    });
    expect(refusal(e, actors.enterprise, { ...prep, form: { projectName: '' } }, at('2026-03-02'))).toEqual({
      message: 'form: required fields missing: projectName',
      code: 'INVALID_FIELD',
      path: 'form',
    });
    expect(refusal(e, actors.enterprise, { ...prep, materials: ['site-plan', 'contract'] }, at('2026-03-02'))).toEqual({
      message: 'materials: not asked for in this stage: contract',
      code: 'INVALID_FIELD',
      path: 'materials',
    });
  });

  test('another enterprise, an unknown stage, a stage not open for applications: refused with their codes', () => {
    const e = newProject();
    expect(refusal(e, actors.otherEnterprise, prep, at('2026-03-02'))).toEqual({
      message: "submitApplication: only the project's enterprise may do this",
      code: 'FORBIDDEN_ROLE',
      path: 'type',
    });
    expect(refusal(e, actors.enterprise, { ...prep, stageId: 'nope' }, at('2026-03-02'))).toEqual({
      message: 'stageId: unknown stage "nope"',
      code: 'UNKNOWN_ITEM',
      path: 'stageId',
    });
    expect(refusal(e, actors.enterprise, { ...prep, stageId: 'construction-permit', form: {}, materials: [] }, at('2026-03-02'))).toEqual({
      message: 'the stage does not take an application now (stage construction-permit is locked)',
      code: 'NOT_ALLOWED_NOW',
      path: 'stageId',
    });
  });
});

describe('decideIntake', () => {
  test('accepted complete: the stage is in review, both reviews dispatched and the next stage’s early one (提前介入), their departments told', () => {
    const e = submitted();
    const seq = e.snapshot().seq;
    notified(e);
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'));
    expect(e.stageStatus('preparation')).toBe('inReview');
    expect(recordedAfter(e, seq).map(([type]) => type)).toEqual(['intakeAccepted', 'dispatched', 'dispatched', 'dispatched']);
    expect(e.snapshot().history.at(-1)!.summary).toBe('dispatched early as technical pre-review to fire');
    expect(notified(e).map(([audience]) => audience)).toEqual(['department', 'department', 'department']);
  });

  test('accepted with tolerance: one commitment per missing tolerable material, its due date told to the enterprise', () => {
    const e = inReview(['site-plan', 'eia-report']);
    expect(Object.keys(e.snapshot().commitments)).toEqual(['land-planning/bank-letter', 'eia/public-notice-proof']);
    expect(
      e
        .snapshot()
        .history.filter((h) => h.type === 'commitmentOpened')
        .map((h) => h.summary),
    ).toEqual([
      expect.stringMatching(/^tolerance commitment: supply bank-letter by 2026-03-/),
      expect.stringMatching(/^tolerance commitment: supply public-notice-proof by 2026-03-/),
    ]);
  });

  test('accept with something missing, tolerance with a core material missing, tolerance with nothing missing: refused with the reason', () => {
    expect(
      refusal(
        submitted(['site-plan', 'eia-report']),
        actors.coordinator,
        { type: 'decideIntake', stageId: 'preparation', decision: 'accept' },
        at('2026-03-02'),
      ),
    ).toEqual({
      message: 'materials are missing (bank-letter, public-notice-proof): accept with tolerance or return (stage preparation is intake)',
      code: 'NOT_ALLOWED_NOW',
      path: 'stageId',
    });
    expect(
      refusal(submitted(['site-plan']), actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, at('2026-03-02'))
        .message,
    ).toMatch(/^core materials are never tolerated: eia-report/);
    expect(
      refusal(submitted(), actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, at('2026-03-02')).message,
    ).toMatch(/^nothing is missing: accept without tolerance/);
    expect(
      refusal(submitted(), actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept', tolerate: [] }, at('2026-03-02')),
    ).toEqual({
      message: 'tolerate: only with acceptWithTolerance',
      code: 'INVALID_FIELD',
      path: 'tolerate',
    });
  });

  test('returned: the notice carries the complete missing list (一次告知); the enterprise can submit again', () => {
    const e = submitted(['site-plan', 'eia-report']);
    notified(e);
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'return', notice: '请补齐' }, at('2026-03-02'));
    expect(e.stageStatus('preparation')).toBe('returned');
    expect(notified(e)).toEqual([['enterprise', '前期准备: application returned — 请补齐; missing: land-planning/bank-letter, eia/public-notice-proof']]);
    expect(refusal(submitted(), actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'return' }, at('2026-03-02'))).toEqual({
      message: 'notice: say what is wrong when returning a complete application',
      code: 'INVALID_FIELD',
      path: 'notice',
    });
  });

  test('only a coordinator decides intake', () => {
    expect(refusal(submitted(), actors.planning, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02')).code).toBe(
      'FORBIDDEN_ROLE',
    );
  });
});
