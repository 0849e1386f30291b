/**
 * A department's sign-off of one decision on one item (承办 → 审核 → 批准): the first step of
 * the item's chain drafts the decision, each further step signs it or sends it back to the
 * draft with a reason, and the decision is `signed` (takes effect) only with the last
 * signature. Only items whose definition gives a chain have one; the review's legal clock is
 * not touched here, so it runs across the whole chain.
 */
import { type StateValueFrom, and, assign, setup } from 'xstate';
import type { TSignoffStep } from '../../definitions/process/signoff';
import type { Stamp } from './events';

/** What the handler drafts: one of the review's decisions, with what that decision needs. */
export type TSignoffDraft =
  { kind: 'approve'; conditions?: string } | { kind: 'reject'; reason: string } | { kind: 'requestCorrection'; materials: string[]; reason: string };

/** One signature, as the dialog and the history show it. */
export interface TSignature {
  userId: string;
  step: TSignoffStep;
  at: string;
  note?: string;
}

export interface SignoffContext {
  itemId: string;
  departmentId: string;
  chain: TSignoffStep[];
  draft: TSignoffDraft | null;
  /** Signatures of this round, the draft's first; the next step to sign is `chain[signatures.length]`. */
  signatures: TSignature[];
  /** Why the last round went back to the draft, and from which step. */
  sentBack: { userId: string; step: TSignoffStep; reason: string; at: string } | null;
}

export type SignoffEvent =
  ({ type: 'DRAFT'; draft: TSignoffDraft } & Stamp) | ({ type: 'SIGN'; note?: string } & Stamp) | ({ type: 'SEND_BACK'; reason: string } & Stamp);

export type SignoffInput = Pick<SignoffContext, 'itemId' | 'departmentId' | 'chain'>;

/** The step whose holder acts next: the draft's while drafting, else the first unsigned one. */
export const stepDue = (c: SignoffContext): TSignoffStep => c.chain[c.signatures.length] ?? c.chain[c.chain.length - 1]!;

export const signoffMachine = setup({
  types: { context: {} as SignoffContext, events: {} as SignoffEvent, input: {} as SignoffInput },
  actions: {
    sign: assign({
      signatures: ({ context, event }) => [
        ...context.signatures,
        {
          userId: event.actor.userId,
          step: stepDue(context),
          at: event.at,
          ...(event.type === 'SIGN' && event.note ? { note: event.note } : {}),
        },
      ],
    }),
  },
  guards: {
    /**
     * A user of the item's department holding the step that is due. Nobody signs twice in one
     * round: a chain is there so that more than one pair of eyes sees the decision.
     */
    holdsStepDue: ({ context, event }) =>
      event.actor.role === 'department' &&
      event.actor.departmentId === context.departmentId &&
      (event.actor.signoffRoles ?? []).includes(stepDue(context)) &&
      !context.signatures.some((s) => s.userId === event.actor.userId),
    lastStep: ({ context }) => context.signatures.length === context.chain.length - 1,
  },
}).createMachine({
  id: 'signoff',
  context: ({ input }) => ({ ...input, draft: null, signatures: [], sentBack: null }),
  initial: 'drafting',
  states: {
    drafting: {
      on: {
        DRAFT: {
          guard: 'holdsStepDue',
          target: 'signing',
          actions: [assign({ draft: ({ event }) => event.draft, sentBack: null }), 'sign'],
        },
      },
    },
    signing: {
      on: {
        SIGN: [
          { guard: and(['holdsStepDue', 'lastStep']), target: 'signed', actions: 'sign' },
          { guard: 'holdsStepDue', actions: 'sign' },
        ],
        SEND_BACK: {
          guard: 'holdsStepDue',
          target: 'drafting',
          actions: assign({
            sentBack: ({ context, event }) => ({ userId: event.actor.userId, step: stepDue(context), reason: event.reason, at: event.at }),
            signatures: [],
          }),
        },
      },
    },
    /** The last step signed: the engine applies the draft to the review and starts a fresh round. */
    signed: { type: 'final' },
  },
});

export type SignoffStatus = StateValueFrom<typeof signoffMachine>;
