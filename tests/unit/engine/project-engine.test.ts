/**
 * The approval engine without Temporal: statecharts and rules driven by explicit instants.
 * Dates are on the official 2026 calendar (国办发明电〔2025〕7号).
 */
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import { WorkingCalendar } from '../../../definitions/calendar/working-calendar';
import { DecisionRefused, ProjectEngine } from '../../../workflows/engine/project-engine';
import { allowedActions, projectView } from '../../../workflows/engine/view';
import type { TCommand } from '../../../workflows/model/commands';
import type { TActor } from '../../../workflows/model/actor';
import { actors, ENTERPRISE, smallSpec } from '../../fixtures/small-spec';
import { newProject } from './engine-fixture';

const calendar = buildOfficialSnapshot();
const cal = new WorkingCalendar(calendar);
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

const ALL_PREP = ['site-plan', 'bank-letter', 'eia-report', 'public-notice-proof'];

function run(engine: ProjectEngine, actor: TActor, command: TCommand, now: string) {
  engine.advanceTime(now);
  engine.apply(actor, command, now);
}

function review(engine: ProjectEngine, itemId: string, now: string) {
  return projectView(engine, now).reviews.find((r) => r.itemId === itemId)!;
}

describe('stage intake', () => {
  test('complete application accepted → both preparation reviews dispatched in parallel', () => {
    const e = newProject();
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, at('2026-03-02'));
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'));
    expect(e.reviewStatus('land-planning')).toBe('inReview');
    expect(e.reviewStatus('eia')).toBe('inReview');
    // The promised limit of 10 working days counts from the day after dispatch (民法典 art. 201).
    expect(review(e, 'land-planning', at('2026-03-03')).clock!.promisedDueAt).toBe(cal.dueInstant('2026-03-03', 10));
  });

  test('a missing core material can never be tolerated; return lists everything missing once (一次告知)', () => {
    const e = newProject();
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ['site-plan'] }, at('2026-03-02'));
    expect(() => e.check(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, at('2026-03-02'))).toThrow(
      /core materials are never tolerated: eia-report/,
    );
    expect(() => e.check(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'))).toThrow(
      /materials are missing/,
    );
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'return' }, at('2026-03-02'));
    const stage = projectView(e, at('2026-03-02')).stages[0]!;
    expect(stage.status).toBe('returned');
    expect(stage.returnNotice).toBe('missing: land-planning/bank-letter, eia/eia-report, eia/public-notice-proof');
  });

  test('a required form field left empty is refused with its name, and nothing changes', () => {
    const e = newProject();
    expect(() => e.apply(actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: {}, materials: ALL_PREP }, at('2026-03-02'))).toThrow(
      'form: required fields missing: projectName',
    );
    expect(e.stageStatus('preparation')).toBe('awaitingApplication');
  });

  test('intake not decided within 5 working days counts as accepted, and that is recorded (art. 32)', () => {
    const e = newProject();
    // Submitted Friday 2026-04-03; Qingming 4–6 Apr (Sat–Mon) is off: 7, 8, 9, 10 and Monday 13 Apr.
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, at('2026-04-03'));
    const due = projectView(e, at('2026-04-03')).stages[0]!.intakeDueAt!;
    expect(due).toBe(cal.dueInstant('2026-04-03', 5));
    expect(cal.dateOf(new Date(Date.parse(due) - 1).toISOString())).toBe('2026-04-13');
    expect(e.nextWakeAt(at('2026-04-03'))).toBe(due);
    e.advanceTime(at('2026-04-13', '23:59'));
    expect(e.stageStatus('preparation')).toBe('intake');
    e.advanceTime(due);
    expect(e.stageStatus('preparation')).toBe('inReview');
    const view = projectView(e, due);
    expect(view.stages[0]!.acceptance).toBe('deemed');
    expect(e.raw.history.find((h) => h.type === 'intakeDeemedAccepted')).toMatchObject({ actor: { role: 'system' }, at: due });
  });
});

