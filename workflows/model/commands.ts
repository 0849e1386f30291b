/**
 * Every human decision on a project, as one tagged union. The service validates the body
 * with this schema; the workflow's update validator checks it again against the state.
 * Every string and array is bounded (COMMAND_LIMITS), so no single decision can make the
 * project's state, and every view computed from it, large (issue 11).
 */
import { z } from 'zod';
import { VIOLATIONS } from '../../definitions/clock/card-ladder';
import { INTAKE_REFUSAL_REASON_CODES } from '../../definitions/legal/intake-refusal';
import type { TRole } from './actor';
import { specSchemas } from './spec';
import { workflowParser } from './workflow-parser';
import { readableText } from '../../definitions/text';

/**
 * The size limits of a decision. An application form has the definition's fields only (the
 * engine refuses any other key); these bound it before the definition is consulted.
 */
export const COMMAND_LIMITS = {
  /** Ids of stages, items and materials (definition ids are short kebab-case words). */
  idChars: 200,
  /** A reason, notice, condition, note or comment. */
  textChars: 2000,
  /** Fields in one application form: definitions have fewer than 10 a stage. */
  formFields: 50,
  /** A form field's name (a camelCase key of the definition). */
  formKeyChars: 64,
  /** One text value of a form. */
  formValueChars: 2000,
  /** All text of one form together (about 60 KB of UTF-8 at most). */
  formChars: 20_000,
  /** Materials handed in with one application: a stage asks for a few dozen. */
  materials: 200,
} as const;

/**
 * The stage's one application form (一表申请). The number of keys is checked first and alone,
 * so a body with tens of thousands of keys gets one issue naming `form`, not one per key.
 */
