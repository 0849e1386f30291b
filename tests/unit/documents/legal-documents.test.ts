/**
 * Legal documents from the acts of a project (issue 14 item 3): the engine's document effects
 * rendered and stored by the archive on PostgreSQL, their text read back with pdftotext. Each
 * kind states what the law asks of it (the complete list, the reasons, the rights, art. 45's
 * duration, art. 42's approver and new date), dates on the official calendar across the 2026
 * Spring Festival and Qingming, the number per issuing body and year, and the seal's body.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { CENTRE, DocumentArchive, type TStoredDocument } from '../../../activities/documents/archive';
import { WorkingCalendar } from '../../../definitions/calendar/working-calendar';
import type { TDocumentFacts, TDocumentKind } from '../../../definitions/documents/kinds';
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';
import { seedEnterprises } from '../../helpers/service';
import { actors, ALL_PREP, at, calendar, ENTERPRISE, inReview, run, submitted } from '../engine/engine-fixture';

const NAMES = new Map([
  ['planning', '武汉市自然资源和规划局'],
  ['environment', '武汉市生态环境局'],
]);
let t: TestDatabase;
let archive: DocumentArchive;
beforeAll(async () => {
  t = await testDatabase();
  await seedEnterprises(t.db, [{ username: 'ent-user', displayName: '汉阳汽车零部件', role: 'enterprise', enterpriseId: ENTERPRISE }]);
  archive = new DocumentArchive(t.db, NAMES);
});
afterAll(() => t.drop());

/** The document effects an engine has queued (drained), by kind. */
function documentsOf(engine: ProjectEngine): TDocumentFacts[] {
  return engine.drainEffects().flatMap((e) => (e.kind === 'document' ? [e.document] : []));
}
const only = (engine: ProjectEngine, kind: TDocumentKind) => {
  const found = documentsOf(engine).filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};
/** Each project its own id, so the keys of two tests never meet. */
let projects = 0;
const fresh = (engine: ProjectEngine) => {
  engine.raw.input = { ...engine.raw.input, projectId: `p-doc-${++projects}` };
  engine.drainEffects();
  return engine;
};

/** The PDF's text with all white space removed (pdftotext breaks lines wherever the layout did). */
async function textOf(stored: TStoredDocument): Promise<string> {
  const found = await archive.get(stored.projectId, stored.id);
  expect(createHash('sha256').update(found!.content).digest('hex')).toBe(stored.sha256);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: found!.content }).toString('utf8').replace(/\s+/g, '');
}
const issueAndRead = async (facts: TDocumentFacts) => {
  const stored = await archive.issue(facts);
  return { stored, text: await textOf(stored) };
};
const RIGHTS = ['六十日内依法申请行政复议', '六个月内依法向人民法院提起行政诉讼'];
const official = WorkingCalendar.of(calendar);
/** The project of the tolerance test, whose listing the last test reads. */
let tolerant = '';

test('受理通知书 on acceptance: the title, the act date in Chinese, the centre in the seal, the enterprise addressed by name, a number of the centre for 2026', async () => {
  const e = fresh(submitted(ALL_PREP, at('2026-03-02')));
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'));
  const { stored, text } = await issueAndRead(only(e, 'acceptanceNotice'));
  expect(stored).toMatchObject({ kind: 'acceptanceNotice', title: '受理通知书', issuer: CENTRE, stageId: 'preparation', itemId: null });
  expect(stored.number).toMatch(/^〔2026〕第\d{5}号$/);
  for (const words of [
    '受理通知书',
    stored.number,
    '汉阳汽车零部件有限公司：',
    '你单位于二〇二六年三月二日提交的“前期准备”阶段申请',
    '决定予以受理',
    '受理日期：二〇二六年三月三日',
    '项目帮办服务中心二〇二六年三月三日',
  ]) {
    expect(text).toContain(words);
  }
  expect(text).not.toContain('行政复议');
});