describe('tolerance commitments (容缺受理)', () => {
  function tolerated() {
    const e = newProject();
    run(
      e,
      actors.enterprise,
      { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ['site-plan', 'eia-report'] },
      at('2026-03-02'),
    );
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, at('2026-03-02'));
    return e;
  }

  test('the coordinator sets each supply deadline, never beyond the definition’s, and must cover every missing tolerable material', () => {
    const e = newProject();
    run(
      e,
      actors.enterprise,
      { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ['site-plan', 'eia-report'] },
      at('2026-03-02'),
    );
    const decide = (tolerate: Array<{ itemId: string; materialId: string; supplyWithinDays: number }>) =>
      e.check(actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance', tolerate }, at('2026-03-02'));
    const bank = { itemId: 'land-planning', materialId: 'bank-letter' };
    const notice = { itemId: 'eia', materialId: 'public-notice-proof' };
    expect(() =>
      decide([
        { ...bank, supplyWithinDays: 6 },
        { ...notice, supplyWithinDays: 1 },
      ]),
    ).toThrow('tolerate: bank-letter may be owed for at most 5 working days');
    expect(() => decide([{ ...bank, supplyWithinDays: 2 }])).toThrow(
      'tolerate: every missing tolerable material needs a deadline; not listed: eia/public-notice-proof',
    );
    expect(() =>
      decide([
        { ...bank, supplyWithinDays: 2 },
        { itemId: 'eia', materialId: 'eia-report', supplyWithinDays: 1 },
      ]),
    ).toThrow(/eia\/eia-report is not a missing tolerable material/);
    run(
      e,
      actors.coordinator,
      {
        type: 'decideIntake',
        stageId: 'preparation',
        decision: 'acceptWithTolerance',
        tolerate: [
          { ...bank, supplyWithinDays: 2 },
          { ...notice, supplyWithinDays: 1 },
        ],
      },
      at('2026-03-02'),
    );
    const due = Object.fromEntries(projectView(e, at('2026-03-02')).commitments.map((c) => [c.materialId, c.dueAt]));
    expect(due).toEqual({ 'bank-letter': cal.dueInstant('2026-03-02', 2), 'public-notice-proof': cal.dueInstant('2026-03-02', 1) });
  });

  test('a material that a result of the same stage will provide is never asked of the enterprise (电子证照 reuse)', () => {
    const spec = structuredClone(smallSpec);
    spec.stages[0]!.items[1]!.materials.push({ id: 'land-permit-copy', title: '建设用地规划许可证', kind: 'core', providedByResult: 'land-permit' });
    const e = ProjectEngine.create(
      {
        projectId: 'p-2',
        title: 'T',
        enterpriseId: ENTERPRISE,
        attributes: {},
        spec,
        calendar,
        registeredAt: at('2026-03-02'),
        registeredBy: actors.coordinator,
      },
      at('2026-03-02'),
    );
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, at('2026-03-02'));
    expect(projectView(e, at('2026-03-02')).stages[0]!.missing).toEqual([]);
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'));
    expect(e.reviewStatus('eia')).toBe('inReview');
  });

  test('accepted with tolerance opens one commitment per missing tolerable material, with its supply deadline', () => {
    const e = tolerated();
    const commitments = projectView(e, at('2026-03-02')).commitments;
    expect(commitments.map((c) => [c.materialId, c.status, c.dueAt])).toEqual([
      ['bank-letter', 'open', cal.dueInstant('2026-03-02', 5)],
      ['public-notice-proof', 'open', cal.dueInstant('2026-03-02', 3)],
    ]);
  });

  test('supplied and accepted in time → results issue normally', () => {
    const e = tolerated();
    run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-03'));
    run(e, actors.planning, { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-03'));
    run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'eia', materialId: 'public-notice-proof' }, at('2026-03-03'));
    run(e, actors.environment, { type: 'acceptSuppliedMaterial', itemId: 'eia', materialId: 'public-notice-proof' }, at('2026-03-03'));
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-04'));
    run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-04'));
    run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-05'));
    expect(e.stageStatus('preparation')).toBe('complete');
    expect(projectView(e, at('2026-03-05')).commitments.every((c) => c.status === 'fulfilled')).toBe(true);
  });

  test('tolerance expired → results withheld and approval suspended, coordinator alerted; a late supply lifts it', () => {
    const e = tolerated();
    const expiry = cal.dueInstant('2026-03-02', 5);
    e.drainEffects();
    e.advanceTime(expiry);
    const effects = e.drainEffects();
    expect(effects).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'notify', audience: 'coordinator', message: expect.stringContaining('bank-letter expired') })]),
    );
    // suspend-approval: the environment department cannot approve while public-notice-proof is overdue.
    expect(() => e.check(actors.environment, { type: 'approveReview', itemId: 'eia' }, expiry)).toThrow(
      /approval suspended: tolerated material public-notice-proof/,
    );
    run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'eia', materialId: 'public-notice-proof' }, expiry);
    run(e, actors.environment, { type: 'acceptSuppliedMaterial', itemId: 'eia', materialId: 'public-notice-proof' }, expiry);
    run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, expiry);
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, expiry);
    // withhold-results: bank-letter is still owed.
    expect(() => e.check(actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, expiry)).toThrow(
      /results withheld: tolerated material bank-letter/,
    );
    run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, expiry);
    run(e, actors.planning, { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, expiry);
    run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, expiry);
    expect(e.stageStatus('preparation')).toBe('complete');
  });
});

