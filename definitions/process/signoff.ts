/**
 * The sign-off chain inside a department (承办 → 审核 → 批准): the steps a department's decision
 * on an item passes before it takes effect. Shared by definitions (which chain an item has),
 * the actor (which steps a department user may sign) and the sign-off statechart.
 */
import { z } from 'zod';

/** In the order a chain lists them: the handler drafts, the reviewer checks, the approver signs. */
export const SIGNOFF_STEPS = ['handler', 'reviewer', 'approver'] as const;
export const ZSignoffStep = z.enum(SIGNOFF_STEPS);
export type TSignoffStep = z.infer<typeof ZSignoffStep>;

/**
 * An item's chain, first step drafting and last step signing. At least two steps: one step is
 * the decision as it always was, so an item without a chain says so by leaving it out.
 */
export const ZSignoffChain = z
  .array(ZSignoffStep)
  .min(2)
  .max(SIGNOFF_STEPS.length)
  .refine((chain) => new Set(chain).size === chain.length, 'each step at most once');
export type TSignoffChain = z.infer<typeof ZSignoffChain>;