test('a project with a 项目代码 is named by it on its documents (the key cities file every record under); one without has no such line', async () => {
  const coded = fresh(submitted(ALL_PREP, at('2026-03-02')));
  run(coded, actors.enterprise, { type: 'setProjectCode', projectCode: '2103-330283-04-01-391515' }, at('2026-03-02'));
  run(coded, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'));
  expect((await issueAndRead(only(coded, 'acceptanceNotice'))).text).toContain('项目代码：2103-330283-04-01-391515');
  const uncoded = fresh(submitted(ALL_PREP, at('2026-03-02')));
  run(uncoded, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-03'));
  expect((await issueAndRead(only(uncoded, 'acceptanceNotice'))).text).not.toContain('项目代码');
});

test('容缺受理: the notice and the 容缺受理承诺书 list each tolerated material with its last day on the official calendar, over the Spring Festival', async () => {
  const e = fresh(submitted(['site-plan', 'eia-report'], at('2026-02-12')));
  tolerant = e.input.projectId;
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'acceptWithTolerance' }, at('2026-02-12'));
  const docs = documentsOf(e);
  expect(docs.map((d) => d.kind)).toEqual(['acceptanceNotice', 'toleranceCommitment']);
  // 13 Feb, Sat 14 Feb (make-up day), then 15–23 Feb off: the fifth working day is 26 Feb, the third 24 Feb.
  expect(official.addWorkdays('2026-02-12', 5).date).toBe('2026-02-26');
  expect(official.addWorkdays('2026-02-12', 3).date).toBe('2026-02-24');
  const notice = await issueAndRead(docs[0]!);
  expect(notice.text).toContain('依照容缺受理的规定，本机关决定予以受理');
  expect(notice.text).toContain('资信证明（建设用地规划许可证）：二〇二六年二月二十六日二十四时前补齐');
  const commitment = await issueAndRead(docs[1]!);
  expect(commitment.stored.title).toBe('容缺受理承诺书');
  expect(commitment.text).toContain('资信证明（建设用地规划许可证）：二〇二六年二月二十六日二十四时前补齐；逾期未补齐的，本阶段审批结果暂不发放');
  expect(commitment.text).toContain('公示证明（环境影响评价审批）：二〇二六年二月二十四日二十四时前补齐；逾期未补齐的，相关事项的审批暂停');
  expect(commitment.text).toContain('承诺人（企业）签章');
});

test('受理通知书 when deemed accepted (art. 32): dated on the last day of the intake limit, across the Spring Festival, saying it counts as accepted from receipt', async () => {
  const e = fresh(submitted(ALL_PREP, at('2026-02-12')));
  e.advanceTime(at('2026-02-27'));
  const facts = only(e, 'acceptanceNotice');
  expect(facts).toMatchObject({ mode: 'deemed', issuedOn: '2026-02-26', actorUserId: 'system' });
  const { text } = await issueAndRead(facts);
  expect(text).toContain('本机关未在法定期限内作出是否受理的决定');
  expect(text).toContain('自收到申请材料之日起即为受理');
  expect(text).toContain('受理日期：二〇二六年二月二十六日');
});

test('一次性补正告知书 of an intake return lists every missing material by title; a department’s correction request states its reason', async () => {
  const e = fresh(submitted(['site-plan'], at('2026-03-02')));
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'return', notice: '环评报告缺失' }, at('2026-03-02'));
  const returned = await issueAndRead(only(e, 'correctionNotice'));
  expect(returned.stored.title).toBe('一次性补正告知书');
  expect(returned.text).toContain('现一次性告知需要补正的全部内容');
  for (const m of ['资信证明（bank-letter）', '环境影响报告表（eia-report）', '公示证明（public-notice-proof）']) expect(returned.text).toContain(m);
  expect(returned.text).toContain('说明：环评报告缺失');

  const r = fresh(inReview());
  run(r, actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['site-plan'], reason: '总平面图比例尺不符' }, at('2026-03-04'));
  const asked = await issueAndRead(only(r, 'correctionNotice'));
  expect(asked.stored).toMatchObject({ issuer: 'planning', itemId: 'land-planning' });
  expect(asked.text).toContain('1.总平面图（site-plan）');
  expect(asked.text).toContain('补正理由：总平面图比例尺不符');
  expect(asked.text).toContain('武汉市自然资源和规划局二〇二六年三月四日');
});

