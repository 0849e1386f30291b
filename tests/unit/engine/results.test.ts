/** Results issued together (统一出件), handed over where supervised, withheld by an expired commitment (commands/results). */
import { actors, at, inReview, notified, refusal, run } from './engine-fixture';

function approved(materials?: string[]) {
  const e = inReview(materials);
  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03'));
  run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'));
  return e;
}

test('issued: the stage is complete, results recorded, the supervised one handed over, the next stage unlocked', () => {
  const e = approved();
  e.drainEffects();
  run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-04'));
  expect(e.stageStatus('preparation')).toBe('complete');
  expect(e.stageStatus('construction-permit')).toBe('awaitingApplication');
  expect(e.snapshot().results.map((r) => r.resultId)).toEqual(['land-permit', 'eia-approval']);
  expect(e.snapshot().history.at(-1)!.summary).toBe('results issued together: land-permit, eia-approval');
  const effects = e.drainEffects();
  expect(effects.filter((x) => x.kind === 'handover').map((x) => x.key)).toEqual(['p-1:handover:land-permit']);
  expect(effects.flatMap((x) => (x.kind === 'notify' ? [x.message] : []))).toEqual([
    '前期准备: results issued',
    '开工审批: you can submit the application now',
  ]);
});

test('before every review is approved: refused', () => {
  expect(refusal(inReview(), actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-04'))).toEqual({
    message: 'results can be issued only when every review of the stage is approved (stage preparation is inReview)',
    code: 'NOT_ALLOWED_NOW',
    path: 'stageId',
  });
});

test('an expired commitment that withholds results: refused until supplied and accepted', () => {
  const e = inReview(['site-plan', 'eia-report', 'public-notice-proof']);
  e.advanceTime(at('2026-03-20'));
  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-20'));
  run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-20'));
  notified(e);
  expect(refusal(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-20'))).toEqual({
    message: 'results withheld: tolerated material bank-letter not supplied before its deadline',
    code: 'COMMITMENT_OVERDUE',
    path: 'type',
  });
  run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-20'));
  expect(refusal(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-20')).code).toBe('COMMITMENT_OVERDUE');
  run(e, actors.planning, { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-20'));
  run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-20'));
  expect(e.stageStatus('preparation')).toBe('complete');
});
