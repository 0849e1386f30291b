/**
 * The Zhanjiang card ladder on the engine: reminders (催办) and a warning before the promised
 * due date, a yellow card once overdue, a 督办 with its deadline and a red card when it runs
 * out, violation cards given by hand; each in the history, told to the department, and in the
 * view. A project without a ladder (the small spec, like Wuhan) takes a 督办 without any card
 * from it, and no violation card.
 */
import { readItemLadder } from '../../../workflows/engine/card-ladder';
import { allowedActions } from '../../../workflows/engine/allowed-actions';
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView } from '../../../workflows/engine/view';
import { ladderSpec } from '../../fixtures/ladder-spec';
import { actors, ALL_PREP, at, inReview, notified, recordedAfter, refusal, run } from './engine-fixture';

/** Preparation accepted Mon 2 March 10:00; land-planning: promised 10 (due Mon 16 March), legal 20. */
function zhanjiangProject(): ProjectEngine {
  const e = inReview(ALL_PREP, at('2026-03-02'), undefined, ladderSpec);
  notified(e);
  return e;
}
/** The instant the workflow's timer must wake for land-planning's ladder (the project's timer takes the earliest of all). */
const landWake = (e: ProjectEngine, now: string) => readItemLadder(e, 'land-planning', now)!.nextChangeAt;
const landCard = (e: ProjectEngine, now: string) => projectView(e, now).reviews.find((r) => r.itemId === 'land-planning')!.clock!.card;

describe('the Zhanjiang ladder on a running review', () => {
  test('a reminder 5 days before, a warning 3 days before, another reminder 1 day before, then yellow once overdue', () => {
    const e = zhanjiangProject();
    const seq = e.snapshot().seq;
    expect(landWake(e, at('2026-03-02', '11:00'))).toBe('2026-03-09T24:00:00+08:00');
    e.advanceTime(at('2026-03-10', '08:00'));
    expect(landWake(e, at('2026-03-10', '08:00'))).toBe('2026-03-11T24:00:00+08:00');
    e.advanceTime(at('2026-03-12', '08:00'));
    expect(landCard(e, at('2026-03-12', '08:00'))).toBe('warning');
    e.advanceTime(at('2026-03-17', '08:00'));
    expect(landCard(e, at('2026-03-17', '08:00'))).toBe('yellow');
    const land = recordedAfter(e, seq).filter((_, i) => e.snapshot().history.filter((h) => h.seq > seq)[i]!.itemId === 'land-planning');
    expect(land).toEqual([
      ['reminder', 'reminder (催办): 5 working days left of the promised limit'],
      ['warningCard', 'warning (预警) on the card ladder'],
      ['reminder', 'reminder (催办): 1 working days left of the promised limit'],
      ['yellowCard', 'yellow card (黄牌) on the card ladder'],
    ]);
    const at3 = e.snapshot().history.find((h) => h.type === 'warningCard' && h.itemId === 'land-planning')!.at;
    expect(at3).toBe('2026-03-11T24:00:00+08:00');
    // Without a 督办 nothing more comes for this review.
    expect(notified(e)).toContainEqual(['department', 'land-planning: yellow card (黄牌)']);
  });

  test('a 督办 sets a deadline in working days; still not done when it runs out: red, and the order stays open until the decision', () => {
    const e = zhanjiangProject();
    e.advanceTime(at('2026-03-17', '08:00'));
    notified(e);
    const seq = e.snapshot().seq;
    run(e, actors.coordinator, { type: 'issueSupervisionOrder', itemId: 'land-planning', days: 2, reason: '逾期未办结' }, at('2026-03-17'));
    expect(recordedAfter(e, seq)).toEqual([['supervisionOrderIssued', '督办: finish within 2 working days, by 2026-03-19T24:00:00+08:00']]);
    expect(notified(e)).toEqual([['department', '测试项目: 督办 on land-planning, finish by 2026-03-19T24:00:00+08:00: 逾期未办结']]);
    expect(landWake(e, at('2026-03-17', '11:00'))).toBe('2026-03-19T24:00:00+08:00');
    e.advanceTime(at('2026-03-19', '23:00'));
    expect(landCard(e, at('2026-03-19', '23:00'))).toBe('yellow');
    e.advanceTime(at('2026-03-20', '08:00'));
    expect(landCard(e, at('2026-03-20', '08:00'))).toBe('red');
    expect(e.snapshot().history.at(-1)).toMatchObject({ type: 'redCard', at: '2026-03-19T24:00:00+08:00', itemId: 'land-planning' });
    expect(projectView(e, at('2026-03-20')).supervisionOrders).toEqual([
      expect.objectContaining({ itemId: 'land-planning', departmentId: 'planning', deadlineAt: '2026-03-19T24:00:00+08:00', open: true }),
    ]);
    run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-20'));
    expect(projectView(e, at('2026-03-20')).supervisionOrders![0]!.open).toBe(false);
    expect(refusal(e, actors.coordinator, { type: 'issueSupervisionOrder', itemId: 'land-planning', days: 2, reason: '再督办' }, at('2026-03-20'))).toEqual({
      message: 'itemId: the review of land-planning is not running',
      code: 'NOT_ALLOWED_NOW',
      path: 'itemId',
    });
  });

  test('a violation card with its reason, also on a decided review; only a coordinator gives one', () => {
    const e = zhanjiangProject();
    run(e, actors.planning, { type: 'rejectReview', itemId: 'land-planning', reason: '不符合' }, at('2026-03-03'));
    const seq = e.snapshot().seq;
    const card = {
      type: 'giveViolationCard',
      itemId: 'land-planning',
      level: 'red',
      violation: 'refusal-without-reasons',
      reason: '驳回未说明法律依据',
    } as const;
    expect(refusal(e, actors.planning, card, at('2026-03-04')).code).toBe('FORBIDDEN_ROLE');
    run(e, actors.coordinator, card, at('2026-03-04'));
    expect(recordedAfter(e, seq)).toEqual([['violationCard', 'red card for a violation: 不予许可未说明理由']]);
    expect(projectView(e, at('2026-03-04')).violationCards).toEqual([
      {
        itemId: 'land-planning',
        departmentId: 'planning',
        level: 'red',
        violation: 'refusal-without-reasons',
        reason: '驳回未说明法律依据',
        at: at('2026-03-04'),
        by: actors.coordinator.userId,
      },
    ]);
  });

  test('the coordinator is offered a 督办 and a violation card on each running review', () => {
    const e = zhanjiangProject();
    const offered = allowedActions(e, actors.coordinator)
      .filter((a) => a.itemId === 'land-planning')
      .map((a) => a.type);
    expect(offered).toEqual(expect.arrayContaining(['issueSupervisionOrder', 'giveViolationCard']));
    expect(allowedActions(e, actors.planning).map((a) => a.type)).not.toContain('issueSupervisionOrder');
  });
});