test('特别程序告知书 (art. 45): the procedure, its expected working days and the day it ends, not counted in the limit', async () => {
  const e = fresh(inReview());
  run(e, actors.environment, { type: 'startSpecialProcedure', itemId: 'eia', kind: 'expert-review', days: 10, reason: '需组织专家评审' }, at('2026-03-02'));
  const { stored, text } = await issueAndRead(only(e, 'specialProcedureNotice'));
  expect(stored).toMatchObject({ title: '特别程序告知书', issuer: 'environment' });
  expect(official.addWorkdays('2026-03-02', 10).date).toBe('2026-03-16');
  expect(text).toContain('需要进行专家评审。根据《中华人民共和国行政许可法》第四十五条的规定，专家评审所需时间不计算在行政许可期限内');
  expect(text).toContain('专家评审预计需要10个工作日，至二〇二六年三月十六日止');
  expect(text).toContain('理由：需组织专家评审');
});

test('延期告知书 (art. 42): the reason, who approved it and the new due date past Qingming', async () => {
  const e = fresh(inReview());
  // Art. 42(1): the department asks, its head approves.
  run(e, actors.planning, { type: 'requestExtension', itemId: 'land-planning', days: 10, reason: '涉及多部门会商' }, at('2026-03-05'));
  run(e, { ...actors.planning, userId: 'p-head', leader: true }, { type: 'decideExtension', itemId: 'land-planning', decision: 'approve' }, at('2026-03-05'));
  const facts = only(e, 'extensionNotice');
  // 20 + 10 working days from 2 March: 4–6 April (Qingming) are off, so the 30th is 14 April.
  expect(official.addWorkdays('2026-03-02', 30).date).toBe('2026-04-14');
  expect(facts.kind === 'extensionNotice' && facts.newDueOn).toBe('2026-04-14');
  const { text } = await issueAndRead(facts);
  expect(text).toContain('因涉及多部门会商，不能在规定期限内作出决定。经本机关负责人（p-head）批准');
  expect(text).toContain('第四十二条的规定，审查期限延长10个工作日');
  expect(text).toContain('延长后的办理期限至二〇二六年四月十四日止');
});

test('准予行政许可决定书 with conditions: the conditions, the licences, the department in the seal; no remedies', async () => {
  const e = fresh(inReview());
  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning', conditions: '建筑退让红线不少于10米' }, at('2026-03-06'));
  const { stored, text } = await issueAndRead(only(e, 'approvalDecision'));
  expect(stored.title).toBe('准予行政许可决定书');
  expect(text).toContain('第三十八条第一款的规定，本机关决定准予行政许可');
  expect(text).toContain('许可附加条件：建筑退让红线不少于10米');
  expect(text).toContain('许可证件：建设用地规划许可证');
  expect(text).toContain('武汉市自然资源和规划局二〇二六年三月六日');
  for (const r of RIGHTS) expect(text).not.toContain(r);
});

test('不予行政许可决定书: the reasons and the right to reconsideration within 60 days or a lawsuit within 6 months (art. 38)', async () => {
  const e = fresh(inReview());
  run(e, actors.environment, { type: 'rejectReview', itemId: 'eia', reason: '选址位于饮用水水源保护区内' }, at('2026-03-09'));
  const { stored, text } = await issueAndRead(only(e, 'rejectionDecision'));
  expect(stored).toMatchObject({ title: '不予行政许可决定书', issuer: 'environment', itemId: 'eia' });
  expect(text).toContain('理由如下：选址位于饮用水水源保护区内');
  expect(text).toContain('本机关决定不予行政许可');
  for (const r of RIGHTS) expect(text).toContain(r);
  expect(text).toContain('武汉市生态环境局二〇二六年三月九日');
});

