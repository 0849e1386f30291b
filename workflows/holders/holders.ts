/**
 * "Who holds it now": one plain sentence per open thread of a project — who must act
 * (coordinator, a department, the enterprise), under which rule, by when (with working days
 * left on the official calendar) and whom to contact — in Chinese and English, from the
 * project view alone. The tables below are keyed by every state of the statecharts, so a new
 * state does not compile until someone says who holds a project in it.
 */
import { z } from 'zod';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { TProcessDefinition } from '../../definitions/process/schema';
import type { TProjectView, TReviewView } from '../engine/view';
import type { CommitmentStatus } from '../machines/commitment.machine';
import type { PromiseStatus } from '../machines/promise.machine';
import type { JointAcceptanceStatus } from '../machines/joint-acceptance.machine';
import type { ReviewStatus } from '../machines/review.machine';
import type { StageStatus } from '../machines/stage.machine';

const ZText = z.object({ zh: z.string(), en: z.string() });
export type TText = z.infer<typeof ZText>;

export const ZHolder = z.object({
  thread: z.enum([
    'application',
    'intake',
    'resubmission',
    'results',
    'withheld',
    'review',
    'correction',
    'special',
    'commitment',
    'supply-check',
    'refused',
    'post-check',
    'delivery',
    'site-visit',
    'inspection',
    'rectification',
  ]),
  stageId: z.string(),
  itemId: z.string().nullable(),
  materialId: z.string().nullable(),
  holder: z.object({ role: z.enum(['coordinator', 'department', 'enterprise']), departmentId: z.string().nullable() }),
  /** The item and the article (or local rule) the wait stands on. */
  rule: ZText,
  /** The instant it is due (24:00 of a working day), null when no limit runs (a correction stops the clock). */
  dueAt: z.string().nullable(),
  /** Working days left to the due day on the official calendar, today included; negative when overdue. */
  workdaysLeft: z.number().int().nullable(),
  /** Whom to call about it: a department and its role, or the coordinators' centre. */
  contact: ZText,
  sentence: ZText,
});
export type THolder = z.infer<typeof ZHolder>;

/** Names from the project's definition version: departments, items and the citation of each item's legal limit. */
export interface THolderNames {
  departments: Record<string, TText>;
  items: Record<string, { title: TText; rule: string }>;
  stages: Record<string, TText>;
}

export function holderNamesOf(definition: Pick<TProcessDefinition, 'departments' | 'stages'>): THolderNames {
  return {
    departments: Object.fromEntries(definition.departments.map((d) => [d.id, d.name])),
    items: Object.fromEntries(definition.stages.flatMap((s) => s.items.map((i) => [i.id, { title: i.title, rule: i.source.legalLimit.ref }]))),
    stages: Object.fromEntries(definition.stages.map((s) => [s.id, s.title])),
  };
}

interface TContext {
  view: TProjectView;
  names: THolderNames;
  calendar: WorkingCalendar;
  today: string;
}

const COORDINATORS: TText = { zh: '项目帮办中心（帮办专员）', en: 'the project assistance centre (coordinator)' };
const INTAKE_RULE: TText = {
  zh: '《行政许可法》第三十二条：5个工作日内作出受理决定，逾期视为受理',
  en: 'Administrative Licensing Law art. 32: intake decided within 5 working days, else accepted from receipt',
};

/** The last day of a due instant: `…T24:00` ends its own date, any other instant falls on its Shanghai date. */
function dueDate(calendar: WorkingCalendar, dueAt: string): string {
  return /T24:00/.test(dueAt) ? dueAt.slice(0, 10) : calendar.dateOf(dueAt);
}

/**
 * Working days left until a due instant, today included while it is a working day (as the review
 * clock's `remaining` counts them); past the due day, minus the working days since.
 */
function left(c: TContext, dueAt: string | null): number | null {
  if (!dueAt) return null;
  const due = dueDate(c.calendar, dueAt);
  if (due < c.today) return -c.calendar.workdaysBetween(due, c.today).count;
  return c.calendar.workdaysBetween(c.today, due).count + (c.calendar.isWorkday(c.today) ? 1 : 0);
}

