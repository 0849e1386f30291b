/**
 * The default process: a Wuhan-style industrial investment project in three stages (seed 002):
 * 前期准备 → 开工审批 → 监管验收, government time at most 39 working days. Each item cites the
 * rule behind it and its limits; figures without a published source are marked `assume`.
 */
import type { TProcessDefinitionInput } from '../schema';
import { assume, cite, LAW } from './citations';

const ZH_CITY_PROMISE = '武汉 "三办" 改革: 每个事项明确法定时限和承诺时限 (seed 000); 具体天数未公布';

export const wuhanIndustrial = {
  id: 'wuhan-industrial',
  version: 1,
  title: { zh: '武汉市工业投资项目三阶段并联审批', en: 'Wuhan industrial investment project, three-stage parallel approval' },
  description: {
    zh: '分段审、分时批: 核心要件从严, 一般要件容缺; 技术性审查提前介入; 联合验收。',
    en: 'Review by stage, approve at the right time: core materials strictly, others tolerated; technical reviews start early; joint acceptance.',
  },
  sources: [cite(LAW.seedWuhan), cite('seed 001 (乌鲁木齐): 一个阶段一张表单, 各阶段牵头部门, 统一收件、按责转办、统一出件')],
  // Yellow card two working days before the promised due (红黄牌, seeds 000/002); the figure is ours.
  yellowThreshold: 2,
  // "政府部门的审批时限 ... 减少到最长不超过39个工作日" (seed 002).
  totalBudget: 39,
  departments: [
    {
      id: 'development-reform',
      name: { zh: '发展和改革委员会', en: 'Development and Reform Commission' },
      source: cite('seed 002: 帮办中心在市经信委领导下; 项目备案、节能审查属发改'),
    },
    {
      id: 'natural-resources-planning',
      name: { zh: '自然资源和规划局', en: 'Natural Resources and Planning Bureau' },
      source: cite('seed 002: 国土规划部门 (2019年机构改革后为自然资源和规划局), 含不动产登记'),
    },
    {
      id: 'ecology-environment',
      name: { zh: '生态环境局', en: 'Ecology and Environment Bureau' },
      source: cite('《中华人民共和国环境影响评价法》第二十二条: 生态环境主管部门审批'),
    },
    {
      id: 'housing-construction',
      name: { zh: '住房和城乡建设局', en: 'Housing and Urban-Rural Development Bureau' },
      source: cite(`${LAW.fireRules}第三条: 消防设计审查验收由住房和城乡建设主管部门负责`),
    },
    {
      id: 'civil-air-defence',
      name: { zh: '人民防空办公室', en: 'Civil Air Defence Office' },
      source: cite('《中华人民共和国人民防空法》第二十二条: 城市新建民用建筑按国家规定修建防空地下室'),
    },
  ],
  attributes: [
    { key: 'floorArea', label: { zh: '总建筑面积', en: 'Total floor area' }, type: 'number', unit: 'm²', required: true },
    { key: 'investment', label: { zh: '总投资', en: 'Total investment' }, type: 'number', unit: '万元', required: true },
    {
      key: 'industry',
      label: { zh: '行业', en: 'Industry' },
      type: 'select',
      options: ['manufacturing', 'electronics', 'biomedicine', 'automotive', 'new-materials', 'other'],
    },
    {
      key: 'eiaCategory',
      label: { zh: '环评类别', en: 'Environmental impact assessment category' },
      type: 'select',
      // 环境影响评价法第十六条: 报告书 / 报告表 / 登记表 by the scale of the impact.
      options: ['report', 'form', 'registration'],
      required: true,
    },
    { key: 'annualEnergyTce', label: { zh: '年综合能源消费量', en: 'Annual energy use' }, type: 'number', unit: 'tce' },
    { key: 'annualElectricityMwh', label: { zh: '年电力消费量', en: 'Annual electricity use' }, type: 'number', unit: 'MWh' },
  ],
  stages: [
    {
      id: 'preparation',
      title: { zh: '前期准备', en: 'Preparation' },
      leadDepartment: 'development-reform',
      // Critical path 10 (filing 0 → land pre-review 5 → land-use planning permit 5); 2 days of slack.
      budget: 12,
      source: cite('seed 002: 前期准备阶段; 中介技术服务尽量提前到本阶段'),
      form: {
        fields: [
          { id: 'projectName', label: { zh: '项目名称', en: 'Project name' }, type: 'text' },
          { id: 'enterpriseCreditCode', label: { zh: '统一社会信用代码', en: 'Unified social credit code' }, type: 'text' },
          { id: 'siteLocation', label: { zh: '建设地点', en: 'Site location' }, type: 'text' },
          { id: 'constructionScope', label: { zh: '建设规模及内容', en: 'Scale and content of construction' }, type: 'text' },
          { id: 'totalInvestment', label: { zh: '总投资 (万元)', en: 'Total investment (10k CNY)' }, type: 'number' },
          { id: 'plannedStart', label: { zh: '计划开工日期', en: 'Planned start of construction' }, type: 'date', required: false },
        ],
      },
      items: [
        {
          id: 'project-filing',
          title: { zh: '企业投资项目备案', en: 'Enterprise investment project filing' },
          department: 'development-reform',
          // 备案 is complete when the information is received: same day, so no yellow card (a promised
          // limit of 0 is green all its day and red after it, definitions/clock/legal-clock.ts).
          legalLimit: 0,
          promisedLimit: 0,
          yellowThreshold: 0,
          materials: [{ id: 'project-filing-information', title: { zh: '企业投资项目备案信息表', en: 'Project filing information sheet' }, kind: 'core' }],
          results: [{ id: 'project-filing-record', title: { zh: '项目备案证明', en: 'Project filing record' }, kind: 'filing' }],
          source: {
            item: cite('《企业投资项目核准和备案管理条例》(国务院令第673号)第三条、第十三条: 核准目录外的项目实行备案管理'),
            legalLimit: cite('《企业投资项目核准和备案管理条例》第十四条: 备案机关收到全部信息即为备案 (当场)'),
            promisedLimit: cite('同上: 当场办结'),
          },
        },
        {
          id: 'land-pre-review',
          title: { zh: '建设项目用地预审与选址意见书', en: 'Land-use pre-review and site selection opinion' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 5,
          dependsOn: ['project-filing'],
          materials: [
            {
              id: 'land-pre-review-application',
              title: { zh: '建设项目用地预审与选址申请表', en: 'Application for land pre-review and site selection' },
              kind: 'core',
            },
            { id: 'site-boundary-map', title: { zh: '项目用地红线图', en: 'Site boundary map' }, kind: 'core' },
            { id: 'project-filing-proof', title: { zh: '项目备案证明', en: 'Project filing record' }, kind: 'core', providedByResult: 'project-filing-record' },
          ],
          results: [
            { id: 'site-selection-opinion', title: { zh: '建设项目用地预审与选址意见书', en: 'Land pre-review and site selection opinion' }, kind: 'opinion' },
          ],
          source: {
            item: cite('《自然资源部关于以"多规合一"为基础推进规划用地"多审合一、多证合一"改革的通知》(自然资规〔2019〕2号): 用地预审与选址意见书合并'),
            legalLimit: cite('《建设项目用地预审管理办法》(国土资源部令第68号): 受理之日起20日内完成审查'),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'land-use-planning-permit',
          title: { zh: '建设用地规划许可证', en: 'Land-use planning permit' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 5,
          dependsOn: ['land-pre-review'],
          materials: [
            { id: 'land-grant-contract', title: { zh: '国有建设用地使用权出让合同', en: 'State-owned land-use right grant contract' }, kind: 'core' },
            {
              id: 'site-selection-proof',
              title: { zh: '用地预审与选址意见书', en: 'Site selection opinion' },
              kind: 'core',
              providedByResult: 'site-selection-opinion',
            },
          ],
          results: [{ id: 'land-use-planning-licence', title: { zh: '建设用地规划许可证', en: 'Land-use planning licence' }, kind: 'licence' }],
          source: {
            item: cite('《中华人民共和国城乡规划法》第三十八条: 出让方式取得土地使用权的, 领取建设用地规划许可证'),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'eia-report-approval',
          title: { zh: '环境影响报告书审批', en: 'Approval of the environmental impact report' },
          department: 'ecology-environment',
          legalLimit: 60,
          promisedLimit: 10,
          condition: { attribute: 'eiaCategory', op: 'eq', value: 'report' },
          materials: [
            { id: 'eia-report', title: { zh: '环境影响报告书', en: 'Environmental impact report' }, kind: 'core' },
            { id: 'public-participation-statement', title: { zh: '公众参与说明', en: 'Public participation statement' }, kind: 'core' },
          ],
          results: [
            {
              id: 'eia-report-approval-opinion',
              title: { zh: '环境影响报告书批复', en: 'EIA report approval' },
              kind: 'opinion',
              supervisingDepartment: 'ecology-environment',
            },
          ],
          source: {
            item: cite('《中华人民共和国环境影响评价法》第十六条: 可能造成重大环境影响的, 编制环境影响报告书'),
            legalLimit: cite('《中华人民共和国环境影响评价法》第二十二条: 报告书自收到之日起60日内作出审批决定'),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'eia-form-approval',
          title: { zh: '环境影响报告表审批', en: 'Approval of the environmental impact form' },
          department: 'ecology-environment',
          legalLimit: 30,
          promisedLimit: 10,
          // 登记表 projects only file online (环评法第二十二条第四款), so neither approval applies.
          condition: { attribute: 'eiaCategory', op: 'eq', value: 'form' },
          materials: [{ id: 'eia-form', title: { zh: '环境影响报告表', en: 'Environmental impact form' }, kind: 'core' }],
          results: [
            {
              id: 'eia-form-approval-opinion',
              title: { zh: '环境影响报告表批复', en: 'EIA form approval' },
              kind: 'opinion',
              supervisingDepartment: 'ecology-environment',
            },
          ],
          source: {
            item: cite('《中华人民共和国环境影响评价法》第十六条: 可能造成轻度环境影响的, 编制环境影响报告表'),
            legalLimit: cite('《中华人民共和国环境影响评价法》第二十二条: 报告表自收到之日起30日内作出审批决定'),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'energy-review',
          title: { zh: '固定资产投资项目节能审查', en: 'Energy conservation review' },
          department: 'development-reform',
          legalLimit: 20,
          promisedLimit: 5,
          dependsOn: ['project-filing'],
          // Below 1000 tce and 5 million kWh a year there is no separate review.
          condition: {
            any: [
              { attribute: 'annualEnergyTce', op: 'gte', value: 1000 },
              { attribute: 'annualElectricityMwh', op: 'gte', value: 5000 },
            ],
          },
          materials: [{ id: 'energy-report', title: { zh: '节能报告', en: 'Energy conservation report' }, kind: 'core' }],
          results: [{ id: 'energy-review-opinion', title: { zh: '节能审查意见', en: 'Energy review opinion' }, kind: 'opinion' }],
          source: {
            item: cite(
              '《固定资产投资项目节能审查办法》(国家发展改革委令2016年第44号): 年综合能源消费量1000吨标准煤或年电力消费量500万千瓦时以上的项目单独进行节能审查',
            ),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'land-title',
          title: { zh: '不动产权证书 (国有建设用地使用权首次登记)', en: 'Land title (first registration of the land-use right)' },
          department: 'natural-resources-planning',
          legalLimit: 30,
          promisedLimit: 5,
          dependsOn: ['land-pre-review'],
          materials: [
            { id: 'land-grant-contract', title: { zh: '国有建设用地使用权出让合同', en: 'State-owned land-use right grant contract' }, kind: 'core' },
            { id: 'land-price-receipt', title: { zh: '土地出让价款缴纳凭证', en: 'Receipt for the land price' }, kind: 'core' },
            // The tax record can be checked online later: tolerated, but no certificate before it arrives.
            {
              id: 'deed-tax-receipt',
              title: { zh: '契税完税凭证', en: 'Deed tax receipt' },
              kind: 'tolerable',
              supplyWithinDays: 10,
              onExpiry: 'withhold-results',
            },
          ],
          results: [{ id: 'land-title-certificate', title: { zh: '不动产权证书 (土地)', en: 'Real estate title certificate (land)' }, kind: 'certificate' }],
          source: {
            item: cite('《不动产登记暂行条例》第五条、第十四条: 建设用地使用权首次登记'),
            legalLimit: cite(LAW.realEstateRegistration),
            promisedLimit: cite(LAW.registrationCompressed),
          },
        },
      ],
    },
    {
      id: 'construction-approval',
      title: { zh: '开工审批', en: 'Construction approval' },
      leadDepartment: 'housing-construction',
      // Critical path 8: planning permit 5 → construction permit 3 (the drawing reviews ran early).
      budget: 10,
      source: cite('seed 002: 开工审批阶段, 突出"早开工"; 国土规划、消防等部门同步进行技术性审查, 提前出具技术性审查结论'),
      form: {
        fields: [
          { id: 'designUnit', label: { zh: '设计单位', en: 'Design firm' }, type: 'text' },
          { id: 'constructionUnit', label: { zh: '施工单位', en: 'Construction contractor' }, type: 'text' },
          { id: 'supervisionUnit', label: { zh: '监理单位', en: 'Supervision firm' }, type: 'text', required: false },
          { id: 'contractPrice', label: { zh: '合同价格 (万元)', en: 'Contract price (10k CNY)' }, type: 'number' },
          { id: 'plannedCompletion', label: { zh: '计划竣工日期', en: 'Planned completion' }, type: 'date' },
        ],
      },
      items: [
        {
          id: 'construction-planning-permit',
          title: { zh: '建设工程规划许可证', en: 'Construction project planning permit' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 5,
          requiresResults: ['land-use-planning-licence', 'land-title-certificate'],
          materials: [
            { id: 'design-scheme', title: { zh: '建设工程设计方案总平面图', en: 'Site plan of the design scheme' }, kind: 'core' },
            {
              id: 'land-use-planning-proof',
              title: { zh: '建设用地规划许可证', en: 'Land-use planning licence' },
              kind: 'core',
              providedByResult: 'land-use-planning-licence',
            },
            {
              id: 'land-title-proof',
              title: { zh: '不动产权证书 (土地)', en: 'Land title certificate' },
              kind: 'core',
              providedByResult: 'land-title-certificate',
            },
          ],
          results: [{ id: 'construction-planning-licence', title: { zh: '建设工程规划许可证', en: 'Construction project planning licence' }, kind: 'licence' }],
          source: {
            item: cite('《中华人民共和国城乡规划法》第四十条: 建设单位应当申请办理建设工程规划许可证, 提交使用土地的有关证明文件、建设工程设计方案'),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'drawing-review',
          title: { zh: '施工图联合审查', en: 'Joint review of construction drawings' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 10,
          // 提前介入 (seed 002: "在国土规划部门批复…后 … 同步进行技术性审查"): this review and the fire and
          // civil air defence design reviews start during preparation as soon as the land pre-review
          // that decides the site selection opinion is approved, not when it is issued at the end of
          // preparation (engine rules 2, project-engine.ts dependenciesMet).
          earlyStart: true,
          requiresResults: ['site-selection-opinion'],
          materials: [
            { id: 'construction-drawings', title: { zh: '施工图设计文件', en: 'Construction drawings' }, kind: 'core' },
            { id: 'geotechnical-report', title: { zh: '岩土工程勘察报告', en: 'Geotechnical investigation report' }, kind: 'core' },
            { id: 'design-contract', title: { zh: '设计合同', en: 'Design contract' }, kind: 'tolerable', supplyWithinDays: 5, onExpiry: 'withhold-results' },
          ],
          results: [{ id: 'drawing-review-certificate', title: { zh: '施工图审查合格书', en: 'Drawing review certificate' }, kind: 'certificate' }],
          source: {
            item: cite('《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》(住房和城乡建设部令第13号); seed 002: 施工图、消防设计等技术性审查提前'),
            legalLimit: cite('《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》: 大型房屋建筑工程15个工作日, 中型及以下10个工作日'),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'fire-design-review',
          title: { zh: '消防设计审查', en: 'Fire protection design review' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 10,
          earlyStart: true,
          requiresResults: ['site-selection-opinion'],
          materials: [{ id: 'fire-design-documents', title: { zh: '消防设计文件', en: 'Fire protection design documents' }, kind: 'core' }],
          results: [{ id: 'fire-design-opinion', title: { zh: '消防设计审查意见书', en: 'Fire design review opinion' }, kind: 'opinion' }],
          source: {
            item: cite(`${LAW.fireRules}第十四条: 特殊建设工程实行消防设计审查`),
            legalLimit: cite(`${LAW.fireRules}第十五条: 受理之日起15个工作日内出具书面审查意见`),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'civil-air-defence-design-review',
          title: { zh: '人防工程设计审查', en: 'Civil air defence design review' },
          department: 'civil-air-defence',
          legalLimit: 20,
          promisedLimit: 10,
          earlyStart: true,
          requiresResults: ['site-selection-opinion'],
          condition: { attribute: 'floorArea', op: 'gte', value: 10000 },
          materials: [{ id: 'civil-air-defence-drawings', title: { zh: '防空地下室施工图', en: 'Air-raid shelter drawings' }, kind: 'core' }],
          results: [{ id: 'civil-air-defence-design-opinion', title: { zh: '人防工程设计审查意见', en: 'Civil air defence design opinion' }, kind: 'opinion' }],
          source: {
            item: cite('《中华人民共和国人民防空法》第二十二条; 10000 m² threshold: assumption, set per city by its 人防 regulations'),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'construction-permit',
          title: { zh: '建筑工程施工许可证', en: 'Building construction permit' },
          department: 'housing-construction',
          legalLimit: 7,
          promisedLimit: 3,
          dependsOn: ['construction-planning-permit', 'drawing-review', 'fire-design-review', 'civil-air-defence-design-review'],
          materials: [
            {
              id: 'construction-planning-proof',
              title: { zh: '建设工程规划许可证', en: 'Construction planning licence' },
              kind: 'core',
              providedByResult: 'construction-planning-licence',
            },
            { id: 'construction-contract', title: { zh: '施工合同', en: 'Construction contract' }, kind: 'core' },
            { id: 'quality-safety-measures', title: { zh: '保证工程质量和安全的具体措施', en: 'Quality and safety measures' }, kind: 'core' },
            // Funding is a general document (not land, environment, safety or quality): tolerated under commitment.
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
            item: cite('《中华人民共和国建筑法》第七条、第八条: 开工前申请领取施工许可证'),
            legalLimit: cite('《建筑工程施工许可管理办法》(住房和城乡建设部令第18号, 2018年修正)第五条: 自收到申请之日起7日内'),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
      ],
    },
    {
      id: 'acceptance',
      title: { zh: '监管验收', en: 'Supervision and acceptance' },
      leadDepartment: 'housing-construction',
      // Joint acceptance 5 → completion filing 3 → first registration 5 = 13.
      budget: 15,
      source: cite('seed 002: 能够后置的审批事项移至监管验收阶段办理; 联合验收'),
      form: {
        fields: [
          { id: 'completionDate', label: { zh: '竣工日期', en: 'Completion date' }, type: 'date' },
          { id: 'acceptanceContact', label: { zh: '验收联系人', en: 'Acceptance contact' }, type: 'text' },
        ],
      },
      items: [
        {
          id: 'planning-verification',
          title: { zh: '规划条件核实', en: 'Verification of planning conditions' },
          department: 'natural-resources-planning',
          legalLimit: 20,
          promisedLimit: 5,
          materials: [
            { id: 'completion-survey', title: { zh: '竣工规划测量成果报告', en: 'As-built planning survey' }, kind: 'core' },
            {
              id: 'construction-planning-proof',
              title: { zh: '建设工程规划许可证', en: 'Construction planning licence' },
              kind: 'core',
              providedByResult: 'construction-planning-licence',
            },
          ],
          results: [{ id: 'planning-verification-opinion', title: { zh: '规划核实意见', en: 'Planning verification opinion' }, kind: 'opinion' }],
          source: {
            item: cite('《中华人民共和国城乡规划法》第四十五条: 竣工验收前核实是否符合规划条件'),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'fire-acceptance',
          title: { zh: '消防验收', en: 'Fire protection acceptance' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 5,
          materials: [
            { id: 'fire-inspection-report', title: { zh: '消防设施检测报告', en: 'Fire installation test report' }, kind: 'core' },
            {
              id: 'fire-design-proof',
              title: { zh: '消防设计审查意见书', en: 'Fire design review opinion' },
              kind: 'core',
              providedByResult: 'fire-design-opinion',
            },
          ],
          results: [{ id: 'fire-acceptance-opinion', title: { zh: '消防验收意见书', en: 'Fire acceptance opinion' }, kind: 'opinion' }],
          source: {
            item: cite(`${LAW.fireRules}第二十六条: 特殊建设工程竣工验收后申请消防验收`),
            legalLimit: cite(`${LAW.fireRules}: 受理之日起15日内出具消防验收意见`),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'civil-air-defence-acceptance',
          title: { zh: '人防工程竣工验收', en: 'Civil air defence acceptance' },
          department: 'civil-air-defence',
          legalLimit: 20,
          promisedLimit: 5,
          condition: { attribute: 'floorArea', op: 'gte', value: 10000 },
          materials: [
            { id: 'civil-air-defence-completion-report', title: { zh: '人防工程竣工报告', en: 'Air-raid shelter completion report' }, kind: 'core' },
            {
              id: 'civil-air-defence-design-proof',
              title: { zh: '人防工程设计审查意见', en: 'Civil air defence design opinion' },
              kind: 'core',
              providedByResult: 'civil-air-defence-design-opinion',
            },
          ],
          results: [
            { id: 'civil-air-defence-acceptance-opinion', title: { zh: '人防工程验收意见', en: 'Civil air defence acceptance opinion' }, kind: 'opinion' },
          ],
          source: {
            item: cite('《中华人民共和国人民防空法》第二十二条; same threshold as the design review (assumption)'),
            legalLimit: cite(LAW.licensingDefault),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'completion-filing',
          title: { zh: '竣工验收备案', en: 'Completion acceptance filing' },
          department: 'housing-construction',
          legalLimit: 15,
          promisedLimit: 3,
          dependsOn: ['planning-verification', 'fire-acceptance', 'civil-air-defence-acceptance'],
          materials: [
            { id: 'completion-acceptance-report', title: { zh: '工程竣工验收报告', en: 'Completion acceptance report' }, kind: 'core' },
            {
              id: 'planning-verification-proof',
              title: { zh: '规划核实意见', en: 'Planning verification opinion' },
              kind: 'core',
              providedByResult: 'planning-verification-opinion',
            },
            {
              id: 'fire-acceptance-proof',
              title: { zh: '消防验收意见书', en: 'Fire acceptance opinion' },
              kind: 'core',
              providedByResult: 'fire-acceptance-opinion',
            },
          ],
          results: [
            {
              id: 'completion-filing-record',
              title: { zh: '竣工验收备案证明', en: 'Completion filing record' },
              kind: 'filing',
              supervisingDepartment: 'housing-construction',
            },
          ],
          source: {
            item: cite('《房屋建筑和市政基础设施工程竣工验收备案管理办法》(住房和城乡建设部令第2号)第四条: 竣工验收合格之日起15日内备案'),
            legalLimit: assume('办法第八条: 备案机关收讫备案文件15日内发现违法行为的责令停止使用 — the 15-day check window taken as the legal limit'),
            promisedLimit: assume(ZH_CITY_PROMISE),
          },
        },
        {
          id: 'first-registration',
          title: { zh: '不动产首次登记 (房屋所有权)', en: 'First registration of the building' },
          department: 'natural-resources-planning',
          legalLimit: 30,
          promisedLimit: 5,
          dependsOn: ['completion-filing'],
          materials: [
            { id: 'building-survey-report', title: { zh: '房屋测绘报告', en: 'Building survey report' }, kind: 'core' },
            {
              id: 'land-title-proof',
              title: { zh: '不动产权证书 (土地)', en: 'Land title certificate' },
              kind: 'core',
              providedByResult: 'land-title-certificate',
            },
            {
              id: 'completion-filing-proof',
              title: { zh: '竣工验收备案证明', en: 'Completion filing record' },
              kind: 'core',
              providedByResult: 'completion-filing-record',
            },
          ],
          results: [
            { id: 'building-title-certificate', title: { zh: '不动产权证书 (房屋)', en: 'Real estate title certificate (building)' }, kind: 'certificate' },
          ],
          source: {
            item: cite('《不动产登记暂行条例》第五条: 房屋所有权首次登记; DOMAIN.md: 不动产首次登记 in joint acceptance'),
            legalLimit: cite(LAW.realEstateRegistration),
            promisedLimit: cite(LAW.registrationCompressed),
          },
        },
      ],
    },
  ],
} as const satisfies TProcessDefinitionInput;