describe('a project without a ladder', () => {
  test('takes a 督办 (in history, told to the department, in the view) but changes no card: yellow/red stay by the clock', () => {
    const e = inReview();
    expect(allowedActions(e, actors.coordinator).map((a) => a.type)).toContain('issueSupervisionOrder');
    expect(allowedActions(e, actors.planning).map((a) => a.type)).not.toContain('issueSupervisionOrder');
    notified(e);
    const seq = e.snapshot().seq;
    run(e, actors.coordinator, { type: 'issueSupervisionOrder', itemId: 'land-planning', days: 2, reason: '督办' }, at('2026-03-03'));
    expect(recordedAfter(e, seq)).toEqual([['supervisionOrderIssued', '督办: finish within 2 working days, by 2026-03-05T24:00:00+08:00']]);
    expect(notified(e)).toEqual([['department', '测试项目: 督办 on land-planning, finish by 2026-03-05T24:00:00+08:00: 督办']]);
    // Past the 督办 deadline: no ladder, so no red card from it; the clock's own rule gives yellow at 12 March.
    e.advanceTime(at('2026-03-06', '08:00'));
    expect(landCard(e, at('2026-03-06', '08:00'))).toBe('green');
    e.advanceTime(at('2026-03-12', '08:00'));
    expect(landCard(e, at('2026-03-12', '08:00'))).toBe('yellow');
    const landTypes = e
      .snapshot()
      .history.filter((h) => h.itemId === 'land-planning')
      .map((h) => h.type);
    expect(landTypes.filter((t) => ['reminder', 'warningCard', 'redCard'].includes(t))).toEqual([]);
    expect(projectView(e, at('2026-03-12')).supervisionOrders).toEqual([
      expect.objectContaining({ itemId: 'land-planning', deadlineAt: '2026-03-05T24:00:00+08:00', open: true }),
    ]);
  });

  test('neither offers nor takes a violation card', () => {
    const e = inReview();
    expect(allowedActions(e, actors.coordinator).map((a) => a.type)).not.toContain('giveViolationCard');
    expect(
      refusal(
        e,
        actors.coordinator,
        { type: 'giveViolationCard', itemId: 'land-planning', level: 'yellow', violation: 'other', reason: '未一次告知' },
        at('2026-03-03'),
      ),
    ).toEqual({
      message: "itemId: land-planning has no card ladder in this project's definition; violation cards come with one",
      code: 'NOT_ALLOWED_NOW',
      path: 'itemId',
    });
  });
});