const department = (c: TContext, id: string): TText => c.names.departments[id] ?? { zh: id, en: id };
const departmentContact = (c: TContext, id: string): TText => {
  const name = department(c, id);
  return { zh: `${name.zh}（审批科室）`, en: `${name.en} (reviewing office)` };
};
const itemTitle = (c: TContext, r: { itemId: string; title: string }): TText => c.names.items[r.itemId]?.title ?? { zh: r.title, en: r.title };
const stageTitle = (c: TContext, stageId: string, fallback: string): TText => c.names.stages[stageId] ?? { zh: fallback, en: fallback };

/** "due 2026-03-05 (3 working days left)" in both languages, or nothing when no limit runs. */
function dueText(dueAt: string | null, days: number | null, calendar: WorkingCalendar): TText {
  if (!dueAt || days === null) return { zh: '', en: '' };
  const date = dueDate(calendar, dueAt);
  if (days < 0) return { zh: `，已于${date}到期（逾期${-days}个工作日）`, en: `; it was due ${date} (${-days} working days overdue)` };
  return { zh: `，${date} 24时前办结（剩${days}个工作日）`, en: `, due by the end of ${date} (${days} working days left)` };
}

type TStage = TProjectView['stages'][number];
type THolderOf<T> = (c: TContext, x: T) => THolder | null;

/** Who holds a stage in each of its states (the reviews of a running stage speak for themselves). */
const STAGE: Record<StageStatus, THolderOf<TStage>> = {
  locked: () => null,
  awaitingApplication: (c, s) => {
    const title = stageTitle(c, s.stageId, s.title);
    return {
      thread: 'application',
      stageId: s.stageId,
      itemId: null,
      materialId: null,
      holder: { role: 'enterprise', departmentId: null },
      rule: { zh: `${title.zh}：一表申请（一个阶段一张申请表）`, en: `${title.en}: one application form per stage` },
      dueAt: null,
      workdaysLeft: null,
      contact: COORDINATORS,
      sentence: {
        zh: `${title.zh}：等待企业提交阶段申请（一表申请）；有疑问请联系${COORDINATORS.zh}。`,
        en: `${title.en}: waiting for the enterprise to file the stage application (one form per stage); questions to ${COORDINATORS.en}.`,
      },
    };
  },
  intake: (c, s) => {
    const title = stageTitle(c, s.stageId, s.title);
    const days = left(c, s.intakeDueAt);
    const due = dueText(s.intakeDueAt, days, c.calendar);
    return {
      thread: 'intake',
      stageId: s.stageId,
      itemId: null,
      materialId: null,
      holder: { role: 'coordinator', departmentId: null },
      rule: INTAKE_RULE,
      dueAt: s.intakeDueAt,
      workdaysLeft: days,
      contact: COORDINATORS,
      sentence: {
        zh: `${title.zh}：申请在${COORDINATORS.zh}受理审查中，依${INTAKE_RULE.zh}${due.zh}。`,
        en: `${title.en}: the application is with ${COORDINATORS.en} for intake under ${INTAKE_RULE.en}${due.en}.`,
      },
    };
  },
  returned: (c, s) => {
    const title = stageTitle(c, s.stageId, s.title);
    return {
      thread: 'resubmission',
      stageId: s.stageId,
      itemId: null,
      materialId: null,
      holder: { role: 'enterprise', departmentId: null },
      rule: { zh: '《行政许可法》第三十二条：一次告知需补正的全部内容', en: 'Administrative Licensing Law art. 32: everything missing notified once, in full' },
      dueAt: null,
      workdaysLeft: null,
      contact: COORDINATORS,
      sentence: {
        zh: `${title.zh}：申请已退回，等待企业按一次告知的内容补齐后重新提交；联系${COORDINATORS.zh}。`,
        en: `${title.en}: the application was returned; waiting for the enterprise to resubmit with everything the notice lists; contact ${COORDINATORS.en}.`,
      },
    };
  },
  refused: (c, s) => {
    const title = stageTitle(c, s.stageId, s.title);
    const rule: TText = {
      zh: '《行政许可法》第三十二条、第三十八条：不予受理须说明理由并告知复议、诉讼权利',
      en: 'Administrative Licensing Law arts. 32 and 38: a refusal to accept states its reasons and the rights of appeal',
    };
    const why = s.refusal ? s.refusal.reason : '';
    return {
      thread: 'refused',
      stageId: s.stageId,
      itemId: null,
      materialId: null,
      holder: { role: 'enterprise', departmentId: null },
      rule,
      dueAt: null,
      workdaysLeft: null,
      contact: COORDINATORS,
      sentence: {
        zh: `${title.zh}：申请不予受理（${why}）；企业可重新提出申请，或依法申请行政复议、提起行政诉讼；联系${COORDINATORS.zh}。`,
        en: `${title.en}: the application was refused (${why}); the enterprise may file a new application, or seek reconsideration or sue; contact ${COORDINATORS.en}.`,
      },
    };
  },
  inReview: () => null,
  readyToIssue: (c, s) => {
    const title = stageTitle(c, s.stageId, s.title);
    const withheld = c.view.commitments.some(
      (m) => m.status === 'expired' && m.consequence === 'withhold-results' && c.view.reviews.some((r) => r.itemId === m.itemId && r.stageId === s.stageId),
    );
    if (withheld) {
      return {
        thread: 'withheld',
        stageId: s.stageId,
        itemId: null,
        materialId: null,
        holder: { role: 'enterprise', departmentId: null },
        rule: { zh: '容缺受理承诺：逾期未补齐，结果暂不发放', en: 'tolerance commitment: results withheld until the late material is supplied' },
        dueAt: null,
        workdaysLeft: null,
        contact: COORDINATORS,
        sentence: {
          zh: `${title.zh}：审批已全部通过，但容缺材料逾期未补齐，结果暂扣，等待企业补交；联系${COORDINATORS.zh}。`,
          en: `${title.en}: every review is approved, but a tolerated material is overdue, so the results are withheld until the enterprise supplies it; contact ${COORDINATORS.en}.`,
        },
      };
    }
    const rule = {
      zh: '统一出件；《行政许可法》第四十四条：决定之日起10日内颁发、送达',
      en: 'results issued together; Administrative Licensing Law art. 44: issued and delivered within 10 days of the decision',
    };
    return {
      thread: 'results',
      stageId: s.stageId,
      itemId: null,
      materialId: null,
      holder: { role: 'coordinator', departmentId: null },
      rule,
      dueAt: null,
      workdaysLeft: null,
      contact: COORDINATORS,
      sentence: {
        zh: `${title.zh}：审批已全部通过，等待${COORDINATORS.zh}统一出件（${rule.zh}）。`,
        en: `${title.en}: every review is approved; waiting for ${COORDINATORS.en} to issue the results together (${rule.en}).`,
      },
    };
  },
  complete: () => null,
  rejected: () => null,
  withdrawn: () => null,
};

