/**
 * The project workflow's messages, shared by the service and the workflow (the service
 * never imports workflow bodies). Human decisions are one Update with a validator.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { TActor } from './model/actor';
import type { TCommand } from './model/commands';
import type { TProjectSpec } from './model/spec';
import type { THistoryEntry } from './engine/history';
import type { TAction, TProjectView } from './engine/view';
import type { TReadModelRows } from './read-model/rows';
import type { TDecisionResult } from './decision-result';

export const projectWorkflowId = (projectId: string) => `project-${projectId}`;

export interface DecideArgs {
  actor: TActor;
  command: TCommand;
}
/**
 * Every human decision. Rejected by the validator (ApplicationFailure `DecisionRejected`, details
 * `ZRefusalDetails`) before it touches history. Answers what it changed (`TDecisionResult`);
 * projects started before patch city-load answer the whole view until they continue as new.
 */
export const decideUpdate = defineUpdate<TDecisionResult | TProjectView, [DecideArgs]>('decide');
/** A coordinator asks a running project to recompute its deadlines with the current calendar. */
export const refreshCalendarUpdate = defineUpdate<TProjectView, [{ actor: TActor }]>('refreshCalendar');
export const viewQuery = defineQuery<TProjectView>('view');
/** The spec the project runs under (items after conditions, limits, materials). */
export const specQuery = defineQuery<TProjectSpec>('spec');
export const historyQuery = defineQuery<THistoryEntry[]>('history');
/** The project's read-model rows as last published (what `approvals read-model rebuild` writes again). */
export const readModelQuery = defineQuery<TReadModelRows>('readModel');
export const allowedActionsQuery = defineQuery<TAction[], [TActor]>('allowedActions');

export const DECISION_REJECTED = 'DecisionRejected';
