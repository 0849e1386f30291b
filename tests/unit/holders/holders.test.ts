/**
 * "Who holds it now": a sentence for every state a project's threads can be in, naming the
 * holder, the rule, the due day with working days left, and the contact; every statechart
 * state has an entry (a new one without a sentence fails here and does not compile).
 */
import { definitionRef, getDefinition } from '../../../definitions/process';
import { buildProjectInput } from '../../../client/register';
import { commitmentMachine } from '../../../workflows/machines/commitment.machine';
import { deliveryMachine } from '../../../workflows/machines/delivery.machine';
import { jointAcceptanceMachine } from '../../../workflows/machines/joint-acceptance.machine';
import { promiseMachine } from '../../../workflows/machines/promise.machine';
import { reviewMachine } from '../../../workflows/machines/review.machine';
import { stageMachine } from '../../../workflows/machines/stage.machine';
import { ProjectEngine } from '../../../workflows/engine/project-engine';
import { projectView, type TProjectView } from '../../../workflows/engine/view';
import { COVERED_STATES, holderNamesOf, whoHoldsIt, ZHolder } from '../../../workflows/holders/holders';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { at, calendar, fileAndAccept, snapshot } from '../forecast/world';

const definition = getDefinition('wuhan-industrial')!;
const names = holderNamesOf(definition);
const coordinator = { userId: 'c', role: 'coordinator' } as const;
const enterprise = { userId: 'e', role: 'enterprise', enterpriseId: 'ent-1' } as const;
const land = { userId: 'd', role: 'department', departmentId: 'natural-resources-planning' } as const;

function wuhan(now = at('2026-03-02')): ProjectEngine {
  const input = buildProjectInput({
    projectId: 'p-holders',
    title: '某工业项目',
    enterpriseId: 'ent-1',
    attributes: DEFAULT_ATTRIBUTES,
    definition,
    ref: definitionRef(definition),
    calendar: snapshot,
    registeredBy: coordinator,
    now,
  });
  return ProjectEngine.create(input, now);
}
const holders = (engine: ProjectEngine, now: string) => whoHoldsIt(projectView(engine, now), names, calendar, now);

/** Preparation filed (all materials but `leaveOut`) on Monday 2 March 2026. */
function filed(leaveOut: string[] = []): ProjectEngine {
  const e = wuhan();
  const stage = e.specStage('preparation');
  const materials = [...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !m.providedByResult).map((m) => m.id)))].filter(
    (m) => !leaveOut.includes(m),
  );
  e.apply(
    enterprise,
    { type: 'submitApplication', stageId: 'preparation', form: Object.fromEntries(stage.formFields.map((f) => [f.id, '示例'])), materials },
    at('2026-03-02'),
  );
  return e;
}

