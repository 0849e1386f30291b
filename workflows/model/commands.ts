/**
 * Every human decision on a project, as one tagged union. The service validates the body
 * with this schema; the workflow's update validator checks it again against the state.
 */
import { z } from 'zod';
import type { TRole } from './actor';

const id = z.string().min(1).max(200);
const reason = z.string().trim().min(1, 'a reason is required').max(2000);

export const ZCommand = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('submitApplication'),
      stageId: id,
      /** The stage's one application form. */
      form: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])),
      /** Ids of the materials the enterprise hands in. */
      materials: z.array(id).max(500),
    })
    .strict(),
  z
    .object({
      type: z.literal('decideIntake'),
      stageId: id,
      decision: z.enum(['accept', 'acceptWithTolerance', 'return']),
      /** With `return`: the complete list of what is missing or wrong (一次告知). */
      notice: z.string().max(2000).optional(),
      /**
       * With `acceptWithTolerance`: the supply deadline the coordinator sets for each missing
       * tolerable material, at most the definition's; left out, the definition's applies.
       */
      tolerate: z
        .array(z.object({ itemId: id, materialId: id, supplyWithinDays: z.number().int().min(1).max(250) }).strict())
        .max(100)
        .optional(),
    })
    .strict(),
  z.object({ type: z.literal('approveReview'), itemId: id, conditions: z.string().trim().min(1).max(2000).optional() }).strict(),
  z.object({ type: z.literal('rejectReview'), itemId: id, reason }).strict(),
  z.object({ type: z.literal('requestCorrection'), itemId: id, materials: z.array(id).min(1).max(100), reason }).strict(),
  z.object({ type: z.literal('answerCorrection'), itemId: id, note: z.string().max(2000).optional() }).strict(),
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
  z.object({ type: z.literal('issueResults'), stageId: id }).strict(),
  z.object({ type: z.literal('withdraw'), reason }).strict(),
  z
    .object({
      type: z.literal('rate'),
      stageId: id,
      score: z.number().int().min(1).max(5),
      comment: z.string().max(2000).optional(),
    })
    .strict(),
]);
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
  decideIntake: 'coordinator',
  grantExtension: 'coordinator',
  issueResults: 'coordinator',
  approveReview: 'department',
  rejectReview: 'department',
  requestCorrection: 'department',
  startSpecialProcedure: 'department',
  endSpecialProcedure: 'department',
  acceptSuppliedMaterial: 'department',
  rejectSuppliedMaterial: 'department',
};
