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
import { DECISION_REJECTED, decideUpdate, projectWorkflowId, refreshCalendarUpdate, viewQuery } from '../workflows/messages';
import { SA } from '../workflows/search-attributes';

export class DecisionError extends Error {
  override readonly name = 'DecisionError';
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

/** Sends one decision; resolves to the new view or rejects with the validator's reason. */
export async function decide(client: Client, projectId: string, actor: TActor, command: TCommand, updateId?: string): Promise<TProjectView> {
  const handle = client.workflow.getHandle(projectWorkflowId(projectId));
  return refusalsAsDecisionErrors(() => handle.executeUpdate(decideUpdate, { args: [{ actor, command }], ...(updateId ? { updateId } : {}) }));
}

/**
 * A coordinator tells a running project to recompute its deadlines with the calendar in force
 * now (a newly loaded notice or override); the project records which calendar it moved to.
 */
export async function refreshCalendar(client: Client, projectId: string, actor: TActor): Promise<TProjectView> {
  const handle = client.workflow.getHandle(projectWorkflowId(projectId));
  return refusalsAsDecisionErrors(() => handle.executeUpdate(refreshCalendarUpdate, { args: [{ actor }] }));
}

async function refusalsAsDecisionErrors<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === DECISION_REJECTED) {
      throw new DecisionError(err.cause.message);
    }
    throw err;
  }
}

export async function viewProject(client: Client, projectId: string): Promise<TProjectView> {
  return client.workflow.getHandle(projectWorkflowId(projectId)).query(viewQuery);
}

