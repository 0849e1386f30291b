/**
 * Approval on a written promise (告知承诺制, 国办发〔2020〕42号) on the engine: the enterprise
 * signs, the department approves on it, the post-check is due on the official calendar and
 * overdue with a red card; a false promise revokes the approval (the item is under correction
 * again, the stage cannot issue its results), orders a correction and writes a credit record.
 * Refusals: an item not eligible, the wrong conditions, the wrong role.
 */
import { actionsByAudience, allowedActions, projectView } from '../../../workflows/engine/view';
import { tasksOf } from '../../../workflows/read-model/tasks';
import { whoHoldsIt } from '../../../workflows/holders/holders';
import { ProjectEngine } from '../../../workflows/engine/project-engine';
import type { TActor } from '../../../workflows/model/actor';
import type { TCommand } from '../../../workflows/model/commands';
import { actors, PROMISED_CONDITIONS, promiseSpec } from '../../fixtures/promise-spec';
import { ALL_PREP, ENTERPRISE } from '../../fixtures/small-spec';
import { at, calendar, notified, recordedAfter, refusal } from './engine-fixture';

const item = 'energy-review';
const run = (e: ProjectEngine, actor: TActor, command: TCommand, now: string) => {
  e.advanceTime(now);
  e.apply(actor, command, now);
};
const sign: TCommand = { type: 'signPromise', itemId: item, conditions: PROMISED_CONDITIONS };

/** Preparation accepted on Monday 2 March 2026: the energy review runs. */
function running(): ProjectEngine {
  const now = at('2026-03-02');
  const e = ProjectEngine.create(
    {
      projectId: 'p-promise',
      title: '承诺项目',
      enterpriseId: ENTERPRISE,
      attributes: {},
      spec: promiseSpec,
      calendar,
      registeredAt: now,
      registeredBy: actors.coordinator,
    },
    now,
  );
  run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials: ALL_PREP }, now);
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, now);
  return e;
}
/** Signed on Tuesday 3 March, approved on the promise on Wednesday 4 March. */
function approvedOnPromise(): ProjectEngine {
  const e = running();
  run(e, actors.enterprise, sign, at('2026-03-03'));
  run(e, actors.energy, { type: 'approveOnPromise', itemId: item }, at('2026-03-04'));
  return e;
}
const types = (e: ProjectEngine, actor: TActor) => allowedActions(e, actor).map((a) => `${a.type}${a.itemId ? ` ${a.itemId}` : ''}`);

test('the enterprise signs the 承诺书 (recorded with who, when and the conditions); only then does the department approve on it', () => {
  const e = running();
  expect(types(e, actors.enterprise)).toContain(`signPromise ${item}`);
  expect(types(e, actors.energy)).not.toContain(`approveOnPromise ${item}`);
  const seq = e.snapshot().seq;
  notified(e);
  run(e, actors.enterprise, sign, at('2026-03-03'));
  const entry = e.snapshot().history.find((h) => h.type === 'promiseSigned')!;
  expect(entry).toMatchObject({ at: at('2026-03-03'), actor: { userId: 'ent-user', role: 'enterprise' }, itemId: item });
  expect(recordedAfter(e, seq)).toEqual([['promiseSigned', `承诺书 signed: the enterprise promises ${PROMISED_CONDITIONS.join('; ')}`]]);
  expect(notified(e)).toEqual([['department', `${item}: the enterprise signed a written promise (告知承诺); you may approve on it`]]);
  expect(types(e, actors.enterprise)).not.toContain(`signPromise ${item}`);
  expect(types(e, actors.energy)).toContain(`approveOnPromise ${item}`);
  // Offered to the item's department only.
  for (const who of [actors.planning, actors.coordinator, actors.enterprise]) expect(types(e, who)).not.toContain(`approveOnPromise ${item}`);
});

test('approved on the promise: the review is approved and the post-check is due 5 working days later on the official calendar', () => {
  const e = running();
  run(e, actors.enterprise, sign, at('2026-03-03'));
  const seq = e.snapshot().seq;
  run(e, actors.energy, { type: 'approveOnPromise', itemId: item }, at('2026-03-04'));
  expect(e.reviewStatus(item)).toBe('approved');
  // Wed 4 March + 5 working days = Wed 11 March, to 24:00 (民法典 art. 201, 203).
  const due = '2026-03-11T24:00:00+08:00';
  expect(recordedAfter(e, seq)[0]).toEqual([
    'approvedOnPromise',
    `approved on the enterprise's written promise (告知承诺); post-check due ${e.snapshot().promises![item]!.context.checkDueAt}`,
  ]);
  expect(Date.parse(e.snapshot().promises![item]!.context.checkDueAt!)).toBe(Date.parse(due));
  expect(projectView(e, at('2026-03-04')).promises).toEqual([expect.objectContaining({ itemId: item, status: 'pendingCheck', card: 'green' })]);
  expect(types(e, actors.energy)).toEqual(expect.arrayContaining([`verifyPromise ${item}`, `findPromiseFalse ${item}`]));
});

