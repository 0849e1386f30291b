/**
 * One joint acceptance (联合验收, issue 16): the coordinator proposes one site-visit date, each
 * sub-inspection's department confirms it or proposes another; on the visit each part records
 * its findings and passes or orders rectification (整改) by a deadline (a department that records
 * its part on the proposed visit without having confirmed it confirms it by that record); the
 * enterprise reports the rectification done and the parts that ordered it inspect again. When every part has
 * passed, the combined conclusion (联合验收意见) can be issued. The joint acceptance's own clock
 * runs from its opening and stops while the enterprise rectifies (its time, not the government's).
 */
import { type StateValueFrom, assign, setup } from 'xstate';
import type { TClockState } from '../../definitions/clock';
import { pauseClock, resumeClock, startClock, stopClock } from '../engine/clock';
import type { Stamp, TimeStamp } from './events';

/** One department's finding on the visit (or a re-inspection). */
export interface TInspection {
  at: string;
  by: string;
  outcome: 'pass' | 'rectify';
  findings: string;
  /** With `rectify`: the instant by which the enterprise must have rectified. */
  rectifyDueAt: string | null;
}

/** A sub-inspection: one item of the stage, inspected by its department. */
export interface TJointPart {
  itemId: string;
  departmentId: string;
  /** The department's answer to the current proposal: confirmed, or another date it proposes. */
  answer: { kind: 'confirmed' } | { kind: 'counter'; date: string; reason: string } | null;
  /** awaiting: not inspected yet; rectify: rectification ordered; reinspect: reported done, to inspect again. */
  status: 'awaiting' | 'passed' | 'rectify' | 'reinspect';
  inspections: TInspection[];
}

/** One rectification round: from the moment every part had decided with some ordering it, to the enterprise's report. */
export interface TRectificationRound {
  orderedAt: string;
  dueAt: string;
  items: string[];
  reportedAt: string | null;
  note: string | null;
}

export interface JointAcceptanceContext {
  stageId: string;
  enterpriseId: string;
  parts: TJointPart[];
  proposal: { date: string; by: string; at: string } | null;
  /** The agreed site-visit date, once every part confirmed the proposal. */
  visitDate: string | null;
  clock: TClockState;
  rectifications: TRectificationRound[];
  concludedAt: string | null;
}

export type JointAcceptanceEvent =
  | ({ type: 'PROPOSE_VISIT'; date: string } & Stamp)
  | ({ type: 'CONFIRM_VISIT'; itemId: string } & Stamp)
  | ({ type: 'COUNTER_VISIT'; itemId: string; date: string; reason: string } & Stamp)
  | ({
      type: 'RECORD_INSPECTION';
      itemId: string;
      outcome: 'pass' | 'rectify';
      findings: string;
      rectifyDueAt: string | null;
      /** The department was on the proposed visit: its record is its confirmation of the date (the handler checks the day came). */
      confirmsVisit?: boolean;
    } & Stamp)
  | ({ type: 'REPORT_RECTIFIED'; note?: string } & Stamp)
  | ({ type: 'CANCEL' } & TimeStamp);

export interface JointAcceptanceInput {
  stageId: string;
  enterpriseId: string;
  parts: { itemId: string; departmentId: string }[];
  at: string;
  legalLimit: number;
  promisedLimit: number;
  yellowAt: number;
}

const partOf = (context: JointAcceptanceContext, itemId: string) => context.parts.find((p) => p.itemId === itemId);
const OPEN_FOR_INSPECTION = new Set<TJointPart['status']>(['awaiting', 'reinspect']);
const decided = (context: JointAcceptanceContext) => context.parts.every((p) => !OPEN_FOR_INSPECTION.has(p.status));
/** The part's own department records a finding on a part open for it; a rectification order carries its deadline. */
function mayRecord(context: JointAcceptanceContext, event: Extract<JointAcceptanceEvent, { type: 'RECORD_INSPECTION' }>): boolean {
  const part = partOf(context, event.itemId);
  const due = event.outcome === 'pass' || event.rectifyDueAt !== null;
  return (
    due && part !== undefined && OPEN_FOR_INSPECTION.has(part.status) && event.actor.role === 'department' && event.actor.departmentId === part.departmentId
  );
}
const latest = (instants: string[]) => instants.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

/**
 * A visit and a re-inspection take the same findings and end the same way: passed when every part
 * passed, rectification when every part decided and some ordered it. Declared once for both states.
 */
const INSPECTION = {
  always: [
    { guard: 'allPassed', target: 'passed', actions: 'conclude' },
    { guard: 'allDecided', target: 'rectifying', actions: 'orderRectification' },
  ],
  on: {
    RECORD_INSPECTION: { guard: 'mayInspect', actions: 'inspect' },
    CANCEL: { target: 'cancelled', actions: 'cancel' },
  },
} as const;

