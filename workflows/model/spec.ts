/**
 * The project spec: what one project runs, resolved once from its process definition and
 * attributes at registration (conditions applied) and fixed in the workflow's input, so a
 * later definition version never changes a running project.
 */
import { z } from 'zod';
import { ZCardLadder } from '../../definitions/clock/card-ladder';
import { SIGNOFF_STEPS } from '../../definitions/process/signoff';
import { readableText } from '../../definitions/text';

/** Maximum lengths for a spec that arrives in a command (migrateDefinition), so no decision can make the state large (issue 11). */
export interface TSpecBounds {
  idChars: number;
  textChars: number;
  /** Entries of any one list (stages, items, materials, ids). */
  entries: number;
}

/**
 * The spec's schemas, built afresh on each call: workflow code parses a spec inside a command
 * (migrateDefinition) with a copy of its own (workflow-parser.ts says why), bounded; the
 * project's input, resolved by the service from a published definition, is not.
 */
export function specSchemas(bounds?: TSpecBounds) {
  // A bounded spec arrives in a command, so its text is checked as every text the service accepts is;
  // the project's input is left as it was (its recorded histories replay it).
  const id = bounds ? readableText().min(1).max(bounds.idChars) : z.string().min(1);
  const text = () => (bounds ? readableText().max(bounds.textChars) : z.string());
  const list = <T extends z.ZodType>(entry: T) => (bounds ? z.array(entry).max(bounds.entries) : z.array(entry));
  const ZSpecMaterial = z.object({
    id,
    title: text(),
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

  const ZSpecItem = z.object({
    id,
    title: text(),
    departmentId: id,
    legalLimit: z.number().int().min(0),
    promisedLimit: z.number().int().min(0),
    /** Remaining working days at which the card turns yellow. */
    yellowAt: z.number().int().min(0),
    materials: list(ZSpecMaterial),
    results: list(z.object({ id, title: text(), supervisingDepartmentId: id.optional() })),
    dependsOn: list(id),
    requiresResults: list(id),
    earlyStart: z.boolean(),
    /**
     * Promise-eligible (告知承诺制, 国办发〔2020〕42号): the conditions the enterprise promises (zh)
     * and the working days after the approval within which the department checks them. Absent on
     * other items, and on every project registered before it existed.
     */
    promise: z.object({ postCheckWithinDays: z.number().int().min(1), conditions: list(text()).min(1) }).optional(),
    /** The item's card ladder (its own or the definition's); absent: the clock's yellow/red rule, as on every project from before ladders. */
    cardLadder: ZCardLadder.optional(),
    /**
     * The sign-off chain (承办 → 审核 → 批准) the department's decision passes before it takes
     * effect (signoff.machine.ts). Absent: one step, the decision as it always was.
     */
    signoff: list(z.enum(SIGNOFF_STEPS)).min(2).optional(),
  });

  /** An intermediary service (中介服务): not government time, so no review, clock or card of its own. */
  const ZSpecIntermediary = z.object({
    id,
    title: text(),
    serviceType: id,
    /** Expected working days of the intermediary's work. */
    days: z.number().int().min(1),
    /** Materials its deliverable is. */
    satisfies: list(id),
    /** An earlier stage in which it starts (moved earlier). */
    startsInStageId: id.optional(),
  });

  const ZSpecStage = z.object({
    id,
    title: text(),
    leadDepartmentId: id,
    formFields: list(z.object({ id, label: text(), required: z.boolean() })),
    items: list(ZSpecItem),
    /** Items of the definition left out by a condition, with the reason (shown to users). */
    skipped: list(z.object({ itemId: id, reason: text() })),
    /** 联合验收: the items are parts of one joint acceptance with its own limits; absent on every other stage. */
    joint: z
      .object({
        legalLimit: z.number().int().min(0),
        promisedLimit: z.number().int().min(0),
        yellowAt: z.number().int().min(0),
        maxRectificationDays: z.number().int().min(1),
        result: z.object({ id, title: text() }),
      })
      .optional(),
    /** Intermediary services of this stage; absent when the definition has none (older specs are unchanged). */
    intermediaries: list(ZSpecIntermediary).optional(),
  });

  const ZProjectSpec = z.object({
    definition: z.object({ id, version: z.number().int(), hash: text() }),
    /** Working days within which intake must be decided (行政许可法 art. 32: 5 days). */
    intakeLimit: z.number().int().min(0),
    stages: list(ZSpecStage).min(1),
    /** The definition's `requireProjectCode`: no intake is accepted before the project has its code. Absent when not required. */
    requireProjectCode: z.literal(true).optional(),
  });
  return { ZSpecMaterial, ZSpecItem, ZSpecIntermediary, ZSpecStage, ZProjectSpec };
}

export const { ZSpecMaterial, ZSpecItem, ZSpecIntermediary, ZSpecStage, ZProjectSpec } = specSchemas();
export type TSpecIntermediary = z.infer<typeof ZSpecIntermediary>;
export type TSpecMaterial = z.infer<typeof ZSpecMaterial>;
export type TSpecItem = z.infer<typeof ZSpecItem>;
export type TSpecStage = z.infer<typeof ZSpecStage>;
export type TProjectSpec = z.infer<typeof ZProjectSpec>;