/** Who holds a review in each of its states. */
const REVIEW: Record<ReviewStatus, THolderOf<TReviewView>> = {
  pending: () => null,
  inReview: (c, r) => {
    const title = itemTitle(c, r);
    const name = department(c, r.departmentId);
    const ruleRef = c.names.items[r.itemId]?.rule;
    const limits: TText = {
      zh: `承诺时限${r.promisedLimit}个工作日，法定时限${r.legalLimit}个工作日${ruleRef ? `（${ruleRef}）` : ''}`,
      en: `promised ${r.promisedLimit} working days, legal limit ${r.legalLimit}${ruleRef ? ` (${ruleRef})` : ''}`,
    };
    const rule: TText = { zh: `${title.zh}：${limits.zh}`, en: `${title.en}: ${limits.en}` };
    const dueAt = r.clock?.promisedDueAt ?? null;
    const days = r.clock ? r.clock.remaining : null;
    const due = dueText(dueAt, days, c.calendar);
    return {
      thread: 'review',
      stageId: r.stageId,
      itemId: r.itemId,
      materialId: null,
      holder: { role: 'department', departmentId: r.departmentId },
      rule,
      dueAt,
      workdaysLeft: days,
      contact: departmentContact(c, r.departmentId),
      sentence: {
        zh: `${title.zh}：由${name.zh}审查，${limits.zh}${due.zh}；联系${departmentContact(c, r.departmentId).zh}。`,
        en: `${title.en}: under review by the ${name.en}, ${limits.en}${due.en}; contact the ${departmentContact(c, r.departmentId).en}.`,
      },
    };
  },
  correction: (c, r) => {
    const title = itemTitle(c, r);
    const name = department(c, r.departmentId);
    const what = r.correction ? `${r.correction.materials.join('、')}` : '';
    return {
      thread: 'correction',
      stageId: r.stageId,
      itemId: r.itemId,
      materialId: null,
      holder: { role: 'enterprise', departmentId: null },
      rule: { zh: `${title.zh}：补正期间审查时限暂停计算（本市规则）`, en: `${title.en}: the review clock stops while the enterprise corrects (city rule)` },
      dueAt: null,
      workdaysLeft: null,
      contact: departmentContact(c, r.departmentId),
      sentence: {
        zh: `${title.zh}：${name.zh}要求补正（${what}${r.correction ? `：${r.correction.reason}` : ''}），等待企业提交；补正期间时限暂停；联系${departmentContact(c, r.departmentId).zh}。`,
        en: `${title.en}: the ${name.en} asked for a correction (${what}${r.correction ? `: ${r.correction.reason}` : ''}); waiting for the enterprise; the clock stops meanwhile; contact the ${departmentContact(c, r.departmentId).en}.`,
      },
    };
  },
  specialProcedure: (c, r) => {
    const title = itemTitle(c, r);
    const name = department(c, r.departmentId);
    const dueAt = r.special?.endsAt ?? null;
    const days = left(c, dueAt);
    const due = dueText(dueAt, days, c.calendar);
    const law: TText = {
      zh: `《行政许可法》第四十五条（特别程序时间不计入审查时限）`,
      en: `Administrative Licensing Law art. 45 (the time of a special procedure is not counted in the limit)`,
    };
    const rule: TText = { zh: `${title.zh}：${law.zh}`, en: `${title.en}: ${law.en}` };
    return {
      thread: 'special',
      stageId: r.stageId,
      itemId: r.itemId,
      materialId: null,
      holder: { role: 'department', departmentId: r.departmentId },
      rule,
      dueAt,
      workdaysLeft: days,
      contact: departmentContact(c, r.departmentId),
      sentence: {
        zh: `${title.zh}：${name.zh}正在组织特别程序（${r.special?.kind ?? ''}），依${law.zh}${due.zh}；联系${departmentContact(c, r.departmentId).zh}。`,
        en: `${title.en}: the ${name.en} is running a special procedure (${r.special?.kind ?? ''}) under ${law.en}${due.en}; contact the ${departmentContact(c, r.departmentId).en}.`,
      },
    };
  },
  approved: () => null,
  approvedWithConditions: () => null,
  rejected: () => null,
  cancelled: () => null,
};

