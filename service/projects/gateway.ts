/**
 * The service's one door to Temporal: details from workflow queries (lists come from the read
 * model, db/read-model/store.ts), decisions through the `decide` Update and calendar refreshes through the
 * `refreshCalendar` Update (client/projects.ts). Temporal's
 * failures become AppErrors here: a missing workflow is NOT_FOUND, an unreachable cluster
 * UNAVAILABLE, a validator's refusal DECISION_REJECTED.
 */
import { type Client, isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { DecisionError, decide, refreshCalendar, startProject, viewProject } from '../../client/projects';
import type { TActor } from '../../workflows/model/actor';
import type { TCommand } from '../../workflows/model/commands';
import type { TProjectInput } from '../../workflows/engine/state';
import type { TAction, TProjectView } from '../../workflows/engine/view';
import type { THistoryEntry } from '../../workflows/engine/history';
import { allowedActionsQuery, historyQuery, projectWorkflowId, readModelQuery, specQuery } from '../../workflows/messages';
import type { TReadModelRows } from '../../workflows/read-model/rows';
import type { TProjectSpec } from '../../workflows/model/spec';
import { COMMAND_TYPES } from '../../workflows/model/commands';
import { AppError, type TIssue } from '../errors';

/** The same words as access.ts's refusal of a project the caller may not see, so the two cannot be told apart. */
const projectNamed = (projectId: string) => `project '${projectId}'`;

/** How long a query or list may take before the caller gets UNAVAILABLE (a stopped worker never answers). */
const QUERY_DEADLINE_MS = 10_000;
/** An update waits for the workflow to apply it; the worker normally answers in well under a second. */
const UPDATE_DEADLINE_MS = 30_000;

export class ProjectGateway {
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
  ) {
    if (/['"\\]/.test(taskQueue)) throw new Error(`task queue name ${JSON.stringify(taskQueue)} cannot go into a visibility query`);
  }

  private async call<T>(what: string, deadlineMs: number, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + deadlineMs, fn);
    } catch (err) {
      throw translate(err, what);
    }
  }

  async start(input: TProjectInput): Promise<void> {
    try {
      await this.call('start the project', QUERY_DEADLINE_MS, () => startProject(this.client, this.taskQueue, input));
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError || (err instanceof AppError && err.code === 'CONFLICT')) {
        throw new AppError('CONFLICT', `project '${input.projectId}' already exists`, [{ path: 'projectId', message: 'already taken' }]);
      }
      throw err;
    }
  }

  view(projectId: string): Promise<TProjectView> {
    return this.call(projectNamed(projectId), QUERY_DEADLINE_MS, () => viewProject(this.client, projectId));
  }

  history(projectId: string): Promise<THistoryEntry[]> {
    return this.call(projectNamed(projectId), QUERY_DEADLINE_MS, () => this.client.workflow.getHandle(projectWorkflowId(projectId)).query(historyQuery));
  }

  /** What the project runs (stages, items, materials), fixed at registration. */
  spec(projectId: string): Promise<TProjectSpec> {
    return this.call(projectNamed(projectId), QUERY_DEADLINE_MS, () => this.client.workflow.getHandle(projectWorkflowId(projectId)).query(specQuery));
  }

  allowedActions(projectId: string, actor: TActor): Promise<TAction[]> {
    return this.call(projectNamed(projectId), QUERY_DEADLINE_MS, () => this.client.workflow.getHandle(projectWorkflowId(projectId)).query(allowedActionsQuery, actor));
  }

  /** @param updateId makes a retried decision apply once (Temporal deduplicates Update ids per workflow). */
  decide(projectId: string, actor: TActor, command: TCommand, updateId?: string): Promise<TProjectView> {
    return this.call(projectNamed(projectId), UPDATE_DEADLINE_MS, () => decide(this.client, projectId, actor, command, updateId));
  }

  /** The `refreshCalendar` Update: the project recomputes its deadlines with the calendar the worker has in force now. */
  refreshCalendar(projectId: string, actor: TActor): Promise<TProjectView> {
    return this.call(projectNamed(projectId), UPDATE_DEADLINE_MS, () => refreshCalendar(this.client, projectId, actor));
  }

  /**
   * Every project id of this task queue, running or ended, from Temporal visibility (for
   * `approvals read-model rebuild`; lists read the read model).
   */
  async *projectIds(): AsyncGenerator<string> {
    const query = `WorkflowType = 'projectWorkflow' AND TaskQueue = '${this.taskQueue}'`;
    let token: Uint8Array = new Uint8Array();
    do {
      const response = await this.call('projects', QUERY_DEADLINE_MS, () =>
        this.client.workflowService.listWorkflowExecutions({ namespace: this.client.options.namespace, query, pageSize: 500, nextPageToken: token }),
      );
      for (const raw of response.executions) {
        const id = raw.execution?.workflowId ?? '';
        if (id.startsWith('project-')) yield id.slice('project-'.length);
      }
      token = response.nextPageToken ?? new Uint8Array();
    } while (token.length > 0);
  }

  /** The rows the project last published to the read model (the query replays an ended project). */
  readModelRows(projectId: string): Promise<TReadModelRows> {
    return this.call(projectNamed(projectId), QUERY_DEADLINE_MS, () => this.client.workflow.getHandle(projectWorkflowId(projectId)).query(readModelQuery));
  }

  /** Temporal reachable, and a worker polling the task queue. */
  async health(): Promise<{ temporal: 'ok' | 'unreachable'; worker: 'ok' | 'no-pollers' | 'unknown' }> {
    try {
      const response = await this.client.withDeadline(Date.now() + 3000, () =>
        this.client.workflowService.describeTaskQueue({ namespace: this.client.options.namespace, taskQueue: { name: this.taskQueue }, taskQueueType: 1 }),
      );
      return { temporal: 'ok', worker: response.pollers.length > 0 ? 'ok' : 'no-pollers' };
    } catch {
      return { temporal: 'unreachable', worker: 'unknown' };
    }
  }
}