const formSchema = () =>
  z.record(readableText(), z.union([readableText().max(COMMAND_LIMITS.formValueChars), z.number(), z.boolean()])).superRefine((form, ctx) => {
    const keys = Object.keys(form);
    if (keys.length > COMMAND_LIMITS.formFields) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${COMMAND_LIMITS.formFields} fields (got ${keys.length}); the stage's form has only the definition's fields`,
      });
      return;
    }
    const long = keys.find((k) => k.length > COMMAND_LIMITS.formKeyChars);
    if (long !== undefined) {
      ctx.addIssue({ code: 'custom', message: `a field name has at most ${COMMAND_LIMITS.formKeyChars} characters (got ${long.length})` });
      return;
    }
    const chars = keys.reduce((sum, k) => sum + k.length + (typeof form[k] === 'string' ? (form[k] as string).length : 0), 0);
    if (chars > COMMAND_LIMITS.formChars) ctx.addIssue({ code: 'custom', message: `at most ${COMMAND_LIMITS.formChars} characters in all (got ${chars})` });
  });
export const ZApplicationFormValues = formSchema();

/** A YYYY-MM-DD string naming a day that exists (no Date: workflow code parses commands too). */
function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** Built by a function, as a whole: workflow code parses with a copy of its own (parseCommand). */
export function commandSchema() {
  const id = readableText().min(1).max(COMMAND_LIMITS.idChars);
  const text = readableText().max(COMMAND_LIMITS.textChars);
  const reason = readableText().trim().min(1, 'a reason is required').max(COMMAND_LIMITS.textChars);
  /**
   * The date the decision document states it was signed (YYYY-MM-DD, Asia/Shanghai): kept in the
   * history beside the instant it was recorded, so a decision typed in long after it was made on
   * paper (体外循环) shows. Optional: decisions without it, and recorded histories, stay as they were.
   */
  const signedOn = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
    .refine(isCalendarDate, 'not a calendar date');
  return z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('submitApplication'),
        stageId: id,
        /** The stage's one application form: its fields only (checked by the engine against the spec). */
        form: formSchema(),
        /** Ids of the materials the enterprise hands in. */
        materials: z.array(id).max(COMMAND_LIMITS.materials),
      })
      .strict(),
    z
      .object({
        type: z.literal('decideIntake'),
        stageId: id,
        decision: z.enum(['accept', 'acceptWithTolerance', 'return']),
        /** With `return`: the complete list of what is missing or wrong (一次告知). */
        notice: text.optional(),
        /**
         * With `acceptWithTolerance`: the supply deadline the coordinator sets for each missing
         * tolerable material, at most the definition's; left out, the definition's applies.
         */
        tolerate: z
          .array(z.object({ itemId: id, materialId: id, supplyWithinDays: z.number().int().min(1).max(250) }).strict())
          .max(100)
          .optional(),
        /**
         * With an acceptance on a stage held as one joint acceptance (联合验收): the site-visit date
         * proposed in the same act, as proposeSiteVisit would (统一收件 with the visit booked; issue 12).
         */
        siteVisitOn: signedOn.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('refuseIntake'),
        stageId: id,
        /** 不予受理 (行政许可法 art. 32): one of INTAKE_REFUSAL_REASONS, and the reasons in words (art. 38). */
        reasonCode: z.enum(INTAKE_REFUSAL_REASON_CODES),
        reason,
      })
      .strict(),
    /** A project registered without its 项目代码 gets it once; the service checks its format and that no other project has it. */
    z.object({ type: z.literal('setProjectCode'), projectCode: readableText().trim().length(24) }).strict(),
    /** Art. 42(1): the department asks its head for up to 10 more working days. */
    z.object({ type: z.literal('requestExtension'), itemId: id, days: z.number().int().min(1).max(10), reason }).strict(),
    /** The department's head (a department user with `leader`) approves or declines its item's request. */
    z.object({ type: z.literal('decideExtension'), itemId: id, decision: z.enum(['approve', 'decline']), note: text.optional() }).strict(),
    /** Art. 42(2): joint handling (联合办理) may take up to 15 more working days; the coordinator asks. */
    z.object({ type: z.literal('requestJointExtension'), itemId: id, days: z.number().int().min(1).max(15), reason }).strict(),
    /** The local government head's approval, given by a coordinator with `governmentHead`. */
    z.object({ type: z.literal('decideJointExtension'), itemId: id, decision: z.enum(['approve', 'decline']), note: text.optional() }).strict(),
    /** 送达 (art. 44): the item's decision (licence, or refusal) handed to the enterprise. */
    z
      .object({
        type: z.literal('deliverResult'),
        itemId: id,
        way: z.enum(['collected', 'mailed', 'electronic']),
        note: text.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('approveReview'),
        itemId: id,
        conditions: readableText().trim().min(1).max(COMMAND_LIMITS.textChars).optional(),
        signedOn: signedOn.optional(),
      })
      .strict(),
    z.object({ type: z.literal('rejectReview'), itemId: id, reason, signedOn: signedOn.optional() }).strict(),
    z.object({ type: z.literal('requestCorrection'), itemId: id, materials: z.array(id).min(1).max(100), reason }).strict(),
    z.object({ type: z.literal('answerCorrection'), itemId: id, note: text.optional() }).strict(),
    z
      .object({
        type: z.literal('startSpecialProcedure'),
        itemId: id,
        kind: z.enum(['expert-review', 'hearing', 'public-notice', 'inspection', 'testing', 'appraisal']),
        /** Announced duration in working days (行政许可法 art. 45: told to the applicant in writing). */
        days: z.number().int().min(1).max(250),
        reason,
      })
      .strict(),
    z.object({ type: z.literal('endSpecialProcedure'), itemId: id }).strict(),
    z.object({ type: z.literal('grantExtension'), itemId: id, days: z.number().int().min(1).max(15), reason }).strict(),
    z.object({ type: z.literal('supplyMaterial'), itemId: id, materialId: id }).strict(),
    z.object({ type: z.literal('acceptSuppliedMaterial'), itemId: id, materialId: id }).strict(),
    z.object({ type: z.literal('rejectSuppliedMaterial'), itemId: id, materialId: id, reason }).strict(),
    /** `deliver`: the licences are handed over in the same act (统一出件, e.g. 电子证照 sent at issue), not one 送达 decision each. */
    z.object({ type: z.literal('issueResults'), stageId: id, deliver: z.enum(['collected', 'mailed', 'electronic']).optional() }).strict(),
    // 告知承诺制 (国办发〔2020〕42号): the enterprise signs the item's conditions as they read (its 承诺书).
    z
      .object({
        type: z.literal('signPromise'),
        itemId: id,
        conditions: z.array(readableText().trim().min(1).max(COMMAND_LIMITS.textChars)).min(1).max(20),
      })
      .strict(),
    z.object({ type: z.literal('approveOnPromise'), itemId: id }).strict(),
    z.object({ type: z.literal('verifyPromise'), itemId: id, note: text.optional() }).strict(),
    z.object({ type: z.literal('findPromiseFalse'), itemId: id, reason }).strict(),
    // 联合验收 (issue 16): one site-visit date proposed by the coordinator, confirmed (or answered with another) by each part's department.
    z.object({ type: z.literal('proposeSiteVisit'), stageId: id, date: signedOn }).strict(),
    z.object({ type: z.literal('confirmSiteVisit'), itemId: id }).strict(),
    z.object({ type: z.literal('counterSiteVisit'), itemId: id, date: signedOn, reason }).strict(),
    /** A part's findings on the visit (or re-inspection): passed, or rectification (整改) within working days. */
    z
      .object({
        type: z.literal('recordInspection'),
        itemId: id,
        outcome: z.enum(['pass', 'rectify']),
        findings: readableText().trim().min(1, 'the findings are required').max(COMMAND_LIMITS.textChars),
        rectifyWithinDays: z.number().int().min(1).max(250).optional(),
        /** Recorded on the proposed visit before confirming it: the department was there, so this record confirms the date (issue 12: one decision, not two). */
        confirmsVisit: z.literal(true).optional(),
      })
      .strict(),
    z.object({ type: z.literal('reportRectification'), stageId: id, note: text.optional() }).strict(),
    /** 督办: a coordinator orders a running review finished within `days` working days (official calendar), with the reason. */
    z.object({ type: z.literal('issueSupervisionOrder'), itemId: id, days: z.number().int().min(1).max(30), reason }).strict(),
    /** A yellow or red card for a violation that is not about time (refusing a valid application, a refusal without reasons). */
    z.object({ type: z.literal('giveViolationCard'), itemId: id, level: z.enum(['yellow', 'red']), violation: z.enum(VIOLATIONS), reason }).strict(),
    // The sign-off chain (承办 → 审核 → 批准) on items whose definition gives one (signoff.machine.ts).
    z
      .object({
        type: z.literal('draftDecision'),
        itemId: id,
        /** The decision the handler drafts; it takes effect only when the chain's last step signs. */
        decision: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('approve'), conditions: readableText().trim().min(1).max(COMMAND_LIMITS.textChars).optional() }).strict(),
          z.object({ kind: z.literal('reject'), reason }).strict(),
          z.object({ kind: z.literal('requestCorrection'), materials: z.array(id).min(1).max(100), reason }).strict(),
        ]),
      })
      .strict(),
    z.object({ type: z.literal('signDecision'), itemId: id, note: text.optional() }).strict(),
    z.object({ type: z.literal('sendBackDecision'), itemId: id, reason }).strict(),
    // Assignment of a department's task (one review): claimed, assigned by the department's head, transferred, released.
    /** `fromDisabled`: the task's holder, whose account is disabled (checked by the service); its task is back in the pool. */
    z.object({ type: z.literal('claimTask'), itemId: id, fromDisabled: id.optional() }).strict(),
    z.object({ type: z.literal('assignTask'), itemId: id, userId: id }).strict(),
    z.object({ type: z.literal('transferTask'), itemId: id, userId: id, reason }).strict(),
    z.object({ type: z.literal('releaseTask'), itemId: id, reason }).strict(),
    z.object({ type: z.literal('withdraw'), reason }).strict(),
    /**
     * A coordinator moves the project to a newer published version of its definition (issue 17): the
     * spec resolved by the service from that version and the project's attributes; the engine refuses
     * it when the dry run says the project cannot move (workflows/migration).
     */
    z
      .object({
        type: z.literal('migrateDefinition'),
        spec: specSchemas({ idChars: COMMAND_LIMITS.idChars, textChars: COMMAND_LIMITS.textChars, entries: COMMAND_LIMITS.materials }).ZProjectSpec,
        reason: text.optional(),
      })
      .strict(),
    // 中介超市: the enterprise's provider for an intermediary service and the delivery date agreed with it (the service fills the name from the directory).
    z
      .object({
        type: z.literal('selectIntermediary'),
        serviceId: id,
        providerId: id,
        providerName: readableText().trim().min(1).max(200).optional(),
        deliveryOn: signedOn,
      })
      .strict(),
    z
      .object({
        type: z.literal('rate'),
        stageId: id,
        score: z.number().int().min(1).max(5),
        comment: text.optional(),
      })
      .strict(),
  ]);
}
export const ZCommand = commandSchema();
/** `ZCommand.safeParse` for workflow code (workflow-parser.ts says why it is a copy). */
export const parseCommand = workflowParser(commandSchema);
export type TCommand = z.infer<typeof ZCommand>;
export type TCommandType = TCommand['type'];
export const COMMAND_TYPES = ZCommand.options.map((o) => o.shape.type.value) as TCommandType[];

/**
 * Who may send each decision: a complete record over the command types, so a new command does
 * not compile until its role is chosen. The engine checks it (with the project's ownership and
 * the item's department) in the update validator; the service checks it first for a 403.
 */
export const COMMAND_ROLE: Record<TCommandType, TRole> = {
  submitApplication: 'enterprise',
  answerCorrection: 'enterprise',
  supplyMaterial: 'enterprise',
  withdraw: 'enterprise',
  rate: 'enterprise',
  setProjectCode: 'enterprise',
  selectIntermediary: 'enterprise',
  decideIntake: 'coordinator',
  refuseIntake: 'coordinator',
  grantExtension: 'coordinator',
  requestJointExtension: 'coordinator',
  decideJointExtension: 'coordinator',
  deliverResult: 'coordinator',
  issueSupervisionOrder: 'coordinator',
  giveViolationCard: 'coordinator',
  issueResults: 'coordinator',
  approveReview: 'department',
  rejectReview: 'department',
  requestCorrection: 'department',
  startSpecialProcedure: 'department',
  endSpecialProcedure: 'department',
  acceptSuppliedMaterial: 'department',
  rejectSuppliedMaterial: 'department',
  signPromise: 'enterprise',
  approveOnPromise: 'department',
  verifyPromise: 'department',
  findPromiseFalse: 'department',
  requestExtension: 'department',
  decideExtension: 'department',
  migrateDefinition: 'coordinator',
  proposeSiteVisit: 'coordinator',
  confirmSiteVisit: 'department',
  counterSiteVisit: 'department',
  recordInspection: 'department',
  reportRectification: 'enterprise',
  draftDecision: 'department',
  signDecision: 'department',
  sendBackDecision: 'department',
  claimTask: 'department',
  assignTask: 'department',
  transferTask: 'department',
  releaseTask: 'department',
};

/**
 * Decisions that need more than the role: the head of the deciding body (行政许可法 art. 42(1))
 * or the local government head (art. 42(2)). Checked by the engine and, for a 403, the service.
 */
export const COMMAND_AUTHORITY: Partial<Record<TCommandType, 'leader' | 'governmentHead'>> = {
  decideExtension: 'leader',
  decideJointExtension: 'governmentHead',
  assignTask: 'leader',
};
