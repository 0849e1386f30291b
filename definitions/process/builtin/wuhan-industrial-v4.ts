/**
 * Wuhan version 4, the default (issue 16): version 3's joint acceptance (联合验收) for every new
 * project, with one as-built survey for the acceptance (多测合一) and the park's geological-hazard
 * assessment (区域评估) serving land pre-review. Version 3 stays published, opt-in, unchanged.
 */
import type { TProcessDefinitionInput } from '../schema';
import { wuhanIndustrialV3 } from './wuhan-industrial-v3';

/**
 * 多测合一 (国办发〔2019〕11号: 将...竣工验收阶段的规划核实测量、房产测绘等整合为"联合测绘"): the
 * as-built planning survey and the building survey are one survey result, supplied once.
 */
const AS_BUILT_SURVEY = new Set(['completion-survey', 'building-survey-report']);

/**
 * 《地质灾害防治条例》第二十一条: a project in a hazard-prone area is assessed before its land is
 * approved; 国办发〔2019〕11号 lets a park do it once for every project inside it (区域评估).
 */
const geoHazardAssessment = {
  id: 'geo-hazard-assessment',
  title: { zh: '地质灾害危险性评估报告', en: 'Geological hazard risk assessment' },
  kind: 'core',
  parkAssessment: 'geological-hazards',
} as const;

const { optIn: _optIn, ...jointByDefault } = wuhanIndustrialV3;

export const wuhanIndustrialV4 = {
  ...jointByDefault,
  version: 4,
  stages: jointByDefault.stages.map((stage) => ({
    ...stage,
    items: stage.items.map((item) => {
      const materials = item.materials.map((m) => (AS_BUILT_SURVEY.has(m.id) ? { ...m, survey: 'as-built-survey' } : m));
      return { ...item, materials: item.id === 'land-pre-review' ? [...materials, geoHazardAssessment] : materials };
    }),
  })),
} satisfies TProcessDefinitionInput;