export const jointAcceptanceMachine = setup({
  types: { context: {} as JointAcceptanceContext, events: {} as JointAcceptanceEvent, input: {} as JointAcceptanceInput },
  actions: {
    inspect: assign({
      parts: ({ context, event }) => {
        if (event.type !== 'RECORD_INSPECTION') return context.parts;
        const inspection: TInspection = {
          at: event.at,
          by: event.actor.userId,
          outcome: event.outcome,
          findings: event.findings,
          rectifyDueAt: event.outcome === 'rectify' ? event.rectifyDueAt : null,
        };
        return context.parts.map((p) =>
          p.itemId === event.itemId ? { ...p, status: event.outcome === 'pass' ? 'passed' : 'rectify', inspections: [...p.inspections, inspection] } : p,
        );
      },
    }),
    /** Every part has decided and some ordered rectification: the enterprise's time starts, the clock stops counting. */
    orderRectification: assign(({ context, event }) => {
      const ordered = context.parts.filter((p) => p.status === 'rectify');
      const dueAt = latest(ordered.map((p) => p.inspections[p.inspections.length - 1]!.rectifyDueAt!));
      return {
        clock: pauseClock(context.clock, { kind: 'rectification', reason: `整改: ${ordered.map((p) => p.itemId).join(', ')}`, at: event.at }),
        rectifications: [...context.rectifications, { orderedAt: event.at, dueAt, items: ordered.map((p) => p.itemId), reportedAt: null, note: null }],
      };
    }),
    conclude: assign(({ context, event }) => ({ clock: stopClock(context.clock, event.at), concludedAt: event.at })),
    cancel: assign({ clock: ({ context, event }) => stopClock(context.clock, event.at) }),
  },
  guards: {
    byCoordinator: ({ event }) => 'actor' in event && event.actor.role === 'coordinator',
    byOwnEnterprise: ({ context, event }) => 'actor' in event && event.actor.role === 'enterprise' && event.actor.enterpriseId === context.enterpriseId,
    /** The part's own department, answering a proposal that is on the table (a part it has already inspected on it is answered). */
    mayAnswer: ({ context, event }) => {
      if (event.type !== 'CONFIRM_VISIT' && event.type !== 'COUNTER_VISIT') return false;
      const part = partOf(context, event.itemId);
      return context.proposal !== null && part?.status === 'awaiting' && event.actor.role === 'department' && event.actor.departmentId === part.departmentId;
    },
    /** The part's own department, on a part not decided yet (or to inspect again after the report). */
    mayInspect: ({ context, event }) => event.type === 'RECORD_INSPECTION' && mayRecord(context, event),
    /**
     * Before every part confirmed: a department that was on the proposed visit records its part
     * there and then, and that record confirms the date for its part (one decision, not two).
     */
    mayInspectOnProposal: ({ context, event }) =>
      event.type === 'RECORD_INSPECTION' && event.confirmsVisit === true && context.proposal !== null && mayRecord(context, event),
    allConfirmed: ({ context }) => context.parts.every((p) => p.answer?.kind === 'confirmed'),
    allPassed: ({ context }) => context.parts.every((p) => p.status === 'passed'),
    allDecided: ({ context }) => decided(context),
  },
}).createMachine({
  id: 'jointAcceptance',
  context: ({ input }) => ({
    stageId: input.stageId,
    enterpriseId: input.enterpriseId,
    parts: input.parts.map((p) => ({ ...p, answer: null, status: 'awaiting' as const, inspections: [] })),
    proposal: null,
    visitDate: null,
    clock: startClock({ at: input.at, legalLimit: input.legalLimit, promisedLimit: input.promisedLimit, yellowAt: input.yellowAt }),
    rectifications: [],
    concludedAt: null,
  }),
  initial: 'scheduling',
  states: {
    /**
     * No agreed date yet: the coordinator proposes one, each part's department confirms or proposes
     * another, or (from the proposed day on) records its part as one who was there.
     */
    scheduling: {
      always: { guard: 'allConfirmed', target: 'inspecting', actions: assign({ visitDate: ({ context }) => context.proposal!.date }) },
      on: {
        PROPOSE_VISIT: {
          guard: 'byCoordinator',
          actions: assign({
            proposal: ({ event }) => ({ date: event.date, by: event.actor.userId, at: event.at }),
            // A part already inspected on an earlier proposal keeps its answer: it was there.
            parts: ({ context }) => context.parts.map((p) => (p.status === 'awaiting' ? { ...p, answer: null } : p)),
          }),
        },
        CONFIRM_VISIT: {
          guard: 'mayAnswer',
          actions: assign({
            parts: ({ context, event }) => context.parts.map((p) => (p.itemId === event.itemId ? { ...p, answer: { kind: 'confirmed' as const } } : p)),
          }),
        },
        RECORD_INSPECTION: {
          guard: 'mayInspectOnProposal',
          actions: [
            assign({
              parts: ({ context, event }) => context.parts.map((p) => (p.itemId === event.itemId ? { ...p, answer: { kind: 'confirmed' as const } } : p)),
            }),
            'inspect',
          ],
        },
        COUNTER_VISIT: {
          guard: 'mayAnswer',
          actions: assign({
            parts: ({ context, event }) =>
              context.parts.map((p) =>
                p.itemId === event.itemId ? { ...p, answer: { kind: 'counter' as const, date: event.date, reason: event.reason } } : p,
              ),
          }),
        },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    /** The site visit: each part records its findings and passes or orders rectification. */
    inspecting: INSPECTION,
    /** The enterprise rectifies (整改); the clock does not count these days. */
    rectifying: {
      on: {
        REPORT_RECTIFIED: {
          guard: 'byOwnEnterprise',
          target: 'reinspecting',
          actions: assign(({ context, event }) => ({
            clock: resumeClock(context.clock, event.at),
            parts: context.parts.map((p) => (p.status === 'rectify' ? { ...p, status: 'reinspect' as const } : p)),
            rectifications: context.rectifications.map((r, i) =>
              i === context.rectifications.length - 1 ? { ...r, reportedAt: event.at, note: event.note ?? null } : r,
            ),
          })),
        },
        CANCEL: { target: 'cancelled', actions: 'cancel' },
      },
    },
    /** Rectification reported: the parts that ordered it inspect again. */
    reinspecting: INSPECTION,
    /** Every part passed: the combined conclusion is issued with the stage's results. */
    passed: { type: 'final' },
    /** The project ended (withdrawn, rejected) before the conclusion. */
    cancelled: { type: 'final' },
  },
});

/** The machine's states, as stored in `value`. */
export type JointAcceptanceStatus = StateValueFrom<typeof jointAcceptanceMachine>;
