/** Tolerance commitments (容缺承诺): supplied, accepted or refused, and what expiry does (commands/commitment, time). */
import { actors, at, inReview, notified, recordedAfter, refusal, run } from './engine-fixture';

const owing = () => inReview(['site-plan', 'eia-report']);
const commitment = (e: ReturnType<typeof owing>, key: string) => e.snapshot().commitments[key]!.value;

test('supplied (the department told), accepted: the commitment is fulfilled', () => {
  const e = owing();
  notified(e);
  run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-03'));
  expect(commitment(e, 'land-planning/bank-letter')).toBe('supplied');
  expect(notified(e)).toEqual([['department', 'land-planning: tolerated material bank-letter supplied, please check it']]);
  const seq = e.snapshot().seq;
  run(e, actors.planning, { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-03'));
  expect(commitment(e, 'land-planning/bank-letter')).toBe('fulfilled');
  expect(recordedAfter(e, seq)).toEqual([['materialAccepted', 'tolerated material bank-letter accepted: commitment fulfilled']]);
});

test('a refused supply is owed again, with the reason told to the enterprise', () => {
  const e = owing();
  run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'eia', materialId: 'public-notice-proof' }, at('2026-03-03'));
  notified(e);
  run(e, actors.environment, { type: 'rejectSuppliedMaterial', itemId: 'eia', materialId: 'public-notice-proof', reason: '缺公章' }, at('2026-03-03'));
  expect(commitment(e, 'eia/public-notice-proof')).toBe('open');
  expect(notified(e)).toEqual([['enterprise', 'eia: supplied material public-notice-proof refused: 缺公章']]);
});

test('refusals: nothing owed, nothing waiting for acceptance, another department', () => {
  const e = owing();
  expect(refusal(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'eia', materialId: 'eia-report' }, at('2026-03-03'))).toEqual({
    message: 'materialId: no tolerance commitment for eia-report on eia',
    code: 'UNKNOWN_ITEM',
    path: 'materialId',
  });
  expect(refusal(e, actors.planning, { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-03'))).toEqual({
    message: 'no supplied material waits for acceptance (commitment land-planning/bank-letter is open)',
    code: 'NOT_ALLOWED_NOW',
    path: 'materialId',
  });
  expect(refusal(e, actors.environment, { type: 'acceptSuppliedMaterial', itemId: 'land-planning', materialId: 'bank-letter' }, at('2026-03-03')).code).toBe(
    'FORBIDDEN_ROLE',
  );
});

test('expired: the approval it suspends is refused until a late supply is accepted', () => {
  const e = owing();
  e.advanceTime(at('2026-03-20'));
  expect(commitment(e, 'eia/public-notice-proof')).toBe('expired');
  expect(refusal(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-20'))).toEqual({
    message: 'approval suspended: tolerated material public-notice-proof was not supplied in time',
    code: 'COMMITMENT_OVERDUE',
    path: 'type',
  });
  run(e, actors.enterprise, { type: 'supplyMaterial', itemId: 'eia', materialId: 'public-notice-proof' }, at('2026-03-20'));
  run(e, actors.environment, { type: 'acceptSuppliedMaterial', itemId: 'eia', materialId: 'public-notice-proof' }, at('2026-03-20'));
  run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-20'));
  expect(e.reviewStatus('eia')).toBe('approved');
});