type TPromise = NonNullable<TProjectView['promises']>[number];

/** Who holds a written promise (告知承诺) in each of its states: only its post-check is open work. */
const PROMISE: Record<PromiseStatus, THolderOf<TPromise>> = {
  signed: () => null,
  pendingCheck: (c, p) => postCheckHolder(c, p),
  overdue: (c, p) => postCheckHolder(c, p),
  verified: () => null,
  false: () => null,
  cancelled: () => null,
};

/** The post-check's card in its sentence: the warning before it is due (patch `legal`), the red card after. */
const POST_CHECK_CARD: Record<TPromise['card'], TText> = {
  green: { zh: '', en: '' },
  warning: { zh: '', en: '' },
  yellow: { zh: '（黄牌预警：核查即将到期）', en: ' (yellow card: the check is nearly due)' },
  red: { zh: '（红牌：核查已逾期）', en: ' (red card: the check is overdue)' },
};

function postCheckHolder(c: TContext, p: TPromise): THolder {
  const review = c.view.reviews.find((r) => r.itemId === p.itemId);
  const title = review ? itemTitle(c, review) : { zh: p.itemId, en: p.itemId };
  const name = department(c, p.departmentId);
  const days = left(c, p.checkDueAt);
  const due = dueText(p.checkDueAt, days, c.calendar);
  const card = POST_CHECK_CARD[p.card];
  const rule: TText = {
    zh: `${title.zh}：告知承诺事中事后核查（国办发〔2020〕42号）`,
    en: `${title.en}: post-check of a written promise (State Council 2020 No. 42)`,
  };
  return {
    thread: 'post-check',
    stageId: review?.stageId ?? '',
    itemId: p.itemId,
    materialId: null,
    holder: { role: 'department', departmentId: p.departmentId },
    rule,
    dueAt: p.checkDueAt,
    workdaysLeft: days,
    contact: departmentContact(c, p.departmentId),
    sentence: {
      zh: `${title.zh}：已按承诺审批，等待${name.zh}核查承诺内容${due.zh}${card.zh}；联系${departmentContact(c, p.departmentId).zh}。`,
      en: `${title.en}: approved on the written promise; waiting for the ${name.en} to check it${due.en}${card.en}; contact the ${departmentContact(c, p.departmentId).en}.`,
    },
  };
}

