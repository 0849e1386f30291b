/**
 * The Wuhan process (version 2) under the Zhanjiang/Dongguan supervision ladder: a warning
 * before the promised due date, a yellow card once it has passed, a red card when the review
 * is still not done after the 督办 period the coordinator set. A separate id, so Wuhan's
 * projects and recorded histories keep the yellow-before/red-at rule (DOMAIN.md: ladders
 * differ by city; treat the ladder as data). Version 2 adds the ecology department's sign-off
 * chain (承办 → 审核 → 批准); version 1 stays as published for the projects running under it.
 */
import type { TProcessDefinitionInput } from '../schema';
import { SIGNOFF_STEPS } from '../signoff';
import { assume } from './citations';
import { wuhanIndustrialV2 } from './wuhan-industrial-v2';

export const zhanjiangLadder = {
  steps: [
    // 预警: three working days before the promised due date, as Wuhan's yellow is two.
    { level: 'warning', from: 'promised-due', days: -3 },
    // 黄牌: the promised limit has run out.
    { level: 'yellow', from: 'promised-due', days: 0 },
    // 红牌: still not done when the 督办 period ends.
    { level: 'red', from: 'supervision-deadline', days: 0 },
  ],
  // 催办: the department is reminded five and one working days before the promised due date.
  remindBefore: [5, 1],
} as const;

export const zhanjiangIndustrial = {
  ...wuhanIndustrialV2,
  id: 'zhanjiang-industrial',
  version: 1,
  title: { zh: '工业投资项目三阶段并联审批 (湛江/东莞督办式红黄牌)', en: 'Industrial investment project, three stages, Zhanjiang/Dongguan card ladder' },
  description: {
    zh: '与武汉第2版相同的阶段与事项; 电子监察按湛江、东莞做法: 到期前预警, 逾期黄牌并督办, 督办期满仍未办结红牌。',
    en: 'The stages and items of Wuhan version 2; supervision as in Zhanjiang and Dongguan: a warning before the due date, a yellow card when overdue with a 督办, a red card when still not done after the 督办 period.',
  },
  sources: [
    ...wuhanIndustrialV2.sources,
    assume(
      '湛江市、东莞市电子监察: 预警、黄牌 (逾期)、督办期满未办结红牌; the day counts (3 days warning, reminders 5 and 1 days before) are this project’s assumption',
    ),
  ],
  cardLadder: zhanjiangLadder,
} satisfies TProcessDefinitionInput;

/** The department whose decisions version 2 signs off in three steps. */
export const ZHANJIANG_CHAIN_DEPARTMENT = 'ecology-environment';

/**
 * Version 2: the ecology department's decisions (its EIA reviews) pass 承办人 → 审核人 → 批准人 before
 * they take effect (issue 15: a department is not one person); every other department decides in one step.
 */
export const zhanjiangIndustrialV2 = {
  ...zhanjiangIndustrial,
  version: 2,
  departments: zhanjiangIndustrial.departments.map((d) => (d.id === ZHANJIANG_CHAIN_DEPARTMENT ? { ...d, signoff: [...SIGNOFF_STEPS] } : d)),
  sources: [
    ...zhanjiangIndustrial.sources,
    assume(
      '生态环境部门内部审批: 承办人拟办、审核人审核、批准人 (分管负责人) 签批; the three steps are this project’s reading of a bureau’s internal sign-off',
    ),
  ],
} satisfies TProcessDefinitionInput;
