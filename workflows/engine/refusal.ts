/**
 * A decision the engine refuses, with a stable code and the field it is about (issue 13, item
 * 5). The update validator turns it into an ApplicationFailure whose details carry
 * `ZRefusalDetails`, so the service and clients read the code and path instead of parsing the text.
 */
import { z } from 'zod';

/**
 * Why a decision is refused:
 * - FORBIDDEN_ROLE: the actor may not send this command on this project (COMMAND_ROLE, ownership, department);
 * - UNKNOWN_ITEM: the stage, item or tolerance commitment named does not exist in this project;
 * - INVALID_FIELD: a field's value is not acceptable for this project's definition (form, materials, notice, tolerance);
 * - NOT_ALLOWED_NOW: the statecharts do not take the decision in their current state;
 * - COMMITMENT_OVERDUE: an expired tolerance commitment suspends the approval or withholds the results;
 * - BUDGET_EXCEEDED: a legal or state bound is used up (history, pauses of a review, extension days);
 * - NOT_VISIBLE: the actor may not see the project at all (the service answers 404, as for an unknown id; set by the workflow's validator).
 */
export const ZRefusalCode = z.enum([
  'FORBIDDEN_ROLE',
  'UNKNOWN_ITEM',
  'INVALID_FIELD',
  'NOT_ALLOWED_NOW',
  'COMMITMENT_OVERDUE',
  'BUDGET_EXCEEDED',
  'NOT_VISIBLE',
]);
export type TRefusalCode = z.infer<typeof ZRefusalCode>;

/**
 * What a refusal's ApplicationFailure carries in `details[0]`. `path` names the command's field
 * (`stageId`, `itemId`, `materialId`, `form.landArea`, `tolerate`, `days`…) or `type` for the
 * command as a whole — the same path the service reported when it parsed the message.
 */
export const ZRefusalDetails = z.object({ code: ZRefusalCode, path: z.string() });
export type TRefusalDetails = z.infer<typeof ZRefusalDetails>;

/** A decision the engine refuses; the message is the text people read (unchanged since before codes). */
export class DecisionRefused extends Error {
  override readonly name = 'DecisionRefused';
  constructor(
    message: string,
    readonly code: TRefusalCode = 'NOT_ALLOWED_NOW',
    readonly path = 'type',
  ) {
    super(message);
  }

  get details(): TRefusalDetails {
    return { code: this.code, path: this.path };
  }
}
