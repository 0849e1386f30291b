/**
 * The national four-stage flow of the 2019 construction-project approval reform (国办发〔2019〕11号):
 * 立项用地规划许可 → 工程建设许可 → 施工许可 → 竣工验收. It shares no code with the Wuhan
 * definition: the engine is driven by data, not by one city's process.
 */
import type { TProcessDefinitionInput } from '../schema';
import { assume, cite, LAW } from './citations';

const PROMISE = '国办发〔2019〕11号 sets the whole-process ceiling, not per-item promises; figure assumed';

export const nationalFourStage = {
  id: 'national-four-stage',
  version: 1,
  title: { zh: '工程建设项目审批四阶段流程 (全国)', en: 'Construction project approval in four stages (national)' },
  sources: [
    cite(
      `${LAW.reform2019}: 审批流程划分为立项用地规划许可、工程建设许可、施工许可、竣工验收四个阶段; 每个阶段确定一家牵头部门, 实行"一家牵头、并联审批、限时办结"`,
    ),
  ],
  yellowThreshold: 3,
  // "工程建设项目审批时间压缩至120个工作日以内" (国办发〔2019〕11号).
  totalBudget: 120,
  departments: [
    { id: 'development-reform', name: { zh: '发展改革部门', en: 'Development and reform department' } },
    { id: 'natural-resources-planning', name: { zh: '自然资源和规划部门', en: 'Natural resources and planning department' } },
    { id: 'housing-construction', name: { zh: '住房和城乡建设部门', en: 'Housing and urban-rural development department' } },
  ],
  attributes: [
    { key: 'floorArea', label: { zh: '总建筑面积', en: 'Total floor area' }, type: 'number', unit: 'm²' },
    { key: 'specialConstruction', label: { zh: '是否特殊建设工程 (消防)', en: 'Special construction project (fire)' }, type: 'boolean', required: true },
  ],
  stages: [
    {
      id: 'project-land-planning',
      title: { zh: '立项用地规划许可', en: 'Project approval and land-use planning permit' },
      leadDepartment: 'development-reform',
      budget: 25,
      form: {
        fields: [
          { id: 'projectName', label: { zh: '项目名称', en: 'Project name' }, type: 'text' },
          { id: 'siteLocation', label: { zh: '建设地点', en: 'Site location' }, type: 'text' },
          { id: 'totalInvestment', label: { zh: '总投资 (万元)', en: 'Total investment (10k CNY)' }, type: 'number' },
        ],
      },
      items: [
        {
          id: 'project-filing',
          title: { zh: '企业投资项目备案', en: 'Enterprise investment project filing' },
          department: 'development-reform',
          legalLimit: 0,
          promisedLimit: 0,
          yellowThreshold: 0,
          materials: [{ id: 'project-filing-information', title: { zh: '企业投资项目备案信息表', en: 'Project filing information sheet' }, kind: 'core' }],
          results: [{ id: 'project-filing-record', title: { zh: '项目备案证明', en: 'Project filing record' }, kind: 'filing' }],
          source: {
            item: cite(`${LAW.reform2019}: 立项用地规划许可阶段主要包括项目审批核准备案`),
            legalLimit: cite('《企业投资项目核准和备案管理条例》第十四条: 收到全部信息即为备案'),
            promisedLimit: cite('同上'),
          },
        },
        {
          id: 'land-pre-review',
          title: { zh: '用地预审与选址意见书', en: 'Land-use pre-review and site selection opinion' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 10,
          dependsOn: ['project-filing'],
          materials: [
            { id: 'site-boundary-map', title: { zh: '项目用地红线图', en: 'Site boundary map' }, kind: 'core' },
            { id: 'project-filing-proof', title: { zh: '项目备案证明', en: 'Project filing record' }, kind: 'core', providedByResult: 'project-filing-record' },
          ],
          results: [{ id: 'site-selection-opinion', title: { zh: '用地预审与选址意见书', en: 'Site selection opinion' }, kind: 'opinion' }],
          source: {
            item: cite(`${LAW.reform2019}: 选址意见书核发、用地预审`),
            legalLimit: cite('《建设项目用地预审管理办法》: 20日'),
            promisedLimit: assume(PROMISE),
          },
        },
        {
          id: 'land-use-planning-permit',
          title: { zh: '建设用地规划许可证', en: 'Land-use planning permit' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 10,
          dependsOn: ['land-pre-review'],
          materials: [{ id: 'land-grant-contract', title: { zh: '国有建设用地使用权出让合同', en: 'Land-use right grant contract' }, kind: 'core' }],
          results: [{ id: 'land-use-planning-licence', title: { zh: '建设用地规划许可证', en: 'Land-use planning licence' }, kind: 'licence' }],
          source: {
            item: cite(`${LAW.reform2019}: 用地规划许可证核发`),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(PROMISE),
          },
        },
      ],
    },
    {
      id: 'engineering-permit',
      title: { zh: '工程建设许可', en: 'Engineering construction permit' },
      leadDepartment: 'natural-resources-planning',
      budget: 25,
      form: { fields: [{ id: 'designUnit', label: { zh: '设计单位', en: 'Design firm' }, type: 'text' }] },
      items: [
        {
          id: 'design-scheme-review',
          title: { zh: '设计方案审查', en: 'Design scheme review' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 10,
          requiresResults: ['land-use-planning-licence'],
          materials: [{ id: 'design-scheme', title: { zh: '建设工程设计方案', en: 'Design scheme' }, kind: 'core' }],
          results: [{ id: 'design-scheme-opinion', title: { zh: '设计方案审查意见', en: 'Design scheme opinion' }, kind: 'opinion' }],
          source: {
            item: cite(`${LAW.reform2019}: 工程建设许可阶段主要包括设计方案审查、建设工程规划许可证核发`),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(PROMISE),
          },
        },
        {
          id: 'construction-planning-permit',
          title: { zh: '建设工程规划许可证', en: 'Construction project planning permit' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 10,
          dependsOn: ['design-scheme-review'],
          materials: [
            {
              id: 'design-scheme-proof',
              title: { zh: '设计方案审查意见', en: 'Design scheme opinion' },
              kind: 'core',
              providedByResult: 'design-scheme-opinion',
            },
          ],
          results: [{ id: 'construction-planning-licence', title: { zh: '建设工程规划许可证', en: 'Construction planning licence' }, kind: 'licence' }],
          source: {
            item: cite('《中华人民共和国城乡规划法》第四十条'),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(PROMISE),
          },
        },
      ],
    },
    {
      id: 'construction-permit',
      title: { zh: '施工许可', en: 'Construction permit' },
      leadDepartment: 'housing-construction',
      budget: 15,
      form: { fields: [{ id: 'constructionUnit', label: { zh: '施工单位', en: 'Construction contractor' }, type: 'text' }] },
      items: [
        {
          id: 'drawing-review',
          title: { zh: '施工图审查', en: 'Construction drawing review' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 10,
          // 11号: 试点"多图联审"; the technical review may start while the planning permit is processed.
          earlyStart: true,
          requiresResults: ['land-use-planning-licence'],
          materials: [{ id: 'construction-drawings', title: { zh: '施工图设计文件', en: 'Construction drawings' }, kind: 'core' }],
          results: [{ id: 'drawing-review-certificate', title: { zh: '施工图审查合格书', en: 'Drawing review certificate' }, kind: 'certificate' }],
          source: {
            item: cite(`${LAW.reform2019}: 施工许可阶段主要包括消防、人防等设计审核确认和施工许可证核发`),
            legalLimit: cite('《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》: 15个工作日 (大型)'),
            promisedLimit: assume(PROMISE),
          },
        },
        {
          id: 'fire-design-review',
          title: { zh: '消防设计审查', en: 'Fire protection design review' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 10,
          earlyStart: true,
          requiresResults: ['land-use-planning-licence'],
          condition: { attribute: 'specialConstruction', op: 'eq', value: true },
          materials: [{ id: 'fire-design-documents', title: { zh: '消防设计文件', en: 'Fire protection design documents' }, kind: 'core' }],
          results: [{ id: 'fire-design-opinion', title: { zh: '消防设计审查意见书', en: 'Fire design review opinion' }, kind: 'opinion' }],
          source: {
            item: cite(`${LAW.fireRules}第十四条: 特殊建设工程实行消防设计审查`),
            legalLimit: cite(`${LAW.fireRules}第十五条: 15个工作日`),
            promisedLimit: assume(PROMISE),
          },
        },
        {
          id: 'construction-permit',
          title: { zh: '建筑工程施工许可证', en: 'Building construction permit' },
          department: 'housing-construction',
          legalLimit: 7,
          promisedLimit: 5,
          dependsOn: ['drawing-review', 'fire-design-review'],
          requiresResults: ['construction-planning-licence'],
          materials: [
            { id: 'construction-contract', title: { zh: '施工合同', en: 'Construction contract' }, kind: 'core' },
            {
              id: 'funding-commitment',
              title: { zh: '建设资金已经落实承诺书', en: 'Commitment that construction funds are in place' },
              kind: 'tolerable',
              supplyWithinDays: 10,
              onExpiry: 'suspend-approval',
            },
          ],
          results: [
            {
              id: 'construction-permit-licence',
              title: { zh: '建筑工程施工许可证', en: 'Building construction permit' },
              kind: 'licence',
              supervisingDepartment: 'housing-construction',
            },
          ],
          source: {
            item: cite('《中华人民共和国建筑法》第七条'),
            legalLimit: cite('《建筑工程施工许可管理办法》第五条: 7日内'),
            promisedLimit: assume(PROMISE),
          },
        },
      ],
    },
    {
      id: 'completion-acceptance',
      title: { zh: '竣工验收', en: 'Completion acceptance' },
      leadDepartment: 'housing-construction',
      budget: 20,
      form: { fields: [{ id: 'completionDate', label: { zh: '竣工日期', en: 'Completion date' }, type: 'date' }] },
      items: [
        {
          id: 'planning-verification',
          title: { zh: '规划核实', en: 'Planning verification' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 10,
          materials: [{ id: 'completion-survey', title: { zh: '竣工规划测量成果报告', en: 'As-built planning survey' }, kind: 'core' }],
          results: [{ id: 'planning-verification-opinion', title: { zh: '规划核实意见', en: 'Planning verification opinion' }, kind: 'opinion' }],
          source: {
            item: cite(`${LAW.reform2019}: 竣工验收阶段主要包括规划、土地、消防、人防、档案等验收及竣工验收备案; 实行联合验收`),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(PROMISE),
          },
        },
        {
          id: 'fire-acceptance',
          title: { zh: '消防验收', en: 'Fire protection acceptance' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 10,
          condition: { attribute: 'specialConstruction', op: 'eq', value: true },
          materials: [{ id: 'fire-inspection-report', title: { zh: '消防设施检测报告', en: 'Fire installation test report' }, kind: 'core' }],
          results: [{ id: 'fire-acceptance-opinion', title: { zh: '消防验收意见书', en: 'Fire acceptance opinion' }, kind: 'opinion' }],
          source: {
            item: cite(`${LAW.fireRules}第二十六条`),
            legalLimit: cite(`${LAW.fireRules}: 15日`),
            promisedLimit: assume(PROMISE),
          },
        },
        {
          id: 'completion-filing',
          title: { zh: '竣工验收备案', en: 'Completion acceptance filing' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 5,
          dependsOn: ['planning-verification', 'fire-acceptance'],
          materials: [{ id: 'completion-acceptance-report', title: { zh: '工程竣工验收报告', en: 'Completion acceptance report' }, kind: 'core' }],
          results: [{ id: 'completion-filing-record', title: { zh: '竣工验收备案证明', en: 'Completion filing record' }, kind: 'filing' }],
          source: {
            item: cite('《房屋建筑和市政基础设施工程竣工验收备案管理办法》第四条'),
            legalLimit: assume('办法第八条: 15日 check window taken as the legal limit'),
            promisedLimit: assume(PROMISE),
          },
        },
      ],
    },
  ],
} as const satisfies TProcessDefinitionInput;