describe('reviews', () => {
  function inReview(now = at('2026-03-02'), rules?: number) {
    const e = newProject(now, rules);
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, now);
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, now);
    return e;
  }

  test('parallel reviews finish in either order; results issued together, handed to supervision, next stage opens', () => {
    for (const order of [
      ['planning', 'environment'],
      ['environment', 'planning'],
    ] as const) {
      const e = inReview();
      for (const dept of order) {
        expect(e.stageStatus('preparation')).toBe('inReview');
        run(e, actors[dept], { type: 'approveReview', itemId: dept === 'planning' ? 'land-planning' : 'eia' }, at('2026-03-04'));
      }
      expect(e.stageStatus('preparation')).toBe('readyToIssue');
      e.drainEffects();
      run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-05'));
      expect(e.stageStatus('construction-permit')).toBe('awaitingApplication');
      expect(e.drainEffects()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'handover',
            result: expect.objectContaining({ resultId: 'land-permit', supervisingDepartmentId: 'planning-supervision' }),
          }),
        ]),
      );
    }
  });

  test('early pre-review: the fire design review starts while preparation is under review (提前介入)', () => {
    const e = inReview();
    expect(e.reviewStatus('fire-design')).toBe('inReview');
    expect(review(e, 'fire-design', at('2026-03-02')).early).toBe(true);
    // The building permit waits for fire-design and for the land permit result of stage 1.
    expect(e.reviewStatus('building-permit')).toBe('pending');
  });

  test('results carried forward: stage 2 never asks again for the land permit, and a dependency holds an item back', () => {
    const e = inReview();
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-04'));
    run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-04'));
    run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-05'));
    run(
      e,
      actors.enterprise,
      { type: 'submitApplication', stageId: 'construction-permit', form: {}, materials: ['fire-drawings', 'contract'] },
      at('2026-03-06'),
    );
    expect(projectView(e, at('2026-03-06')).stages[1]!.missing).toEqual([]);
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'construction-permit', decision: 'accept' }, at('2026-03-06'));
    expect(e.reviewStatus('building-permit')).toBe('pending');
    run(e, actors.fire, { type: 'approveReview', itemId: 'fire-design' }, at('2026-03-09'));
    expect(e.reviewStatus('building-permit')).toBe('inReview');
  });

  test('a rejection ends the stage and the project, cancelling the other reviews', () => {
    const e = inReview();
    run(e, actors.environment, { type: 'rejectReview', itemId: 'eia', reason: '选址位于水源保护区' }, at('2026-03-04'));
    expect(e.stageStatus('preparation')).toBe('rejected');
    expect(e.status()).toBe('rejected');
    expect(e.reviewStatus('land-planning')).toBe('cancelled');
    expect(e.reviewStatus('fire-design')).toBe('cancelled');
  });

  test('withdrawal by the enterprise ends everything open', () => {
    const e = inReview();
    run(e, actors.enterprise, { type: 'withdraw', reason: '项目调整' }, at('2026-03-04'));
    expect(e.status()).toBe('withdrawn');
    expect(e.reviewStatus('eia')).toBe('cancelled');
    expect(() => e.check(actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-05'))).toThrow(DecisionRefused);
  });

  test('a correction pauses the clock across the Spring Festival 2026; the remaining days carry over', () => {
    // 国办发明电〔2025〕7号: 15–23 Feb off, Saturdays 14 and 28 Feb worked.
    const e = inReview(at('2026-02-10'));
    // Unpaused, the 10 promised days are 11, 12, 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat) Feb and 2 Mar.
    expect(review(e, 'land-planning', at('2026-02-10')).clock!.promisedDueAt).toBe('2026-03-02T24:00:00+08:00');
    run(e, actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['site-plan'], reason: '总平面图缺少红线' }, at('2026-02-12'));
    expect(review(e, 'land-planning', at('2026-02-20')).clock).toMatchObject({ paused: true, elapsed: 2, remaining: 8, card: 'green' });
    run(e, actors.enterprise, { type: 'answerCorrection', itemId: 'land-planning', note: '已补正' }, at('2026-02-26'));
    // 11 and 12 Feb counted; 13, 14, 24, 25, 26 Feb paused; the other 8 are 27, 28 Feb and 2–6, 9 Mar.
    const clock = review(e, 'land-planning', at('2026-02-27')).clock!;
    expect(clock).toMatchObject({ paused: false, promisedDueAt: '2026-03-09T24:00:00+08:00', elapsed: 2, remaining: 8 });
    expect(e.raw.history.map((h) => h.type)).toEqual(expect.arrayContaining(['correctionRequested', 'correctionAnswered']));
  });

  test('an extension moves the due date by working days; more than 15 in all is refused (art. 42; a coordinator alone, rules 2)', () => {
    const e = inReview(at('2026-03-02'), 2);
    const before = review(e, 'eia', at('2026-03-02')).clock!.promisedDueAt;
    run(e, actors.coordinator, { type: 'grantExtension', itemId: 'eia', days: 10, reason: '情况复杂' }, at('2026-03-03'));
    const after = review(e, 'eia', at('2026-03-03')).clock!.promisedDueAt;
    expect(after).toBe(cal.dueInstant('2026-03-02', 15 + 10));
    expect(after > before).toBe(true);
    expect(() => e.check(actors.coordinator, { type: 'grantExtension', itemId: 'eia', days: 6, reason: 'more' }, at('2026-03-04'))).toThrow(
      /at most 15 working days/,
    );
    expect(() => e.check(actors.coordinator, { type: 'grantExtension', itemId: 'no-such-item', days: 1, reason: 'x' }, at('2026-03-04'))).toThrow(
      new DecisionRefused('itemId: "no-such-item" is not an item of this project'),
    );
    expect(() => e.check(actors.enterprise, { type: 'rate', stageId: 'no-such-stage', score: 3 }, at('2026-03-04'))).toThrow(
      new DecisionRefused('stageId: unknown stage "no-such-stage"'),
    );
  });

  test('yellow then red card at the exact instants the clock announces', () => {
    // fire-design runs early (提前介入) with 5 promised days and a yellow card at 3 left: the first change.
    const e = inReview();
    const yellowAt = e.nextWakeAt(at('2026-03-02'))!;
    const clock = review(e, 'fire-design', at('2026-03-02')).clock!;
    e.advanceTime(new Date(Date.parse(yellowAt) - 1000).toISOString());
    expect(review(e, 'fire-design', yellowAt).clock!.card).toBe('yellow');
    expect(e.raw.history.some((h) => h.type === 'yellowCard')).toBe(false);
    e.advanceTime(yellowAt);
    expect(e.raw.history.filter((h) => h.type === 'yellowCard').map((h) => h.itemId)).toContain('fire-design');
    e.advanceTime(clock.promisedDueAt);
    expect(review(e, 'fire-design', clock.promisedDueAt).clock!.card).toBe('red');
    expect(e.raw.history.filter((h) => h.type === 'redCard').map((h) => h.itemId)).toContain('fire-design');
  });
});

