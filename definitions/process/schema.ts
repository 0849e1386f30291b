/**
 * The shape of a process definition (a city's approval process as data): zod schemas `Z…`
 * and their inferred types `T…`. Rules that span elements (references, cycles, budgets) live
 * in validate.ts; all durations are working days (行政许可法 art. 82).
 */
import { z } from 'zod';
import { ZCardLadder } from '../clock/card-ladder';
import { ZSignoffChain } from './signoff';

/** Ids are lower-case kebab-case so they read well in paths, URLs and search attributes. */
export const ZId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id such as "land-use-planning-permit"');
/** Attribute keys are camelCase (they are form fields and JSON keys of a project). */
export const ZAttributeKey = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a camelCase attribute key such as "floorArea"');
/** A calendar date 'YYYY-MM-DD' (Asia/Shanghai), the unit the working-day calendar counts in. */
export const ZIsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');
/** A number of working days (行政许可法 art. 82 counts limits in working days). */
export const ZWorkdays = z.number().int().min(0);

/** Every user-facing text is bilingual: Chinese is authoritative, English for the UI and code readers. */
export const ZText = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });
export type TText = z.infer<typeof ZText>;

/** Where an element comes from: a regulation, a city's published guide, or an explicit assumption. */
export const ZCitation = z.object({
  ref: z.string().trim().min(1),
  /** True when no source was found and the figure is this project's assumption, to be confirmed. */
  assumption: z.boolean().default(false),
});
export type TCitation = z.infer<typeof ZCitation>;

export const ZDepartment = z.object({
  id: ZId,
  name: ZText,
  source: ZCitation.optional(),
  /** The department's sign-off chain (承办 → 审核 → 批准) for its items that give none; absent: one step, as always. */
  signoff: ZSignoffChain.optional(),
});
export type TDepartment = z.infer<typeof ZDepartment>;

/** A project attribute registered once (e.g. floorArea); conditions on items test these. */
export const ZAttributeSpec = z.object({
  key: ZAttributeKey,
  label: ZText,
  type: z.enum(['number', 'text', 'boolean', 'select', 'date']),
  /** Allowed values of a `select` attribute. */
  options: z.array(z.string().min(1)).optional(),
  unit: z.string().optional(),
  /** Must be given at registration; the planner treats a missing one as unknown, not false. */
  required: z.boolean().default(false),
});
export type TAttributeSpec = z.infer<typeof ZAttributeSpec>;

const ZScalar = z.union([z.string(), z.number(), z.boolean()]);
export type TAttributeValue = z.infer<typeof ZScalar>;
/** A project's attribute values, keyed by `ZAttributeSpec.key`. */
export const ZProjectAttributes = z.record(z.string(), ZScalar);
export type TProjectAttributes = z.infer<typeof ZProjectAttributes>;

