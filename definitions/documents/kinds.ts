/**
 * The legal documents (法律文书) a project's acts produce: their kinds, Chinese titles, the facts
 * each needs and the rights a refusal must state (行政许可法 art. 38). One module for every
 * kind, so an act in another branch wires its document with one `engine.issueDocument(…)` call
 * and a template (templates.ts, a table keyed by kind) — nothing else to register.
 */
import { z } from 'zod';
import { APPEAL_RIGHTS } from '../legal/intake-refusal';

export const ZDocumentKind = z.enum([
  'acceptanceNotice',
  'correctionNotice',
  'toleranceCommitment',
  'specialProcedureNotice',
  'extensionNotice',
  'approvalDecision',
  'rejectionDecision',
  'refusalToAccept',
  'promiseNotice',
  'promiseLetter',
  'jointAcceptanceOpinion',
]);
export type TDocumentKind = z.infer<typeof ZDocumentKind>;

/** The title printed on each kind (the names used by the law and the city rules). */
export const DOCUMENT_TITLES: { readonly [K in TDocumentKind]: string } = {
  acceptanceNotice: '受理通知书',
  correctionNotice: '一次性补正告知书',
  toleranceCommitment: '容缺受理承诺书',
  specialProcedureNotice: '特别程序告知书',
  extensionNotice: '延期告知书',
  approvalDecision: '准予行政许可决定书',
  rejectionDecision: '不予行政许可决定书',
  refusalToAccept: '不予受理决定书',
  promiseNotice: '告知承诺审批告知书',
  promiseLetter: '告知承诺书',
  jointAcceptanceOpinion: '联合验收意见书',
};

/** The remedies a refusal must name (行政许可法 art. 38): the one sentence of definitions/legal. */
export const RIGHTS_TEXT = APPEAL_RIGHTS;

/** A calendar date on the official calendar (Asia/Shanghai), `YYYY-MM-DD`. */
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZNamed = z.object({ id: z.string(), title: z.string() });

/** What every document carries: the project, the act, who issues it and when. */
const ZDocumentEnvelope = z.object({
  /** Unique within the project and stable across retries: the act's history seq and the kind. */
  key: z.string().min(1),
  projectId: z.string().min(1),
  projectTitle: z.string(),
  projectCode: z.string().optional(),
  enterpriseId: z.string(),
  /** The issuing body: a department, or (absent) the project assistance centre. */
  issuerDepartmentId: z.string().optional(),
  stage: ZNamed,
  item: ZNamed.optional(),
  /** The user who performed the act (`system` for acts of time). */
  actorUserId: z.string(),
  issuedAt: z.string(),
  /** The act's date on the official calendar. */
  issuedOn: ZDate,
});

const ZToleratedMaterial = ZNamed.extend({
  itemTitle: z.string(),
  /** The last working day to supply it (the deadline ends at 24:00 of it). */
  dueOn: ZDate,
  consequence: z.enum(['withhold-results', 'suspend-approval']),
});

export const ZDocumentFacts = z.discriminatedUnion('kind', [
  ZDocumentEnvelope.extend({
    kind: z.literal('acceptanceNotice'),
    /** accept; acceptWithTolerance; deemed: nobody decided within the intake limit (art. 32). */
    mode: z.enum(['accept', 'acceptWithTolerance', 'deemed']),
    submittedOn: ZDate,
    tolerated: z.array(ZToleratedMaterial),
  }),
  ZDocumentEnvelope.extend({
    kind: z.literal('correctionNotice'),
    /** intake: the application is returned (art. 32, 一次告知); review: a department asks during its review. */
    by: z.enum(['intake', 'review']),
    materials: z.array(ZNamed),
    reason: z.string(),
  }),
  ZDocumentEnvelope.extend({ kind: z.literal('toleranceCommitment'), tolerated: z.array(ZToleratedMaterial).min(1) }),
  ZDocumentEnvelope.extend({
    kind: z.literal('specialProcedureNotice'),
    procedure: z.enum(['expert-review', 'hearing', 'public-notice', 'inspection', 'testing', 'appraisal']),
    days: z.number().int(),
    endsOn: ZDate,
    reason: z.string(),
  }),
  ZDocumentEnvelope.extend({
    kind: z.literal('extensionNotice'),
    days: z.number().int(),
    reason: z.string(),
    /** Who approved the extension (art. 42: the head of the body, or of the local government). */
    approvedBy: z.string(),
    newDueOn: ZDate,
  }),
  ZDocumentEnvelope.extend({ kind: z.literal('approvalDecision'), conditions: z.string().nullable(), results: z.array(z.string()) }),
  ZDocumentEnvelope.extend({ kind: z.literal('rejectionDecision'), reason: z.string() }),
  ZDocumentEnvelope.extend({ kind: z.literal('refusalToAccept'), reasons: z.array(z.string()).min(1) }),
  // 告知承诺 (国办发〔2020〕42号): the department's notice of the conditions and the enterprise's promise to meet them, checked afterwards by `checkBy`.
  ZDocumentEnvelope.extend({ kind: z.literal('promiseNotice'), conditions: z.array(z.string()).min(1), checkBy: ZDate }),
  ZDocumentEnvelope.extend({ kind: z.literal('promiseLetter'), conditions: z.array(z.string()).min(1), checkBy: ZDate }),
  // 联合验收 (issue 16): the one site visit, each part's findings in order, and how many rectification rounds it took.
  ZDocumentEnvelope.extend({
    kind: z.literal('jointAcceptanceOpinion'),
    visitOn: ZDate,
    parts: z.array(z.object({ title: z.string(), departmentId: z.string(), findings: z.array(z.string()).min(1) })).min(1),
    rectifications: z.number().int().min(0),
  }),
]);
export type TDocumentFacts = z.infer<typeof ZDocumentFacts>;
export type TDocumentFactsOf<K extends TDocumentKind> = Extract<TDocumentFacts, { kind: K }>;

/** A special procedure's name as the notice prints it (art. 45 lists them). */
export const PROCEDURE_NAMES: { readonly [K in TDocumentFactsOf<'specialProcedureNotice'>['procedure']]: string } = {
  'expert-review': '专家评审',
  hearing: '听证',
  'public-notice': '公示',
  inspection: '检验',
  testing: '检测',
  appraisal: '鉴定',
};

/** The body named when no department issues the document. */
export const ASSISTANCE_CENTRE = '项目帮办服务中心';

type TEnvelopeField = Exclude<keyof z.infer<typeof ZDocumentEnvelope>, 'issuerDepartmentId'>;
type TDraftOf<F> = F extends unknown ? Omit<F, TEnvelopeField> & { stageId: string; itemId?: string } : never;
/**
 * What an act says about its document: the kind and its own facts, and the stage (and item) it
 * concerns. The engine adds the project, the actor, the dates and the key (ProjectEngine.issueDocument).
 */
export type TDocumentDraft = TDraftOf<TDocumentFacts>;
