/**
 * The engine's client side, shared by the service, the demo and tests: start a project
 * workflow with its search attributes, send decisions, read views. Decision refusals come
 * back as `DecisionError` with the validator's reason.
 */
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TActor } from '../workflows/model/actor';
import type { TCommand } from '../workflows/model/commands';
import type { TProjectInput } from '../workflows/engine/state';
import type { TProjectView } from '../workflows/engine/view';
import { type TRefusalDetails, ZRefusalDetails } from '../workflows/engine/refusal';
import { isDecisionResult, type TDecisionResult } from '../workflows/decision-result';
import { allowedActionsQuery, DECISION_REJECTED, decideUpdate, projectWorkflowId, refreshCalendarUpdate, viewQuery } from '../workflows/messages';
import { SA } from '../workflows/search-attributes';

export class DecisionError extends Error {
  override readonly name = 'DecisionError';
  /** The refusal's code and field (absent for refusals recorded before codes existed). */
  constructor(
    message: string,
    readonly details?: TRefusalDetails,
  ) {
    super(message);
  }
}

export async function startProject(client: Client, taskQueue: string, input: TProjectInput, opts: { maxEventsPerRun?: number } = {}) {
  return client.workflow.start('projectWorkflow', {
    taskQueue,
    workflowId: projectWorkflowId(input.projectId),
    args: [{ input, ...opts }],
    typedSearchAttributes: [
      { key: SA.projectId, value: input.projectId },
      { key: SA.enterprise, value: input.enterpriseId },
      { key: SA.status, value: 'active' },
      { key: SA.stage, value: input.spec.stages[0]!.id },
      { key: SA.worstCard, value: 'green' },
      { key: SA.title, value: input.title },
      { key: SA.departments, value: [...new Set(input.spec.stages.flatMap((s) => s.items.map((i) => i.departmentId)))].sort() },
    ],
  });
}

/**
 * Sends one decision; resolves to what it changed and the project's new version, or rejects with
 * the validator's reason. Read the project with `viewProject` for the whole picture.
 */
export async function decide(client: Client, projectId: string, actor: TActor, command: TCommand, updateId?: string): Promise<TDecisionResult> {
  const handle = client.workflow.getHandle(projectWorkflowId(projectId));
  const answer = await refusalsAsDecisionErrors(() => handle.executeUpdate(decideUpdate, { args: [{ actor, command }], ...(updateId ? { updateId } : {}) }));
  return decisionResultOf(client, projectId, actor, answer);
}

/** Sends one decision and reads the project after it (scripts and tests that follow a project step by step). */
export async function decideAndView(client: Client, projectId: string, actor: TActor, command: TCommand, updateId?: string): Promise<TProjectView> {
  await decide(client, projectId, actor, command, updateId);
  return viewProject(client, projectId);
}

/**
 * A decision's answer as a result. A project started before patch decision-result answers with
 * its whole view until it continues as new: the caller's actions are then asked separately.
 */
export async function decisionResultOf(client: Client, projectId: string, actor: TActor, answer: TDecisionResult | TProjectView): Promise<TDecisionResult> {
  if (isDecisionResult(answer)) return answer;
  const actions = await client.workflow.getHandle(projectWorkflowId(projectId)).query(allowedActionsQuery, actor);
  return { projectId: answer.projectId, version: answer.historyLength, status: answer.status, currentStageId: answer.currentStageId, recorded: [], actions };
}

/**
 * A coordinator tells a running project to recompute its deadlines with the calendar in force
 * now (a newly loaded notice or override); the project records which calendar it moved to.
 */
export async function refreshCalendar(client: Client, projectId: string, actor: TActor): Promise<TProjectView> {
  const handle = client.workflow.getHandle(projectWorkflowId(projectId));
  return refusalsAsDecisionErrors(() => handle.executeUpdate(refreshCalendarUpdate, { args: [{ actor }] }));
}

/** The validator's refusal (an ApplicationFailure of type DecisionRejected) with its code and field when it carries them. */
export function decisionErrorOf(failure: ApplicationFailure): DecisionError {
  const details = ZRefusalDetails.safeParse(failure.details?.[0]);
  return new DecisionError(failure.message, details.success ? details.data : undefined);
}

async function refusalsAsDecisionErrors<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === DECISION_REJECTED)
      throw decisionErrorOf(err.cause);
    throw err;
  }
}

export async function viewProject(client: Client, projectId: string): Promise<TProjectView> {
  return client.workflow.getHandle(projectWorkflowId(projectId)).query(viewQuery);
}
