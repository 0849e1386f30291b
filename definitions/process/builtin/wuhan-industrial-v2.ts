/**
 * Wuhan version 2: version 1 with approval on a written promise (告知承诺制, 国办发〔2020〕42号)
 * for the energy conservation review. A published definition never changes (hash.test.ts), so
 * the mark is a new version; projects registered under version 1 keep running under it.
 */
import type { TProcessDefinitionInput } from '../schema';
import { assume } from './citations';
import { wuhanIndustrial } from './wuhan-industrial';

/**
 * 节能审查 decides on energy use, not on security, safety, the environment, health, life or
 * property, and its conditions (consumption and efficiency against the standards) can be
 * checked after the decision from metered use; several provinces run it under 告知承诺.
 * The other Wuhan items stay excluded: land (用地, 规划, 不动产), environment (环评), safety
 * and quality (施工图, 消防, 人防, 施工许可, 验收) are core matters (seed 002).
 */
export const energyReviewPromise = {
  category: 'general',
  promise: {
    // The figure is ours: the post-check within a month of working days of the approval.
    postCheckWithinDays: 20,
    conditions: [
      {
        zh: '项目年综合能源消费量和能效水平符合国家、湖北省节能标准及产业能效要求',
        en: "The project's annual energy use and efficiency meet the national and Hubei energy conservation standards",
      },
      {
        zh: '项目不采用国家明令淘汰的用能工艺和设备',
        en: 'The project uses no energy-using process or equipment the state has ordered phased out',
      },
    ],
    source: assume('国办发〔2020〕42号: 各地区各部门确定实行告知承诺制的事项; 节能审查列入武汉市告知承诺事项清单 is this project’s assumption'),
  },
} as const;

export const wuhanIndustrialV2 = {
  ...wuhanIndustrial,
  version: 2,
  stages: wuhanIndustrial.stages.map((stage) => ({
    ...stage,
    items: stage.items.map((item) => (item.id === 'energy-review' ? { ...item, ...energyReviewPromise } : item)),
  })),
} satisfies TProcessDefinitionInput;