test('approved on the promise: the 告知承诺书 and the 告知承诺审批告知书 are issued, each with the conditions and the check date', () => {
  const e = running();
  run(e, actors.enterprise, sign, at('2026-03-03'));
  e.drainEffects();
  run(e, actors.energy, { type: 'approveOnPromise', itemId: item }, at('2026-03-04'));
  const documents = e.drainEffects().flatMap((x) => (x.kind === 'document' ? [x.document] : []));
  expect(documents.map((d) => d.kind)).toEqual(['promiseLetter', 'promiseNotice']);
  for (const d of documents) expect(d).toMatchObject({ item: { id: item }, conditions: PROMISED_CONDITIONS, checkBy: '2026-03-11' });
});

test('the post-check not done by its due instant: overdue with a red card, recorded and told; the project stays open meanwhile', () => {
  const e = approvedOnPromise();
  expect(Date.parse(e.nextWakeAt(at('2026-03-10'))!)).toBeLessThanOrEqual(Date.parse('2026-03-11T24:00:00+08:00'));
  notified(e);
  e.advanceTime(at('2026-03-12'));
  expect(e.snapshot().promises![item]!.value).toBe('overdue');
  const entry = e.snapshot().history.find((h) => h.type === 'postCheckOverdue')!;
  expect(entry.summary).toMatch(/^red card: the post-check of the written promise was due /);
  expect(notified(e)).toEqual(expect.arrayContaining([['department', `${item}: red card, the post-check of the written promise is overdue`]]));
  const view = projectView(e, at('2026-03-12'));
  expect(view.promises![0]).toMatchObject({ status: 'overdue', card: 'red' });
  expect(view.worstCard).toBe('red');
  run(e, actors.energy, { type: 'verifyPromise', itemId: item, note: '现场核查相符' }, at('2026-03-12'));
  expect(e.snapshot().promises![item]!.value).toBe('verified');
});

