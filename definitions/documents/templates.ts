/**
 * The wording of each document kind, as a table keyed by kind: a kind added to ZDocumentKind
 * does not compile until its template is here. Pure: facts in, title and paragraphs out; the
 * activity lays them out as a PDF with the number and the seal block.
 */
import { chineseDate } from './chinese-date';
import { DOCUMENT_TITLES, PROCEDURE_NAMES, RIGHTS_TEXT, type TDocumentFacts, type TDocumentFactsOf, type TDocumentKind } from './kinds';

/** A document's words: paragraphs in order; `rights` adds the remedies (art. 38). */
export interface TDocumentText {
  title: string;
  paragraphs: string[];
  rights: boolean;
}

type TTemplate<K extends TDocumentKind> = (facts: TDocumentFactsOf<K>) => Omit<TDocumentText, 'title'>;

const LAW = '《中华人民共和国行政许可法》';
const numbered = (lines: string[]) => lines.map((l, i) => `${i + 1}. ${l}`);
const subject = (f: TDocumentFacts) => (f.item ? `“${f.item.title}”` : `“${f.stage.title}”阶段`);
/** What a false promise brings (国办发〔2020〕42号). */
const FALSE_PROMISE = '承诺不实的，依法撤销行政许可决定、责令限期改正，记入信用记录，且不再适用告知承诺制。';
const CONSEQUENCES = { 'withhold-results': '本阶段审批结果暂不发放', 'suspend-approval': '相关事项的审批暂停' } as const;
const tolerated = (list: TDocumentFactsOf<'toleranceCommitment'>['tolerated']) =>
  numbered(list.map((m) => `${m.title}（${m.itemTitle}）：${chineseDate(m.dueOn)}二十四时前补齐；逾期未补齐的，${CONSEQUENCES[m.consequence]}。`));