type TDelivery = NonNullable<TProjectView['deliveries']>[number];

/** Who holds a decision's delivery (送达, art. 44) in each of its states. */
const DELIVERY: Record<TDelivery['status'], THolderOf<TDelivery>> = {
  open: (c, d) => {
    const review = c.view.reviews.find((r) => r.itemId === d.itemId);
    const title = review ? itemTitle(c, review) : { zh: d.itemId, en: d.itemId };
    const days = left(c, d.dueAt);
    const due = dueText(d.dueAt, days, c.calendar);
    const rule: TText = {
      zh: '《行政许可法》第四十四条：作出决定之日起10日内颁发、送达',
      en: 'Administrative Licensing Law art. 44: issued and delivered within 10 days of the decision',
    };
    return {
      thread: 'delivery',
      stageId: d.stageId,
      itemId: d.itemId,
      materialId: null,
      holder: { role: 'coordinator', departmentId: null },
      rule,
      dueAt: d.dueAt,
      workdaysLeft: days,
      contact: COORDINATORS,
      sentence: {
        zh: `${title.zh}：${d.outcome === 'granted' ? '许可决定' : '不予许可决定'}待${COORDINATORS.zh}送达，依${rule.zh}${due.zh}。`,
        en: `${title.en}: the ${d.outcome === 'granted' ? 'licence' : 'refusal'} is waiting for ${COORDINATORS.en} to deliver it under ${rule.en}${due.en}.`,
      },
    };
  },
  delivered: () => null,
};

type TCommitment = TProjectView['commitments'][number];

/** Who holds a tolerance commitment in each of its states. */
const COMMITMENT: Record<CommitmentStatus, THolderOf<TCommitment>> = {
  open: (c, m) => commitmentHolder(c, m, false),
  expired: (c, m) => commitmentHolder(c, m, true),
  supplied: (c, m) => {
    const review = c.view.reviews.find((r) => r.itemId === m.itemId);
    const title = review ? itemTitle(c, review) : { zh: m.itemId, en: m.itemId };
    const name = department(c, m.departmentId);
    return {
      thread: 'supply-check',
      stageId: review?.stageId ?? '',
      itemId: m.itemId,
      materialId: m.materialId,
      holder: { role: 'department', departmentId: m.departmentId },
      rule: { zh: `${title.zh}：容缺受理承诺的材料核验`, en: `${title.en}: checking a material supplied under a tolerance commitment` },
      dueAt: null,
      workdaysLeft: null,
      contact: departmentContact(c, m.departmentId),
      sentence: {
        zh: `${title.zh}：企业已补交容缺材料${m.materialId}，等待${name.zh}核验；联系${departmentContact(c, m.departmentId).zh}。`,
        en: `${title.en}: the enterprise supplied the tolerated material ${m.materialId}; waiting for the ${name.en} to check it; contact the ${departmentContact(c, m.departmentId).en}.`,
      },
    };
  },
  fulfilled: () => null,
  cancelled: () => null,
};