test('post-check false: the approval is revoked (the item back in correction), a correction order, a credit record; the stage cannot issue until decided again', () => {
  const e = approvedOnPromise();
  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-05'));
  run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-05'));
  expect(e.stageStatus('preparation')).toBe('readyToIssue');
  drain(e);
  const seq = e.snapshot().seq;
  run(e, actors.energy, { type: 'findPromiseFalse', itemId: item, reason: '实际年能耗 3200 吨标准煤, 超出承诺' }, at('2026-03-06'));
  expect(e.reviewStatus(item)).toBe('correction');
  expect(e.stageStatus('preparation')).toBe('inReview');
  const entries = e.snapshot().history.filter((h) => h.seq > seq && h.itemId === item);
  expect(entries.map((h) => h.type)).toEqual(['approvalRevoked', 'correctionOrdered', 'creditRecorded']);
  for (const h of entries)
    expect(h).toMatchObject({ actor: { userId: 'en1', role: 'department' }, at: at('2026-03-06'), reason: '实际年能耗 3200 吨标准煤, 超出承诺' });
  const effects = e.drainEffects();
  expect(effects.filter((x) => x.kind === 'creditRecord')).toEqual([
    {
      kind: 'creditRecord',
      key: expect.stringMatching(/^p-promise:credit:energy-review:\d+$/),
      record: { enterpriseId: ENTERPRISE, projectId: 'p-promise', itemId: item, reason: '实际年能耗 3200 吨标准煤, 超出承诺', at: at('2026-03-06') },
    },
  ]);
  expect(refusal(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-06')).code).toBe('NOT_ALLOWED_NOW');
  // 责令整改: the enterprise answers, the department decides again on full materials, the stage can issue.
  expect(types(e, actors.enterprise)).toContain(`answerCorrection ${item}`);
  expect(types(e, actors.enterprise)).not.toContain(`signPromise ${item}`);
  run(e, actors.enterprise, { type: 'answerCorrection', itemId: item, note: '已整改' }, at('2026-03-09'));
  run(e, actors.energy, { type: 'approveReview', itemId: item }, at('2026-03-10'));
  expect(e.stageStatus('preparation')).toBe('readyToIssue');
});

test('a promise found false after the results went out: the result is marked revoked, and issued anew once the item is approved again', () => {
  const e = approvedOnPromise();
  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-05'));
  run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-05'));
  run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-05'));
  run(e, actors.energy, { type: 'findPromiseFalse', itemId: item, reason: '设备为淘汰型号' }, at('2026-03-06'));
  expect(e.snapshot().results.find((r) => r.resultId === 'energy-opinion')).toMatchObject({ revokedAt: at('2026-03-06') });
  expect(e.status()).toBe('active');
  run(e, actors.enterprise, { type: 'answerCorrection', itemId: item }, at('2026-03-09'));
  run(e, actors.energy, { type: 'approveReview', itemId: item }, at('2026-03-10'));
  const energy = e.snapshot().results.filter((r) => r.resultId === 'energy-opinion');
  expect(energy.map((r) => [r.issuedAt, r.revokedAt ?? null])).toEqual([
    [at('2026-03-05'), at('2026-03-06')],
    [at('2026-03-10'), null],
  ]);
  expect(e.snapshot().history.at(-1)).toMatchObject({ type: 'resultsReissued' });
});

test('approved on materials instead: the signed promise is set aside and no post-check follows', () => {
  const e = running();
  run(e, actors.enterprise, sign, at('2026-03-03'));
  run(e, actors.energy, { type: 'approveReview', itemId: item }, at('2026-03-04'));
  expect(e.snapshot().promises![item]!.value).toBe('cancelled');
  expect(e.snapshot().history.at(-1)).toMatchObject({ type: 'promiseSetAside' });
});

test('refusals: an item not promise-eligible, other conditions, before the review runs, twice, the wrong role', () => {
  const e = running();
  expect(refusal(e, actors.enterprise, { type: 'signPromise', itemId: 'eia', conditions: PROMISED_CONDITIONS }, at('2026-03-03'))).toEqual({
    message: "itemId: eia is not decided on a written promise (告知承诺) in this project's definition",
    code: 'INVALID_FIELD',
    path: 'itemId',
  });
  expect(refusal(e, actors.enterprise, { type: 'signPromise', itemId: item, conditions: ['能耗大致符合'] }, at('2026-03-03'))).toMatchObject({
    code: 'INVALID_FIELD',
    path: 'conditions',
  });
  expect(refusal(e, actors.otherEnterprise, sign, at('2026-03-03'))).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  expect(refusal(e, actors.coordinator, sign, at('2026-03-03'))).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  expect(refusal(e, actors.energy, { type: 'approveOnPromise', itemId: item }, at('2026-03-03'))).toEqual({
    message: `itemId: no written promise is signed for ${item}`,
    code: 'NOT_ALLOWED_NOW',
    path: 'itemId',
  });
  run(e, actors.enterprise, sign, at('2026-03-03'));
  expect(refusal(e, actors.enterprise, sign, at('2026-03-03'))).toMatchObject({
    code: 'NOT_ALLOWED_NOW',
    message: `a promise for ${item} is already signed (signed)`,
  });
  expect(refusal(e, actors.planning, { type: 'approveOnPromise', itemId: item }, at('2026-03-03'))).toMatchObject({ code: 'FORBIDDEN_ROLE', path: 'itemId' });
  expect(refusal(e, actors.enterprise, { type: 'approveOnPromise', itemId: item }, at('2026-03-03'))).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  expect(refusal(e, actors.energy, { type: 'verifyPromise', itemId: item }, at('2026-03-03'))).toMatchObject({ code: 'NOT_ALLOWED_NOW' });
});

test("inboxes: signing is the enterprise's choice, never a task; the post-check is the department's task, due on its own date with its own card", () => {
  const tasks = (e: ProjectEngine, audience: string, now: string) => {
    const view = projectView(e, now);
    return tasksOf(audience, view, actionsByAudience(e, now).get(audience) ?? []);
  };
  const e = running();
  expect(tasks(e, `enterprise:${ENTERPRISE}`, at('2026-03-03')).filter((t) => t.itemId === item)).toEqual([]);
  run(e, actors.enterprise, sign, at('2026-03-03'));
  run(e, actors.energy, { type: 'approveOnPromise', itemId: item }, at('2026-03-04'));
  const due = e.snapshot().promises![item]!.context.checkDueAt;
  expect(tasks(e, 'department:energy', at('2026-03-04'))).toEqual([
    expect.objectContaining({ kind: 'verifyPromise', itemId: item, status: 'pendingCheck', dueAt: due, card: 'green' }),
  ]);
  e.advanceTime(at('2026-03-12'));
  expect(tasks(e, 'department:energy', at('2026-03-12'))).toEqual([expect.objectContaining({ kind: 'verifyPromise', status: 'overdue', card: 'red' })]);
});

function drain(e: ProjectEngine): void {
  e.drainEffects();
}

describe('the post-check warns before it is due (patch legal)', () => {
  // Approved Wed 4 March, due Wed 11 March 24:00: 3 working days are left from Mon 9 March, so the clock's yellow rule
  // warns from the end of the working day before it (Fri 6 March, 24:00), as a review's card does.
  const yellowFrom = '2026-03-06T24:00:00+08:00';
  const sentence = (e: ProjectEngine, now: string) =>
    whoHoldsIt(projectView(e, now), { departments: {}, items: {}, stages: {} }, e.workingCalendar, now).find((h) => h.thread === 'post-check')!.sentence;

  test('a yellow card 3 working days before the due day: the timer wakes for it, it is recorded at that instant and told once', () => {
    const e = approvedOnPromise();
    notified(e);
    e.advanceTime(at('2026-03-06'));
    expect(e.nextWakeAt(at('2026-03-06'))).toBe(yellowFrom);
    e.advanceTime(at('2026-03-06', '23:59'));
    expect(projectView(e, at('2026-03-06', '23:59')).promises![0]!.card).toBe('green');
    const seq = e.snapshot().seq;
    e.advanceTime(yellowFrom);
    expect(recordedAfter(e, seq)).toEqual([['postCheckYellowCard', 'yellow card: the post-check of the written promise is due 2026-03-11T24:00:00+08:00']]);
    expect(e.snapshot().history.at(-1)).toMatchObject({ at: yellowFrom, itemId: item });
    expect(notified(e).filter(([, m]) => m!.includes('post-check'))).toEqual([
      ['coordinator', '承诺项目: yellow card, post-check of energy-review due 2026-03-11T24:00:00+08:00 (energy)'],
      ['department', `${item}: yellow card, the post-check of the written promise is due 2026-03-11T24:00:00+08:00`],
    ]);
    // Once: a later wake tells nothing again.
    e.advanceTime(at('2026-03-10'));
    expect(notified(e).filter(([, m]) => m!.includes('post-check'))).toEqual([]);
  });

  test('the view, the inbox task, the worst card and the holders sentence show the warning; red replaces it when overdue, green once checked', () => {
    const e = approvedOnPromise();
    expect(sentence(e, at('2026-03-06')).en).not.toMatch(/card/);
    e.advanceTime(at('2026-03-09'));
    const view = projectView(e, at('2026-03-09'));
    expect(view.promises![0]).toMatchObject({ status: 'pendingCheck', card: 'yellow' });
    expect(view.worstCard).toBe('yellow');
    expect(tasksOf('department:energy', view, actionsByAudience(e, at('2026-03-09')).get('department:energy') ?? [])).toEqual([
      expect.objectContaining({ kind: 'verifyPromise', card: 'yellow' }),
    ]);
    expect(sentence(e, at('2026-03-09'))).toEqual({
      zh: expect.stringContaining('（黄牌预警：核查即将到期）'),
      en: expect.stringContaining('(yellow card: the check is nearly due)'),
    });
    e.advanceTime(at('2026-03-12'));
    expect(projectView(e, at('2026-03-12')).promises![0]!.card).toBe('red');
    expect(sentence(e, at('2026-03-12')).zh).toContain('（红牌：核查已逾期）');
    run(e, actors.energy, { type: 'verifyPromise', itemId: item }, at('2026-03-12'));
    expect(projectView(e, at('2026-03-12')).promises![0]!.card).toBe('green');
  });

  test('checked before the warning: no yellow card and no timer for it', () => {
    const e = approvedOnPromise();
    run(e, actors.energy, { type: 'verifyPromise', itemId: item }, at('2026-03-05'));
    e.advanceTime(at('2026-03-06', '23:59'));
    expect(e.nextWakeAt(at('2026-03-06', '23:59'))).not.toBe(yellowFrom);
    e.advanceTime(at('2026-03-10'));
    expect(e.snapshot().history.map((h) => h.type)).not.toContain('postCheckYellowCard');
  });

  test('a project running from before patch legal keeps its timers: no warning, only the red card at the due instant', () => {
    const e = approvedOnPromise();
    e.warnsPostCheck = false;
    e.advanceTime(at('2026-03-06', '23:59'));
    expect(e.nextWakeAt(at('2026-03-06', '23:59'))).not.toBe(yellowFrom);
    // A fork (the update validator's copy) judges as the engine it came from.
    const probe = e.tryApply(actors.energy, { type: 'verifyPromise', itemId: item }, at('2026-03-10'));
    expect(probe.snapshot().history.map((h) => h.type)).not.toContain('postCheckYellowCard');
    e.advanceTime(at('2026-03-10'));
    expect(projectView(e, at('2026-03-10')).promises![0]!.card).toBe('green');
    e.advanceTime(at('2026-03-12'));
    expect(
      e
        .snapshot()
        .history.filter((h) => h.itemId === item && /Card|Overdue/.test(h.type))
        .map((h) => h.type),
    ).toEqual(['postCheckOverdue']);
  });
});
