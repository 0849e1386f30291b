/**
 * The project spec: what one project runs, resolved once from its process definition and
 * attributes at registration (conditions applied) and fixed in the workflow's input, so a
 * later definition version never changes a running project.
 */
import { z } from 'zod';

const id = z.string().min(1);

export const ZSpecMaterial = z.object({
  id,
  title: z.string(),
  kind: z.enum(['core', 'tolerable']),
  /** Working days the enterprise gets to supply a tolerated material. */
  supplyWithinDays: z.number().int().min(0).optional(),
  /** What happens when a tolerance commitment expires (never nothing). */
  onExpiry: z.enum(['withhold-results', 'suspend-approval']).optional(),
  /** An earlier result that provides this material (电子证照 reuse): never asked again. */
  providedByResult: id.optional(),
  /** 多测合一: the survey type; one survey result supplied once satisfies every material of that type. */
  survey: id.optional(),
  /** 区域评估: the assessment type a park's valid assessment satisfies this material with (never asked for). */
  parkAssessment: id.optional(),
});
export type TSpecMaterial = z.infer<typeof ZSpecMaterial>;

export const ZSpecItem = z.object({
  id,
  title: z.string(),
  departmentId: id,
  legalLimit: z.number().int().min(0),
  promisedLimit: z.number().int().min(0),
  /** Remaining working days at which the card turns yellow. */
  yellowAt: z.number().int().min(0),
  materials: z.array(ZSpecMaterial),
  results: z.array(z.object({ id, title: z.string(), supervisingDepartmentId: id.optional() })),
  dependsOn: z.array(id),
  requiresResults: z.array(id),
  earlyStart: z.boolean(),
  /**
   * Promise-eligible (告知承诺制, 国办发〔2020〕42号): the conditions the enterprise promises (zh)
   * and the working days after the approval within which the department checks them. Absent on
   * other items, and on every project registered before it existed.
   */
  promise: z.object({ postCheckWithinDays: z.number().int().min(1), conditions: z.array(z.string()).min(1) }).optional(),
});
export type TSpecItem = z.infer<typeof ZSpecItem>;

/** An intermediary service (中介服务): not government time, so no review, clock or card of its own. */
export const ZSpecIntermediary = z.object({
  id,
  title: z.string(),
  serviceType: id,
  /** Expected working days of the intermediary's work. */
  days: z.number().int().min(1),
  /** Materials its deliverable is. */
  satisfies: z.array(id),
  /** An earlier stage in which it starts (moved earlier). */
  startsInStageId: id.optional(),
});
export type TSpecIntermediary = z.infer<typeof ZSpecIntermediary>;

export const ZSpecStage = z.object({
  id,
  title: z.string(),
  leadDepartmentId: id,
  formFields: z.array(z.object({ id, label: z.string(), required: z.boolean() })),
  items: z.array(ZSpecItem),
  /** Items of the definition left out by a condition, with the reason (shown to users). */
  skipped: z.array(z.object({ itemId: id, reason: z.string() })),
  /** Intermediary services of this stage; absent when the definition has none (older specs are unchanged). */
  intermediaries: z.array(ZSpecIntermediary).optional(),
});
export type TSpecStage = z.infer<typeof ZSpecStage>;

export const ZProjectSpec = z.object({
  definition: z.object({ id, version: z.number().int(), hash: z.string() }),
  /** Working days within which intake must be decided (行政许可法 art. 32: 5 days). */
  intakeLimit: z.number().int().min(0),
  stages: z.array(ZSpecStage).min(1),
  /** The definition's `requireProjectCode`: no intake is accepted before the project has its code. Absent when not required. */
  requireProjectCode: z.literal(true).optional(),
});
export type TProjectSpec = z.infer<typeof ZProjectSpec>;
