/**
 * Citations for built-in definitions: `cite` for a regulation or published guide, `assume` for a
 * figure this project chose without a source (to be confirmed with the city).
 */
export const cite = (ref: string) => ({ ref, assumption: false }) as const;
export const assume = (ref: string) => ({ ref, assumption: true }) as const;

/** Sources used by several items, cited once. */
export const LAW = {
  /** 行政许可法 art. 42: decide within 20 days unless a law sets another limit; art. 82: working days. */
  licensingDefault: '《中华人民共和国行政许可法》第四十二条: 20日内作出决定 (第八十二条: 以工作日计算)',
  seedWuhan: 'seed 002: 武汉市工业项目帮办服务中心, 三个阶段 (前期准备/开工审批/监管验收), 31→14 个环节, 100→39 个工作日',
  realEstateRegistration: '《不动产登记暂行条例》第二十条: 受理之日起30个工作日内办结',
  registrationCompressed: '《国务院办公厅关于压缩不动产登记办理时间的通知》(国办发〔2019〕8号): 一般登记压缩至5个工作日以内',
  fireRules: '《建设工程消防设计审查验收管理暂行规定》(住房和城乡建设部令第51号)',
  reform2019: '《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》(国办发〔2019〕11号)',
} as const;
