/** A decision's stated signing date (signedOn): recorded in history beside the recording instant, never in the future. */
import { actors, at, inReview, refusal, run } from '../engine/engine-fixture';

describe('approveReview / rejectReview with signedOn', () => {
  test('the stated date is recorded on the history entry; without it the entry is as before', () => {
    const e = inReview();
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning', signedOn: '2026-03-02' }, at('2026-03-03'));
    run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'));
    const decisions = e.snapshot().history.filter((h) => h.type === 'approved');
    expect(decisions.map((h) => [h.itemId, h.signedOn])).toEqual([
      ['land-planning', '2026-03-02'],
      ['eia', undefined],
    ]);
    expect(Object.keys(decisions[1]!)).not.toContain('signedOn');
  });

  test('a rejection carries it too', () => {
    const e = inReview();
    run(e, actors.environment, { type: 'rejectReview', itemId: 'eia', reason: '选址不符合', signedOn: '2026-03-03' }, at('2026-03-03', '23:30'));
    expect(e.snapshot().history.find((h) => h.type === 'rejected')!.signedOn).toBe('2026-03-03');
  });

  test('a date after today (Asia/Shanghai) or before registration is refused on signedOn', () => {
    const e = inReview();
    expect(refusal(e, actors.planning, { type: 'approveReview', itemId: 'land-planning', signedOn: '2026-03-04' }, at('2026-03-03'))).toEqual({
      message: 'signedOn: 2026-03-04 is in the future (today is 2026-03-03)',
      code: 'INVALID_FIELD',
      path: 'signedOn',
    });
    expect(refusal(e, actors.planning, { type: 'approveReview', itemId: 'land-planning', signedOn: '2026-02-27' }, at('2026-03-03')).path).toBe('signedOn');
    expect(e.reviewStatus('land-planning')).toBe('inReview');
  });
});