function commitmentHolder(c: TContext, m: TCommitment, expired: boolean): THolder {
  const review = c.view.reviews.find((r) => r.itemId === m.itemId);
  const title = review ? itemTitle(c, review) : { zh: m.itemId, en: m.itemId };
  const days = left(c, m.dueAt);
  const due = dueText(m.dueAt, expired ? Math.min(days ?? 0, -1) : days, c.calendar);
  const consequence: TText =
    m.consequence === 'withhold-results'
      ? { zh: '逾期暂扣本阶段结果', en: 'overdue, the stage results are withheld' }
      : { zh: '逾期中止该事项审批', en: 'overdue, the approval of the item is suspended' };
  return {
    thread: 'commitment',
    stageId: review?.stageId ?? '',
    itemId: m.itemId,
    materialId: m.materialId,
    holder: { role: 'enterprise', departmentId: null },
    rule: { zh: `${title.zh}：容缺受理承诺（${consequence.zh}）`, en: `${title.en}: tolerance commitment (${consequence.en})` },
    dueAt: m.dueAt,
    workdaysLeft: expired ? Math.min(days ?? 0, -1) : days,
    contact: departmentContact(c, m.departmentId),
    sentence: {
      zh: `${title.zh}：等待企业补交容缺材料${m.materialId}${due.zh}，${consequence.zh}；联系${departmentContact(c, m.departmentId).zh}。`,
      en: `${title.en}: waiting for the enterprise to supply the tolerated material ${m.materialId}${due.en}; ${consequence.en}; contact the ${departmentContact(c, m.departmentId).en}.`,
    },
  };
}

type TJoint = NonNullable<TProjectView['joint']>[number];
type TJointPartView = TJoint['parts'][number];

/** The joint acceptance's own limit, as its rule: 联合验收, with rectification time not counted. */
function jointRule(c: TContext, j: TJoint): TText {
  const title = stageTitle(c, j.stageId, j.stageId);
  return {
    zh: `${title.zh}：联合验收（承诺${j.clock.promisedLimit}个工作日，整改时间不计入）`,
    en: `${title.en}: joint acceptance (${j.clock.promisedLimit} working days promised, rectification time not counted)`,
  };
}

/** One holder per part of a joint acceptance that waits for its department (to confirm the date, or to inspect). */
function partHolders(
  c: TContext,
  j: TJoint,
  waiting: (p: TJointPartView) => boolean,
  thread: 'site-visit' | 'inspection',
  what: (p: TJointPartView) => TText,
): THolder[] {
  const rule = jointRule(c, j);
  const days = thread === 'inspection' ? left(c, j.clock.promisedDueAt) : null;
  const due = dueText(thread === 'inspection' ? j.clock.promisedDueAt : null, days, c.calendar);
  return j.parts.filter(waiting).map((p) => {
    const name = department(c, p.departmentId);
    const title = itemTitle(c, p);
    const doing = what(p);
    return {
      thread,
      stageId: j.stageId,
      itemId: p.itemId,
      materialId: null,
      holder: { role: 'department', departmentId: p.departmentId },
      rule,
      dueAt: thread === 'inspection' ? j.clock.promisedDueAt : null,
      workdaysLeft: days,
      contact: departmentContact(c, p.departmentId),
      sentence: {
        zh: `${title.zh}：等待${name.zh}${doing.zh}${due.zh}；联系${departmentContact(c, p.departmentId).zh}。`,
        en: `${title.en}: waiting for the ${name.en} to ${doing.en}${due.en}; contact the ${departmentContact(c, p.departmentId).en}.`,
      },
    };
  });
}