/** One test on an attribute; `in` takes a list. Kept deliberately small (no expressions). */
export const ZComparison = z.union([
  z.object({ attribute: ZAttributeKey, op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']), value: ZScalar }),
  z.object({ attribute: ZAttributeKey, op: z.literal('in'), value: z.array(ZScalar).min(1) }),
]);
export type TComparison = z.infer<typeof ZComparison>;
/** A condition is one comparison, or `all`/`any` of comparisons (one level, no nesting). */
export const ZCondition = z.union([ZComparison, z.object({ all: z.array(ZComparison).min(1) }), z.object({ any: z.array(ZComparison).min(1) })]);
export type TCondition = z.infer<typeof ZCondition>;

/**
 * The area-wide assessments a park commissions once (区域评估, issue 16) so that projects inside
 * it need not repeat them.
 */
export const ASSESSMENT_TYPES = ['environment', 'energy', 'geological-hazards', 'earthquake-safety', 'water', 'cultural-relics'] as const;
export const ZAssessmentType = z.enum(ASSESSMENT_TYPES);
export type TAssessmentType = z.infer<typeof ZAssessmentType>;

const ZMaterialBase = z.object({
  id: ZId,
  title: ZText,
  /** A result of an earlier item that supplies this material (电子证照 reuse): never asked again (seed 002, 004). */
  providedByResult: ZId.optional(),
  /**
   * 多测合一 (one survey for all): a survey result of this type (e.g. `as-built-survey`). Supplied
   * once, it satisfies every material of the project with the same survey type, in any stage.
   */
  survey: ZId.optional(),
  /** 区域评估: satisfied by the park's valid assessment of this type for a project inside the park, and never asked for. */
  parkAssessment: ZAssessmentType.optional(),
});
/**
 * Core materials (land planning, environment, safety, construction quality) are checked strictly;
 * tolerable ones may be missing at intake and supplied later under a commitment (容缺受理, seed 002).
 */
export const ZMaterial = z.discriminatedUnion('kind', [
  ZMaterialBase.extend({ kind: z.literal('core') }),
  ZMaterialBase.extend({
    kind: z.literal('tolerable'),
    /** Working days the enterprise has to supply it after intake. */
    supplyWithinDays: z.number({ error: 'a tolerable material needs supplyWithinDays: the working days the enterprise has to supply it' }).int().min(1),
    /** What happens when the commitment expires unfulfilled. */
    onExpiry: z.enum(['withhold-results', 'suspend-approval'], {
      error: "a tolerable material needs onExpiry: 'withhold-results' or 'suspend-approval'",
    }),
  }),
]);
export type TMaterial = z.infer<typeof ZMaterial>;

/** What an item issues; a supervising department receives it at once (审管联动, seed 002 Shiyan). */
export const ZResult = z.object({
  id: ZId,
  title: ZText,
  kind: z.enum(['licence', 'certificate', 'opinion', 'filing']),
  supervisingDepartment: ZId.optional(),
});
export type TResult = z.infer<typeof ZResult>;

/** Where an item, its department and its two limits come from. */
export const ZItemSource = z.object({ item: ZCitation, legalLimit: ZCitation, promisedLimit: ZCitation });
export type TItemSource = z.infer<typeof ZItemSource>;

/**
 * What an item decides about. 告知承诺制 (国办发〔2020〕42号) excludes matters of national
 * security, public safety, the environment, health, life and property; land planning and
 * construction quality are this project's core matters (their materials are never tolerated,
 * seed 002), so they are excluded too. Only a `general` item may take a written promise.
 */
export const PROMISE_EXCLUDED_CATEGORIES = [
  'national-security',
  'public-safety',
  'environment',
  'health',
  'life-and-property',
  'land-planning',
  'construction-quality',
] as const;
export const ZItemCategory = z.enum([...PROMISE_EXCLUDED_CATEGORIES, 'general']);
export type TItemCategory = z.infer<typeof ZItemCategory>;

/**
 * An item decided on the enterprise's written promise (告知承诺制, 国办发〔2020〕42号): the
 * department approves on the signed 承诺书 and checks the promised conditions afterwards.
 */
export const ZPromiseTerms = z.object({
  /** Working days after the approval within which the department checks the promise (事中事后核查). */
  postCheckWithinDays: ZWorkdays.min(1),
  /** The conditions the enterprise promises it meets, as the 承诺书 states them. */
  conditions: z.array(ZText).min(1),
  /** The city's list that makes the item promise-eligible. */
  source: ZCitation,
});
export type TPromiseTerms = z.infer<typeof ZPromiseTerms>;

/** An approval matter (事项) handled by one department. */
export const ZItem = z.object({
  id: ZId,
  title: ZText,
  department: ZId,
  /** 法定时限, working days. */
  legalLimit: ZWorkdays,
  /** 承诺时限, working days; never above the legal limit. */
  promisedLimit: ZWorkdays,
  /** Overrides the definition's yellow-card threshold (remaining working days). */
  yellowThreshold: ZWorkdays.optional(),
  materials: z.array(ZMaterial).default([]),
  results: z.array(ZResult).default([]),
  /** Items of the same stage that must finish first. */
  dependsOn: z.array(ZId).default([]),
  /** Results of earlier stages that must exist first. */
  requiresResults: z.array(ZId).default([]),
  /** May start as a technical pre-review during the previous stage (提前介入, seed 002). */
  earlyStart: z.boolean().default(false),
  /** Applies only when the project's attributes satisfy it. */
  condition: ZCondition.optional(),
  /** What the item decides about; needed to mark it promise-eligible (only `general` may be). */
  category: ZItemCategory.optional(),
  /** Promise-eligible (告知承诺): the enterprise may sign a promise and the department approve on it. */
  promise: ZPromiseTerms.optional(),
  /** Overrides the definition's card ladder for this item. */
  cardLadder: ZCardLadder.optional(),
  /** The item's sign-off chain inside its department (承办 → 审核 → 批准); absent: the department's, else one step. */
  signoff: ZSignoffChain.optional(),
  source: ZItemSource,
});
export type TItem = z.infer<typeof ZItem>;

export const ZFormField = z.object({
  id: ZAttributeKey,
  label: ZText,
  type: z.enum(['text', 'number', 'date', 'boolean', 'select']),
  options: z.array(z.object({ value: z.string().min(1), label: ZText })).optional(),
  required: z.boolean().default(true),
});
export type TFormField = z.infer<typeof ZFormField>;

/** The one application form of a stage (一表申请, seed 001): fields the enterprise fills once. */
export const ZApplicationForm = z.object({ fields: z.array(ZFormField).min(1) });
export type TApplicationForm = z.infer<typeof ZApplicationForm>;

/**
 * 联合验收 (issue 16): the stage's items are the sub-inspections of one joint acceptance — one
 * application, one site visit on a date the coordinator proposes and every department confirms,
 * each department's findings and rectification (整改), and one combined conclusion (联合验收意见)
 * once every part passes. Its own limits run on the official calendar; rectification time is
 * not counted (the enterprise's time, like 补正).
 */
export const ZJointAcceptance = z.object({
  /** 法定时限 of the whole joint acceptance, working days. */
  legalLimit: ZWorkdays,
  /** 承诺时限, working days; never above the legal limit. */
  promisedLimit: ZWorkdays,
  /** The most working days a department may give the enterprise for one rectification. */
  maxRectificationDays: ZWorkdays.min(1),
  /** The combined conclusion, issued as one result with the stage's others. */
  result: ZResult,
  source: ZItemSource,
});
export type TJointAcceptance = z.infer<typeof ZJointAcceptance>;

/**
 * An intermediary service (中介服务, issue 16): technical work an intermediary (design institute,
 * EIA report writer, surveyor) does for the enterprise, chosen from the directory (中介超市,
 * seed 001). Not government time: kept beside the stage's items so reviews, clocks and the
 * stage budget (the 39 working days, seed 002) count government days only.
 */
export const ZIntermediaryItem = z.object({
  id: ZId,
  title: ZText,
  /** The directory's service type a provider must offer (e.g. `eia-report`). */
  serviceType: ZId,
  /** Expected working days of the intermediary's work (shown on the schedule, never on a legal clock). */
  days: ZWorkdays.min(1),
  /** Ids of the materials its deliverable is (uploaded as that material), in this stage or a later one. */
  satisfies: z.array(ZId).min(1),
  /** An earlier stage in which the service starts (moved earlier: technical work before government time, seed 002). */
  startsIn: ZId.optional(),
});
export type TIntermediaryItem = z.infer<typeof ZIntermediaryItem>;

export const ZStage = z.object({
  id: ZId,
  title: ZText,
  /** 牵头部门: receives the stage application and answers for the stage (seed 001). */
  leadDepartment: ZId,
  /** Promised government working days from the stage's opening to its last result. */
  budget: ZWorkdays.min(1),
  form: ZApplicationForm,
  items: z.array(ZItem).min(1),
  /** Intermediary services whose deliverables this stage's items ask for; absent on definitions without any. */
  intermediaries: z.array(ZIntermediaryItem).optional(),
  source: ZCitation.optional(),
  /** Present when the stage runs as one joint acceptance (联合验收) of its items. */
  joint: ZJointAcceptance.optional(),
});
export type TStage = z.infer<typeof ZStage>;

export const ZProcessDefinition = z.object({
  id: ZId,
  /** Immutable once published: a change is a new version (a new document). */
  version: z.number({ error: 'version must be a positive integer' }).int().positive({ error: 'version must be a positive integer' }),
  title: ZText,
  description: ZText.optional(),
  departments: z.array(ZDepartment).min(1),
  attributes: z.array(ZAttributeSpec).default([]),
  /** Yellow card when remaining working days ≤ this (红黄牌, seeds 000/002); items may override. */
  yellowThreshold: ZWorkdays,
  /** Promised government working days for the whole project (Wuhan: ≤ 39, seed 002). */
  totalBudget: ZWorkdays.min(1),
  stages: z.array(ZStage).min(1),
  sources: z.array(ZCitation).default([]),
  /**
   * The supervision ladder (warning, yellow, red; reminders) of every item that has none of its
   * own. Absent: yellow `yellowThreshold` days before the promised due date, red at it.
   */
  cardLadder: ZCardLadder.optional(),
  /** Registration refuses a project without its 项目代码 (cities refuse intake without one; 发改投资〔2020〕1439号). */
  requireProjectCode: z.boolean().optional(),
  /**
   * Used only by projects that name this version: a project registered without a version keeps
   * the latest version without this mark (a new process tried on chosen projects first).
   */
  optIn: z.boolean().optional(),
});
export type TProcessDefinition = z.infer<typeof ZProcessDefinition>;

/** Deeply readonly, so `as const` literals satisfy the input type. */
export type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
/** What a definition document may omit (defaults filled by parsing); built-ins `satisfy` it. */
export type TProcessDefinitionInput = DeepReadonly<z.input<typeof ZProcessDefinition>>;

/** The identity a project records and keeps for its whole life. */
export const ZDefinitionRef = z.object({ id: ZId, version: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type TDefinitionRef = z.infer<typeof ZDefinitionRef>;

/** One validation failure: where (e.g. `stages[1].items[2].materials[0].id`) and what. */
export const ZProblem = z.object({ path: z.string(), message: z.string() });
export type TProblem = z.infer<typeof ZProblem>;