describe('authority', () => {
  test('another enterprise, another department, or a department acting as coordinator: refused with the reason', () => {
    const e = newProject();
    expect(() =>
      e.check(actors.otherEnterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: [] }, at('2026-03-02')),
    ).toThrow("only the project's enterprise");
    run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, at('2026-03-02'));
    expect(() => e.check(actors.planning, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'))).toThrow(
      'only a coordinator',
    );
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'));
    expect(() => e.check(actors.fire, { type: 'approveReview', itemId: 'eia' }, at('2026-03-02'))).toThrow('only department environment may decide on eia');
    expect(e.reviewStatus('eia')).toBe('inReview');
  });

  test('allowed actions follow role and state', () => {
    const e = newProject();
    expect(allowedActions(e, actors.enterprise, at('2026-03-02')).map((a) => a.type)).toEqual(['submitApplication', 'setProjectCode', 'withdraw']);
    expect(allowedActions(e, actors.coordinator, at('2026-03-02'))).toEqual([]);
    run(
      e,
      actors.enterprise,
      { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ['site-plan', 'eia-report'] },
      at('2026-03-02'),
    );
    expect(allowedActions(e, actors.coordinator, at('2026-03-02'))).toEqual([
      { type: 'decideIntake', stageId: 'preparation', options: ['acceptWithTolerance', 'return'] },
      { type: 'refuseIntake', stageId: 'preparation' },
    ]);
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, at('2026-03-02'));
    expect(allowedActions(e, actors.environment, at('2026-03-02')).map((a) => a.type)).toEqual([
      'approveReview',
      'rejectReview',
      'requestCorrection',
      'startSpecialProcedure',
      'requestExtension',
    ]);
    expect(allowedActions(e, actors.enterprise, at('2026-03-02')).map((a) => `${a.type}:${a.materialId ?? ''}`)).toEqual([
      'supplyMaterial:bank-letter',
      'supplyMaterial:public-notice-proof',
      'setProjectCode:',
      'withdraw:',
    ]);
    expect(allowedActions(e, actors.planning, at('2026-03-02')).map((a) => `${a.type}:${a.itemId}`)).toEqual([
      'approveReview:land-planning',
      'rejectReview:land-planning',
      'requestCorrection:land-planning',
      'startSpecialProcedure:land-planning',
      'requestExtension:land-planning',
    ]);
  });
});
