/** Ratings (好差评): once a stage has ended, once per stage; a bad one is followed up (commands/ratings). */
import { actors, at, newProject, notified, refusal, run } from './engine-fixture';

test('a stage still running cannot be rated; once ended it can, once; a bad rating alerts the coordinator', () => {
  const e = newProject();
  expect(refusal(e, actors.enterprise, { type: 'rate', stageId: 'preparation', score: 2 }, at('2026-03-02'))).toEqual({
    message: 'stageId: a stage can be rated once it has ended',
    code: 'NOT_ALLOWED_NOW',
    path: 'stageId',
  });
  run(e, actors.enterprise, { type: 'withdraw', reason: '不再建设' }, at('2026-03-02'));
  notified(e);
  run(e, actors.enterprise, { type: 'rate', stageId: 'preparation', score: 2, comment: '太慢' }, at('2026-03-03'));
  expect(e.snapshot().ratings).toEqual([{ stageId: 'preparation', score: 2, comment: '太慢', at: at('2026-03-03'), by: 'ent-user' }]);
  expect(e.snapshot().history.at(-1)!.summary).toBe('rated 2/5: 太慢');
  expect(notified(e)).toEqual([['coordinator', '测试项目: bad rating (2/5) to follow up']]);
  expect(refusal(e, actors.enterprise, { type: 'rate', stageId: 'preparation', score: 5 }, at('2026-03-03')).message).toBe(
    'stageId: this stage is already rated',
  );
});

test('a good rating alerts nobody; another enterprise cannot rate; an unknown stage is named', () => {
  const e = newProject();
  run(e, actors.enterprise, { type: 'withdraw', reason: '不再建设' }, at('2026-03-02'));
  notified(e);
  run(e, actors.enterprise, { type: 'rate', stageId: 'preparation', score: 3 }, at('2026-03-03'));
  expect(notified(e)).toEqual([]);
  expect(refusal(e, actors.otherEnterprise, { type: 'rate', stageId: 'preparation', score: 3 }, at('2026-03-03')).code).toBe('FORBIDDEN_ROLE');
  expect(refusal(e, actors.enterprise, { type: 'rate', stageId: 'nope', score: 3 }, at('2026-03-03'))).toEqual({
    message: 'stageId: unknown stage "nope"',
    code: 'UNKNOWN_ITEM',
    path: 'stageId',
  });
});