const TEMPLATES: { [K in TDocumentKind]: TTemplate<K> } = {
  acceptanceNotice: (f) => {
    const submitted = `你单位于${chineseDate(f.submittedOn)}提交的“${f.stage.title}”阶段申请`;
    const paragraphs =
      f.mode === 'deemed'
        ? [`${submitted}，本机关未在法定期限内作出是否受理的决定。根据${LAW}第三十二条的规定，自收到申请材料之日起即为受理。`]
        : f.mode === 'accept'
          ? [`${submitted}，申请材料齐全、符合法定形式。根据${LAW}第三十二条的规定，本机关决定予以受理。`]
          : [
              `${submitted}，核心材料齐全、符合法定形式，下列一般性材料暂缺。依照容缺受理的规定，本机关决定予以受理，请于所列期限内补齐：`,
              ...tolerated(f.tolerated),
            ];
    return { paragraphs: [...paragraphs, `受理日期：${chineseDate(f.issuedOn)}。`], rights: false };
  },
  correctionNotice: (f) => ({
    paragraphs:
      f.by === 'intake'
        ? [
            `你单位提交的“${f.stage.title}”阶段申请材料不齐全或者不符合法定形式。根据${LAW}第三十二条的规定，现一次性告知需要补正的全部内容：`,
            ...numbered(f.materials.map((m) => `${m.title}（${m.id}）`)),
            ...(f.reason ? [`说明：${f.reason}`] : []),
            '请按上述内容补正后重新提交申请。',
          ]
        : [
            `本机关在审查你单位${subject(f)}申请的过程中，需要你单位补正下列材料：`,
            ...numbered(f.materials.map((m) => `${m.title}（${m.id}）`)),
            `补正理由：${f.reason}`,
            '补正期间不计算在审查期限内，补正材料提交后审查期限继续计算。',
          ],
    rights: false,
  }),
  toleranceCommitment: (f) => ({
    paragraphs: [
      `本单位申请的“${f.stage.title}”阶段事项，下列一般性材料暂缺，申请容缺受理。本单位承诺在所列期限内补齐，并承担逾期未补齐的后果：`,
      ...tolerated(f.tolerated),
      '承诺人（企业）签章：',
    ],
    rights: false,
  }),
  specialProcedureNotice: (f) => {
    const name = PROCEDURE_NAMES[f.procedure];
    return {
      paragraphs: [
        `你单位申请的${subject(f)}事项，需要进行${name}。根据${LAW}第四十五条的规定，${name}所需时间不计算在行政许可期限内。`,
        `${name}预计需要${f.days}个工作日，至${chineseDate(f.endsOn)}止。`,
        `理由：${f.reason}`,
      ],
      rights: false,
    };
  },
  extensionNotice: (f) => ({
    paragraphs: [
      `你单位申请的${subject(f)}事项，因${f.reason}，不能在规定期限内作出决定。经${f.approvedBy}批准，根据${LAW}第四十二条的规定，审查期限延长${f.days}个工作日。`,
      `延长后的办理期限至${chineseDate(f.newDueOn)}止。`,
    ],
    rights: false,
  }),
  approvalDecision: (f) => ({
    paragraphs: [
      `你单位申请的${subject(f)}事项，经审查，符合法定条件、标准。根据${LAW}第三十八条第一款的规定，本机关决定准予行政许可。`,
      ...(f.conditions ? [`许可附加条件：${f.conditions}`] : []),
      ...(f.results.length > 0 ? [`许可证件：${f.results.join('、')}，随本阶段审批结果统一发放。`] : []),
    ],
    rights: false,
  }),
  rejectionDecision: (f) => ({
    paragraphs: [
      `你单位申请的${subject(f)}事项，经审查，不符合法定条件、标准，理由如下：${f.reason}`,
      `根据${LAW}第三十八条第二款的规定，本机关决定不予行政许可。`,
    ],
    rights: true,
  }),
  refusalToAccept: (f) => ({
    paragraphs: [`你单位提交的“${f.stage.title}”阶段申请，因下列理由，根据${LAW}第三十二条第一款的规定，本机关决定不予受理：`, ...numbered(f.reasons)],
    rights: true,
  }),
  promiseNotice: (f) => ({
    paragraphs: [
      `你单位申请的${subject(f)}事项实行告知承诺制。本机关现告知该事项的许可条件如下：`,
      ...numbered(f.conditions),
      `你单位书面承诺符合上述条件的，本机关将依据承诺作出决定，并于${chineseDate(f.checkBy)}前进行核查。`,
      FALSE_PROMISE,
    ],
    rights: false,
  }),
  promiseLetter: (f) => ({
    paragraphs: [
      `本单位申请${subject(f)}事项，已知晓告知的全部内容，现郑重承诺符合下列条件：`,
      ...numbered(f.conditions),
      `本单位同意于${chineseDate(f.checkBy)}前接受核查。${FALSE_PROMISE}`,
      '承诺人（企业）签章：',
    ],
    rights: false,
  }),
  jointAcceptanceOpinion: (f) => ({
    paragraphs: [
      `你单位申请的“${f.stage.title}”阶段联合验收，由各相关部门于${chineseDate(f.visitOn)}进行联合现场验收${f.rectifications > 0 ? `，经${f.rectifications}次整改复查` : ''}，各部门验收意见如下：`,
      ...numbered(f.parts.map((p) => `${p.title}：${p.findings.join('；')}。`)),
      '经联合验收，各专项验收均已通过，准予通过联合验收。本意见与各专项验收结果随本阶段审批结果统一发放。',
    ],
    rights: false,
  }),
};

/** The words of one document. */
export function documentText(facts: TDocumentFacts): TDocumentText {
  const template = TEMPLATES[facts.kind] as TTemplate<TDocumentKind>;
  return { title: DOCUMENT_TITLES[facts.kind], ...template(facts as never) };
}

export { RIGHTS_TEXT };
