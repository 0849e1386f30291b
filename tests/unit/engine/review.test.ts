/** A department's review: approval, rejection, correction, special procedure, extension (commands/review). */
import { actors, ALL_PREP, at, inReview, notified, recordedAfter, refusal, run } from './engine-fixture';
import { MAX_EXTENSION_DAYS } from '../../../workflows/engine/project-engine';

describe('approveReview and rejectReview', () => {
  test('approved with conditions: recorded with them; the stage is ready once both are approved', () => {
    const e = inReview();
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning', conditions: '按图施工' }, at('2026-03-03'));
    expect(e.reviewStatus('land-planning')).toBe('approvedWithConditions');
    const seq = e.snapshot().seq;
    run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'));
    expect(recordedAfter(e, seq)).toEqual([
      ['approved', 'approved'],
      ['reviewsDone', 'every review approved: results ready to issue'],
    ]);
    expect(e.stageStatus('preparation')).toBe('readyToIssue');
  });

  test('a rejection ends the stage and cancels the open reviews; the enterprise is told why', () => {
    const e = inReview();
    notified(e);
    run(e, actors.environment, { type: 'rejectReview', itemId: 'eia', reason: '选址不符合' }, at('2026-03-03'));
    expect(e.stageStatus('preparation')).toBe('rejected');
    expect(e.reviewStatus('land-planning')).toBe('cancelled');
    expect(notified(e)).toEqual([['enterprise', '前期准备: rejected (环境影响评价审批): 选址不符合']]);
    expect(refusal(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-04'))).toEqual({
      message: 'this review cannot be approved now (review land-planning is cancelled)',
      code: 'NOT_ALLOWED_NOW',
      path: 'itemId',
    });
  });

  test('another department, an unknown item: refused with their codes', () => {
    const e = inReview();
    expect(refusal(e, actors.fire, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'))).toEqual({
      message: 'approveReview: only department environment may decide on eia',
      code: 'FORBIDDEN_ROLE',
      path: 'itemId',
    });
    expect(refusal(e, actors.fire, { type: 'rejectReview', itemId: 'nope', reason: 'x' }, at('2026-03-03'))).toEqual({
      message: 'itemId: "nope" is not an item of this project',
      code: 'UNKNOWN_ITEM',
      path: 'itemId',
    });
  });
});

describe('corrections and special procedures pause the clock', () => {
  test('correction requested (the enterprise told what), answered (the department told): the review runs again', () => {
    const e = inReview();
    notified(e);
    run(e, actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['site-plan'], reason: '红线不清' }, at('2026-03-03'));
    expect(e.reviewStatus('land-planning')).toBe('correction');
    expect(notified(e)).toEqual([['enterprise', '建设用地规划许可证: correction requested (site-plan): 红线不清']]);
    expect(refusal(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03')).message).toBe(
      'this review cannot be approved now (review land-planning is correction)',
    );
    run(e, actors.enterprise, { type: 'answerCorrection', itemId: 'land-planning', note: '已改' }, at('2026-03-04'));
    expect(e.reviewStatus('land-planning')).toBe('inReview');
    expect(e.snapshot().history.at(-1)!.summary).toBe('correction answered: 已改; clock resumed');
    expect(notified(e)).toEqual([['department', 'land-planning: the enterprise answered the correction']]);
  });

  test("a correction asks only for the item's own materials", () => {
    expect(
      refusal(inReview(), actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['eia-report'], reason: 'x' }, at('2026-03-03')),
    ).toEqual({
      message: 'materials: not materials of land-planning: eia-report',
      code: 'INVALID_FIELD',
      path: 'materials',
    });
  });

  test('a special procedure ends by itself when its announced days have passed', () => {
    const e = inReview();
    run(e, actors.environment, { type: 'startSpecialProcedure', itemId: 'eia', kind: 'hearing', days: 2, reason: '听证' }, at('2026-03-03'));
    expect(e.reviewStatus('eia')).toBe('specialProcedure');
    expect(e.snapshot().history.at(-1)!.summary).toMatch(/^hearing for 2 working days \(until 2026-03-05T.*\); clock paused$/);
    e.advanceTime(at('2026-03-06'));
    expect(e.reviewStatus('eia')).toBe('inReview');
    expect(
      e
        .snapshot()
        .history.filter((h) => h.itemId === 'eia')
        .map((h) => h.type),
    ).toContain('specialProcedureElapsed');
  });
});

/** A coordinator's extension on its own, as projects before extensions by authority (rules 2) still take it. */
describe('grantExtension (projects under rules 2)', () => {
  test(`at most ${MAX_EXTENSION_DAYS} working days in all (行政许可法 art. 42); the enterprise is told`, () => {
    const e = inReview(ALL_PREP, at('2026-03-02'), 2);
    notified(e);
    run(e, actors.coordinator, { type: 'grantExtension', itemId: 'eia', days: 10, reason: '复杂' }, at('2026-03-03'));
    expect(notified(e)).toEqual([['enterprise', 'eia: time limit extended by 10 working days: 复杂']]);
    expect(refusal(e, actors.coordinator, { type: 'grantExtension', itemId: 'eia', days: 6, reason: '更复杂' }, at('2026-03-03'))).toEqual({
      message: 'days: at most 15 working days of extension in all (行政许可法 art. 42); 10 already granted',
      code: 'BUDGET_EXCEEDED',
      path: 'days',
    });
    expect(refusal(e, actors.environment, { type: 'grantExtension', itemId: 'eia', days: 1, reason: 'x' }, at('2026-03-03')).code).toBe('FORBIDDEN_ROLE');
  });

  test('only a running review is extended', () => {
    const e = inReview(ALL_PREP, at('2026-03-02'), 2);
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03'));
    expect(refusal(e, actors.coordinator, { type: 'grantExtension', itemId: 'land-planning', days: 1, reason: 'x' }, at('2026-03-03')).message).toBe(
      'only a running review can be extended (review land-planning is approved)',
    );
  });
});