test('不予受理决定书 (the template other acts will use): every reason numbered, and the remedies', async () => {
  const e = fresh(submitted(ALL_PREP, at('2026-03-02')));
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'));
  const { stored, text } = await issueAndRead({
    ...only(e, 'acceptanceNotice'),
    key: `${e.input.projectId}:document:1:refusalToAccept`,
    kind: 'refusalToAccept',
    reasons: ['申请事项不属于本机关职权范围', '申请人不具备申请资格'],
  } as TDocumentFacts);
  expect(stored.title).toBe('不予受理决定书');
  expect(text).toContain('第三十二条第一款的规定，本机关决定不予受理');
  expect(text).toContain('1.申请事项不属于本机关职权范围2.申请人不具备申请资格');
  for (const r of RIGHTS) expect(text).toContain(r);
});

test('a retried key returns the stored document: same id and sha256, one row, no serial used up; the next document takes the next serial', async () => {
  const e = fresh(inReview());
  run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-10'));
  const facts = only(e, 'approvalDecision');
  const first = await archive.issue(facts);
  const again = await archive.issue({ ...facts, issuedAt: at('2026-03-11'), issuedOn: '2026-03-11' });
  expect(again).toEqual(first);
  const rows = await t.db
    .selectFrom('documents')
    .select(sql<number>`count(*)`.as('n'))
    .where('key', '=', facts.key)
    .executeTakeFirstOrThrow();
  expect(rows.n).toBe(1);
  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-10'));
  const other = await archive.issue(only(e, 'approvalDecision'));
  const serial = (d: TStoredDocument) => Number(/第(\d+)号/.exec(d.number)![1]);
  // Two bodies, two sequences: planning's serial does not follow environment's.
  const envNext = await archive.issue({ ...facts, key: `${facts.key}:correction` });
  expect(serial(envNext)).toBe(serial(first) + 1);
  expect(other.issuer).toBe('planning');
});

test('every document of a project is listed in the order issued, with its size', async () => {
  const list = await archive.list(tolerant);
  expect(list.map((d) => d.kind)).toEqual(['acceptanceNotice', 'toleranceCommitment']);
  // Only the glyphs used are embedded: a notice is tens of KB, not the 20 MB font.
  for (const d of list) expect(d.size).toBeLessThan(60_000);
});

test('告知承诺 (国办发〔2020〕42号): the notice and the enterprise’s promise list the conditions, the check date in Chinese and what a false promise brings', async () => {
  const e = fresh(submitted(ALL_PREP, at('2026-03-02')));
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'));
  const base = only(e, 'acceptanceNotice');
  const promise = {
    conditions: ['项目选址符合国土空间规划', '不涉及生态保护红线'],
    checkBy: '2026-04-14',
    item: { id: 'land-planning', title: '建设用地规划许可证' },
    issuerDepartmentId: 'planning',
  };
  for (const kind of ['promiseNotice', 'promiseLetter'] as const) {
    const { stored, text } = await issueAndRead({ ...base, ...promise, key: `${base.key}:${kind}`, kind } as TDocumentFacts);
    expect(stored.title).toBe(kind === 'promiseNotice' ? '告知承诺审批告知书' : '告知承诺书');
    expect(text).toContain('1.项目选址符合国土空间规划2.不涉及生态保护红线');
    expect(text).toContain('二〇二六年四月十四日前');
    expect(text).toContain('承诺不实的，依法撤销行政许可决定、责令限期改正，记入信用记录，且不再适用告知承诺制');
    expect(text).toContain('武汉市自然资源和规划局');
  }
});
