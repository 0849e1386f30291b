/**
 * Wuhan version 3: version 2 with its acceptance stage run as one joint acceptance (联合验收,
 * issue 16): 规划核实, 消防验收, 人防验收 (when the building has a shelter), 竣工验收备案 and, as
 * 验登合一, 不动产首次登记 inspected together on one site visit, with one combined conclusion.
 * Marked `optIn`: projects ask for version 3 by number while version 2 stays the default.
 */
import type { TProcessDefinitionInput } from '../schema';
import { assume, cite } from './citations';
import { wuhanIndustrialV2 } from './wuhan-industrial-v2';

/** Materials that waited for a result of the same stage: the joint acceptance inspects those parts together instead. */
const SAME_STAGE_PROOFS = new Set(['planning-verification-proof', 'fire-acceptance-proof', 'completion-filing-proof']);

export const wuhanIndustrialV3 = {
  ...wuhanIndustrialV2,
  version: 3,
  optIn: true,
  stages: wuhanIndustrialV2.stages.map((acceptance) =>
    acceptance.id !== 'acceptance'
      ? acceptance
      : {
          ...acceptance,
          source: cite('seed 002: 能够后置的审批事项移至监管验收阶段办理; 联合验收 (一次申请、一次现场验收、一次出具意见)'),
          items: acceptance.items.map((item) => ({
            ...item,
            dependsOn: [],
            materials: item.materials.filter((m) => !SAME_STAGE_PROOFS.has(m.id)),
          })),
          joint: {
            // The seeds give no figure for the joint acceptance itself: one site visit and the slowest
            // part's promised 5 days, with room for scheduling — ours, to be confirmed with the city.
            legalLimit: 20,
            promisedLimit: 10,
            maxRectificationDays: 30,
            result: {
              id: 'joint-acceptance-opinion',
              title: { zh: '联合验收意见', en: 'Joint acceptance conclusion' },
              kind: 'opinion',
              supervisingDepartment: 'housing-construction',
            },
            source: {
              item: cite('国办发〔2019〕11号: 实行联合验收, 统一竣工验收图纸和验收标准, 统一出具验收意见'),
              legalLimit: assume('行政许可法 art. 42(2): 联合办理 45 days at most; 20 working days is this project’s assumption'),
              promisedLimit: assume('武汉 联合验收 promised in 10 working days (assumption, to be confirmed)'),
            },
          },
        },
  ),
} satisfies TProcessDefinitionInput;
