/**
 * 不予受理 (refusing to accept an application, 行政许可法 art. 32) and what every adverse
 * decision tells the applicant (art. 38): the reasons from one list, and the rights of appeal
 * in one sentence that the engine's notices and the legal documents share. Pure data.
 */
/**
 * Why an application is refused, with the label the documents print. Art. 32(1)–(2) name the
 * first two; an applicant that may not apply and a correction never made (逾期不补正, the
 * usual city rule after a 一次性补正告知) are refusals cities list; `other` needs its text.
 */
export const INTAKE_REFUSAL_REASONS = {
  'not-licensable': '申请事项依法不需要取得行政许可',
  'not-this-body': '申请事项依法不属于本机关职权范围',
  'applicant-not-eligible': '申请人不具备申请资格',
  'correction-not-made': '申请人逾期未按一次性补正告知补正材料',
  other: '其他依法不予受理的情形',
} as const;

export type TIntakeRefusalReason = keyof typeof INTAKE_REFUSAL_REASONS;
export const INTAKE_REFUSAL_REASON_CODES = Object.keys(INTAKE_REFUSAL_REASONS) as [TIntakeRefusalReason, ...TIntakeRefusalReason[]];

/**
 * The rights an adverse decision states (行政许可法 art. 38(2)): administrative reconsideration
 * within 60 days (行政复议法 (2023) art. 20) or a lawsuit within 6 months (行政诉讼法 art. 46).
 * One sentence, so a notice, the project page and a 决定书 never differ.
 */
export const APPEAL_RIGHTS = '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。';

export function appealRights(): string {
  return APPEAL_RIGHTS;
}