/** Who holds a joint acceptance (联合验收) in each of its states. */
const JOINT: Record<JointAcceptanceStatus, (c: TContext, j: TJoint) => THolder[]> = {
  scheduling: (c, j) => {
    if (!j.proposal || j.parts.some((p) => p.answer?.kind === 'counter')) {
      const title = stageTitle(c, j.stageId, j.stageId);
      const counter = j.parts.find((p) => p.answer?.kind === 'counter');
      const why: TText = counter
        ? {
            zh: `（${department(c, counter.departmentId).zh}提议改为${counter.answer!.date}）`,
            en: ` (the ${department(c, counter.departmentId).en} proposes ${counter.answer!.date})`,
          }
        : { zh: '', en: '' };
      return [
        {
          thread: 'site-visit',
          stageId: j.stageId,
          itemId: null,
          materialId: null,
          holder: { role: 'coordinator', departmentId: null },
          rule: jointRule(c, j),
          dueAt: null,
          workdaysLeft: null,
          contact: COORDINATORS,
          sentence: {
            zh: `${title.zh}：等待${COORDINATORS.zh}提出联合现场验收日期${why.zh}。`,
            en: `${title.en}: waiting for ${COORDINATORS.en} to propose the joint site-visit date${why.en}.`,
          },
        },
      ];
    }
    return partHolders(
      c,
      j,
      (p) => p.answer === null,
      'site-visit',
      () => ({
        zh: `确认联合现场验收日期${j.proposal!.date}`,
        en: `confirm the joint site visit on ${j.proposal!.date}`,
      }),
    );
  },
  inspecting: (c, j) =>
    partHolders(
      c,
      j,
      (p) => p.status === 'awaiting',
      'inspection',
      () => ({
        zh: `于${j.visitDate}现场验收并出具意见`,
        en: `inspect on site on ${j.visitDate} and record its findings`,
      }),
    ),
  rectifying: (c, j) => {
    const round = j.rectifications[j.rectifications.length - 1]!;
    const title = stageTitle(c, j.stageId, j.stageId);
    const days = left(c, round.dueAt);
    const due = dueText(round.dueAt, days, c.calendar);
    return [
      {
        thread: 'rectification',
        stageId: j.stageId,
        itemId: null,
        materialId: null,
        holder: { role: 'enterprise', departmentId: null },
        rule: {
          zh: `${title.zh}：联合验收整改（整改时间不计入验收时限）`,
          en: `${title.en}: rectification in the joint acceptance (not counted in its limit)`,
        },
        dueAt: round.dueAt,
        workdaysLeft: days,
        contact: COORDINATORS,
        sentence: {
          zh: `${title.zh}：等待企业整改${round.items.join('、')}并报告整改完成${due.zh}。`,
          en: `${title.en}: waiting for the enterprise to rectify ${round.items.join(', ')} and report it done${due.en}.`,
        },
      },
    ];
  },
  reinspecting: (c, j) =>
    partHolders(
      c,
      j,
      (p) => p.status === 'reinspect',
      'inspection',
      () => ({ zh: '整改后复查', en: 'inspect again after the rectification' }),
    ),
  passed: () => [],
  cancelled: () => [],
};

/** A state the tables do not know (a view from a newer engine): fail loudly rather than say nothing. */
function lookup<K extends string, T>(table: Record<K, T>, state: string, what: string): T {
  if (!Object.hasOwn(table, state)) throw new Error(`no "who holds it" sentence for ${what} state '${state}'`);
  return table[state as K];
}

/** One sentence per open thread of the project: stages, reviews, commitments, promises' post-checks, deliveries. */
export function whoHoldsIt(view: TProjectView, names: THolderNames, calendar: WorkingCalendar, now: string): THolder[] {
  const c: TContext = { view, names, calendar, today: calendar.dateOf(now) };
  // An ended project (rejected, withdrawn, complete) may still owe the delivery of its decisions (art. 44).
  if (view.status !== 'active') return (view.deliveries ?? []).map((d) => lookup(DELIVERY, d.status, 'delivery')(c, d)).filter((h): h is THolder => h !== null);
  return [
    ...view.stages.map((s) => lookup(STAGE, s.status, 'stage')(c, s)),
    ...view.reviews.map((r) => lookup(REVIEW, r.status, 'review')(c, r)),
    ...view.commitments.map((m) => lookup(COMMITMENT, m.status, 'commitment')(c, m)),
    ...(view.promises ?? []).map((p) => lookup(PROMISE, p.status, 'promise')(c, p)),
    ...(view.deliveries ?? []).map((d) => lookup(DELIVERY, d.status, 'delivery')(c, d)),
    ...(view.joint ?? []).flatMap((j) => lookup(JOINT, j.status, 'joint acceptance')(c, j)),
  ].filter((h): h is THolder => h !== null);
}

/** The states the tables cover, for the test that checks them against the machines. */
export const COVERED_STATES = {
  stage: Object.keys(STAGE),
  review: Object.keys(REVIEW),
  commitment: Object.keys(COMMITMENT),
  promise: Object.keys(PROMISE),
  delivery: Object.keys(DELIVERY),
  joint: Object.keys(JOINT),
};