const STATE_SUBJECT: Record<string, string> = { stage: 'stageId', review: 'itemId', commitment: 'materialId' };

/**
 * The validator's reason as an issue with a field path: it says `field: reason` for a bad
 * field (`${type}: …` for the command as a whole), and `… (stage|review|commitment X is S)`
 * when the state does not allow the decision.
 */
export function decisionIssue(message: string): TIssue {
  // A field may be nested one level (`form.<key>`: an application form's unknown field).
  const field = /^([a-z][A-Za-z]*(?:\.[^\s:]+)?): /.exec(message)?.[1];
  if (field) return { path: (COMMAND_TYPES as string[]).includes(field) ? 'type' : field, message: message.slice(field.length + 2) };
  const subject = /\((stage|review|commitment) \S+ is /.exec(message)?.[1];
  return { path: STATE_SUBJECT[subject ?? ''] ?? 'type', message };
}

/** gRPC status codes (not a direct dependency: @grpc/grpc-js comes with the Temporal client). */
const GRPC = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 } as const;

function translate(err: unknown, what: string): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof DecisionError) return new AppError('DECISION_REJECTED', err.message, [decisionIssue(err.message)]);
  if (err instanceof WorkflowNotFoundError) return AppError.notFound(what);
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new AppError('CONFLICT', err.message);
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new AppError('UNAVAILABLE', 'the engine did not answer in time; retry with the same Idempotency-Key');
  const grpc = isGrpcServiceError(err) ? err : err instanceof ServiceError && isGrpcServiceError(err.cause) ? err.cause : undefined;
  if (grpc?.code === GRPC.NOT_FOUND) return AppError.notFound(what);
  if (grpc?.code === GRPC.UNAVAILABLE || grpc?.code === GRPC.DEADLINE_EXCEEDED || grpc?.code === GRPC.CANCELLED) {
    return new AppError('UNAVAILABLE', 'the approval engine is not reachable right now; retry later');
  }
  return err;
}
