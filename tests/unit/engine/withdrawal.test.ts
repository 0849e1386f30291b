/** Withdrawal (撤回): the enterprise ends its project; open work is cancelled (commands/withdrawal). */
import { actors, at, inReview, newProject, notified, refusal, run } from './engine-fixture';

test('withdrawn during review: the stage ends, reviews and commitments are cancelled, the coordinator told why', () => {
  const e = inReview(['site-plan', 'eia-report']);
  notified(e);
  run(e, actors.enterprise, { type: 'withdraw', reason: '不再建设' }, at('2026-03-03'));
  expect(e.status()).toBe('withdrawn');
  expect(e.reviewStatus('eia')).toBe('cancelled');
  expect(Object.values(e.snapshot().commitments).map((c) => c.value)).toEqual(['cancelled', 'cancelled']);
  expect(e.snapshot().history.at(-1)).toMatchObject({ type: 'withdrawn', stageId: 'preparation', reason: '不再建设' });
  expect(notified(e)).toEqual([['coordinator', '测试项目: withdrawn by the enterprise: 不再建设']]);
});

test("only the project's enterprise withdraws, and only while it runs", () => {
  const e = newProject();
  expect(refusal(e, actors.otherEnterprise, { type: 'withdraw', reason: 'x' }, at('2026-03-02')).code).toBe('FORBIDDEN_ROLE');
  run(e, actors.enterprise, { type: 'withdraw', reason: '不再建设' }, at('2026-03-02'));
  expect(refusal(e, actors.enterprise, { type: 'withdraw', reason: '再撤' }, at('2026-03-02'))).toEqual({
    message: 'the project can no longer be withdrawn (stage preparation is withdrawn)',
    code: 'NOT_ALLOWED_NOW',
    path: 'stageId',
  });
});
