/**
 * The project spec: what one project runs, resolved once from its process definition and
 * attributes at registration (conditions applied) and fixed in the workflow's input, so a
 * later definition version never changes a running project.
 */
import { z } from 'zod';
import { SIGNOFF_STEPS } from '../../definitions/process/signoff';

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
  /**
   * The sign-off chain (承办 → 审核 → 批准) the department's decision passes before it takes
   * effect (signoff.machine.ts). Absent: one step, the decision as it always was.
   */
  signoff: z.array(z.enum(SIGNOFF_STEPS)).min(2).optional(),
});
export type TSpecItem = z.infer<typeof ZSpecItem>;

export const ZSpecStage = z.object({
  id,
  title: z.string(),
  leadDepartmentId: id,
  formFields: z.array(z.object({ id, label: z.string(), required: z.boolean() })),
  items: z.array(ZSpecItem),
  /** Items of the definition left out by a condition, with the reason (shown to users). */
  skipped: z.array(z.object({ itemId: id, reason: z.string() })),
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