describe('who holds it now', () => {
  it('every state of the stage, review and commitment statecharts has a sentence', () => {
    expect(COVERED_STATES.stage.sort()).toEqual(Object.keys(stageMachine.config.states!).sort());
    expect(COVERED_STATES.review.sort()).toEqual(Object.keys(reviewMachine.config.states!).sort());
    expect(COVERED_STATES.commitment.sort()).toEqual(Object.keys(commitmentMachine.config.states!).sort());
    expect(COVERED_STATES.promise.sort()).toEqual(Object.keys(promiseMachine.config.states!).sort());
    expect(COVERED_STATES.delivery.sort()).toEqual(Object.keys(deliveryMachine.config.states!).sort());
    expect(COVERED_STATES.joint.sort()).toEqual(Object.keys(jointAcceptanceMachine.config.states!).sort());
  });

  it('a refused application (不予受理) is with the enterprise: the reasons, a new application or an appeal', () => {
    const e = filed();
    e.apply(
      coordinator,
      { type: 'refuseIntake', stageId: 'preparation', reasonCode: 'applicant-not-eligible', reason: '申请人不是项目单位' },
      at('2026-03-03'),
    );
    const [h] = holders(e, at('2026-03-03'));
    expect(h).toMatchObject({ thread: 'refused', holder: { role: 'enterprise' }, dueAt: null });
    expect(h!.rule.zh).toContain('第三十八条');
    expect(h!.sentence.zh).toBe(
      '前期准备：申请不予受理（申请人不是项目单位）；企业可重新提出申请，或依法申请行政复议、提起行政诉讼；联系项目帮办中心（帮办专员）。',
    );
  });

  it("a rejected item's decision is with the coordinator to deliver within 10 working days (art. 44), even after the project ended", () => {
    const e = wuhan();
    fileAndAccept(e, 'preparation', at('2026-03-02'));
    e.apply(
      { userId: 'd', role: 'department', departmentId: 'development-reform' },
      { type: 'rejectReview', itemId: 'project-filing', reason: '不符合产业政策' },
      at('2026-03-03'),
    );
    const delivery = holders(e, at('2026-03-04')).find((h) => h.thread === 'delivery')!;
    expect(delivery).toMatchObject({ itemId: 'project-filing', holder: { role: 'coordinator', departmentId: null }, workdaysLeft: 10 });
    expect(Date.parse(delivery.dueAt!)).toBe(Date.parse('2026-03-17T24:00:00+08:00')); // decided Tue 3 March: 10 working days from the next
    expect(delivery.rule.zh).toContain('第四十四条');
    expect(delivery.sentence.zh).toMatch(/不予许可决定待项目帮办中心（帮办专员）送达/);
    e.apply(coordinator, { type: 'deliverResult', itemId: 'project-filing', way: 'electronic' }, at('2026-03-04'));
    expect(holders(e, at('2026-03-04')).filter((h) => h.thread === 'delivery')).toEqual([]);
  });

  it('a stage waiting for its application is with the enterprise', () => {
    const [h, ...rest] = holders(wuhan(), at('2026-03-02'));
    expect(rest).toEqual([]);
    expect(ZHolder.parse(h)).toEqual(h);
    expect(h).toMatchObject({ thread: 'application', stageId: 'preparation', holder: { role: 'enterprise' }, dueAt: null });
    expect(h!.sentence.zh).toBe('前期准备：等待企业提交阶段申请（一表申请）；有疑问请联系项目帮办中心（帮办专员）。');
    expect(h!.sentence.en).toMatch(/^Preparation: waiting for the enterprise to file/);
  });

  it('intake is with the coordinator under art. 32, due in 5 working days', () => {
    const [h] = holders(filed(), at('2026-03-03'));
    expect(h).toMatchObject({ thread: 'intake', holder: { role: 'coordinator', departmentId: null }, dueAt: '2026-03-09T24:00:00+08:00', workdaysLeft: 5 });
    expect(h!.sentence.zh).toBe(
      '前期准备：申请在项目帮办中心（帮办专员）受理审查中，依《行政许可法》第三十二条：5个工作日内作出受理决定，逾期视为受理，2026-03-09 24时前办结（剩5个工作日）。',
    );
  });

  it('a returned application waits for the enterprise to resubmit', () => {
    const e = filed();
    e.apply(coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'return', notice: '缺红线图' }, at('2026-03-03'));
    expect(holders(e, at('2026-03-03'))[0]).toMatchObject({ thread: 'resubmission', holder: { role: 'enterprise' } });
  });

  it('a running review is with its department: item, limits and article, due day, days left, contact', () => {
    const e = wuhan();
    fileAndAccept(e, 'preparation', at('2026-03-02'));
    e.apply({ userId: 'd', role: 'department', departmentId: 'development-reform' }, { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02'));
    const review = holders(e, at('2026-03-04')).find((h) => h.itemId === 'land-pre-review')!;
    expect(review).toMatchObject({
      thread: 'review',
      holder: { role: 'department', departmentId: 'natural-resources-planning' },
      dueAt: '2026-03-09T24:00:00+08:00',
      workdaysLeft: 4,
      contact: { zh: '自然资源和规划局（审批科室）', en: 'Natural Resources and Planning Bureau (reviewing office)' },
    });
    expect(review.sentence.zh).toMatch(
      /^建设项目用地预审与选址意见书：由自然资源和规划局审查，承诺时限5个工作日，法定时限20个工作日（.+），2026-03-09 24时前办结（剩4个工作日）；联系自然资源和规划局（审批科室）。$/,
    );
    expect(review.sentence.en).toMatch(
      /under review by the Natural Resources and Planning Bureau, promised 5 working days, legal limit 20 .*due by the end of 2026-03-09 \(4 working days left\)/,
    );
  });

  it('a correction is with the enterprise and no limit runs; a special procedure is with the department under art. 45', () => {
    const e = wuhan();
    fileAndAccept(e, 'preparation', at('2026-03-02'));
    e.apply({ userId: 'd', role: 'department', departmentId: 'development-reform' }, { type: 'approveReview', itemId: 'project-filing' }, at('2026-03-02'));
    e.apply(land, { type: 'requestCorrection', itemId: 'land-pre-review', materials: ['site-boundary-map'], reason: '坐标缺失' }, at('2026-03-03'));
    const correction = holders(e, at('2026-03-04')).find((h) => h.itemId === 'land-pre-review')!;
    expect(correction).toMatchObject({ thread: 'correction', holder: { role: 'enterprise' }, dueAt: null, workdaysLeft: null });
    expect(correction.sentence.zh).toContain('自然资源和规划局要求补正（site-boundary-map：坐标缺失），等待企业提交');
    e.apply(enterprise, { type: 'answerCorrection', itemId: 'land-pre-review' }, at('2026-03-04'));
    e.apply(land, { type: 'startSpecialProcedure', itemId: 'land-pre-review', kind: 'expert-review', days: 5, reason: '专家论证' }, at('2026-03-05'));
    const special = holders(e, at('2026-03-05')).find((h) => h.itemId === 'land-pre-review')!;
    expect(special).toMatchObject({ thread: 'special', holder: { role: 'department', departmentId: 'natural-resources-planning' }, workdaysLeft: 6 });
    expect(special.rule.zh).toContain('第四十五条');
  });

  it('a tolerance commitment is with the enterprise until supplied, then with the department; overdue says so', () => {
    const e = wuhan();
    fileAndAccept(e, 'preparation', at('2026-03-02'));
    const stage = e.specStage('preparation');
    const tolerable = stage.items.flatMap((i) => i.materials.filter((m) => m.kind === 'tolerable').map((m) => ({ itemId: i.id, materialId: m.id })));
    expect(tolerable.length).toBeGreaterThan(0);
    const e2 = filed(tolerable.map((t) => t.materialId));
    e2.apply(coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, at('2026-03-02'));
    const open = holders(e2, at('2026-03-03')).filter((h) => h.thread === 'commitment');
    expect(open.length).toBe(tolerable.length);
    expect(open[0]).toMatchObject({ holder: { role: 'enterprise' }, materialId: tolerable[0]!.materialId });
    expect(open[0]!.workdaysLeft).toBeGreaterThan(0);
    const late = at('2026-06-01');
    e2.advanceTime(late);
    const expired = holders(e2, late).find((h) => h.thread === 'commitment')!;
    expect(expired.workdaysLeft).toBeLessThan(0);
    expect(expired.sentence.en).toMatch(/working days overdue/);
    const t = tolerable[0]!;
    e2.apply(enterprise, { type: 'supplyMaterial', itemId: t.itemId, materialId: t.materialId }, late);
    expect(holders(e2, late).find((h) => h.materialId === t.materialId)).toMatchObject({ thread: 'supply-check', holder: { role: 'department' } });
  });

  it('results to issue are with the coordinator (统一出件, art. 44)', () => {
    const e = wuhan();
    fileAndAccept(e, 'preparation', at('2026-03-02'));
    const now = at('2026-03-02');
    for (let guard = 0; guard < 20 && e.stageStatus('preparation') === 'inReview'; guard++) {
      const running = e.specStage('preparation').items.filter((i) => e.reviewStatus(i.id) === 'inReview');
      for (const i of running) e.apply({ userId: 'd', role: 'department', departmentId: i.departmentId }, { type: 'approveReview', itemId: i.id }, now);
    }
    const [h, ...rest] = holders(e, now).filter((x) => x.stageId === 'preparation');
    expect(rest).toEqual([]);
    expect(h).toMatchObject({ thread: 'results', holder: { role: 'coordinator' } });
    expect(h!.rule.zh).toContain('第四十四条');
  });

  it('a state it does not know is an error, not silence', () => {
    const view = projectView(wuhan(), at('2026-03-02'));
    const strange: TProjectView = { ...view, stages: view.stages.map((s, i) => (i === 0 ? { ...s, status: 'deliveringResults' } : s)) };
    expect(() => whoHoldsIt(strange, names, calendar, at('2026-03-02'))).toThrow(/no "who holds it" sentence for stage state 'deliveringResults'/);
  });
});
