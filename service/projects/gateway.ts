/**
 * The service's one door to Temporal: details from workflow queries (lists come from the read
 * model, db/read-model/store.ts), decisions through the `decide` Update and calendar refreshes through the
 * `refreshCalendar` Update (client/projects.ts). Temporal's
 * failures become AppErrors here: a missing workflow is NOT_FOUND, an unreachable cluster
 * UNAVAILABLE, a validator's refusal DECISION_REJECTED.
 */
import {
  type Client,
  isGrpcServiceError,
  QueryRejectedError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { DecisionError, decide, decisionErrorOf, decisionResultOf, refreshCalendar, startProject, viewProject } from '../../client/projects';
import type { TDecisionResult } from '../../workflows/decision-result';
import { SA } from '../../workflows/search-attributes';
import { mayView } from '../../workflows/model/visibility';
import type { TActor } from '../../workflows/model/actor';
import type { TCommand } from '../../workflows/model/commands';
import type { TProjectInput } from '../../workflows/engine/state';
import type { TAction, TProjectView } from '../../workflows/engine/view';
import type { THistoryEntry } from '../../workflows/engine/history';
import { allowedActionsQuery, DECISION_REJECTED, historyQuery, projectWorkflowId, readModelQuery, specQuery } from '../../workflows/messages';
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
/** How long a poll of a pending decision waits for its outcome before answering "still pending". */
const OUTCOME_WAIT_MS = 5_000;
/**
 * A worker counts as polling while one of its pollers was seen this recently. Temporal records a
 * poller when a long poll starts, and an idle poll lasts the server's
 * `matching.longPollExpirationInterval` (1 min by default; `npm start` runs the dev server with 5 s),
 * so an idle live worker looks up to that old: the default allows it plus 10 s.
 */
export const DEFAULT_WORKER_STALE_MS = 70_000;
/** Seconds a client should wait before retrying when Temporal is not answering. */
export const ENGINE_RETRY_AFTER_SECONDS = 5;

/**
 * The decision reached Temporal (or may have) but its outcome was not known before the deadline:
 * it will be applied at most once (its Update id), so the client must not be told to send a new
 * one; it polls `GET /api/projects/:id/events/:key` instead.
 */
export class DecisionPending extends Error {
  override readonly name = 'DecisionPending';
  constructor(readonly updateId: string) {
    super(`decision ${updateId} is not settled yet`);
  }
}

/** What became of a decision sent with an Update id. */
export type TDecisionOutcome = { state: 'applied'; result: TDecisionResult } | { state: 'pending' } | { state: 'unknown' };

export interface TGatewayOptions {
  /** See DEFAULT_WORKER_STALE_MS. */
  workerStaleMs?: number;
  /** How long a decision waits for its outcome before it is answered as pending (202). */
  updateDeadlineMs?: number;
  now?: () => number;
}

export class ProjectGateway {
  private readonly workerStaleMs: number;
  private readonly updateDeadlineMs: number;
  private readonly now: () => number;

  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    options: TGatewayOptions = {},
  ) {
    this.workerStaleMs = options.workerStaleMs ?? DEFAULT_WORKER_STALE_MS;
    this.updateDeadlineMs = options.updateDeadlineMs ?? UPDATE_DEADLINE_MS;
    this.now = options.now ?? Date.now;
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
    return this.call(projectNamed(projectId), QUERY_DEADLINE_MS, () =>
      this.client.workflow.getHandle(projectWorkflowId(projectId)).query(allowedActionsQuery, actor),
    );
  }

  /**
   * Sends the decision as the `decide` Update with `updateId` (Temporal deduplicates Update ids
   * per workflow: the same id sent again returns the first one's result).
   * @throws DecisionPending when it was sent but its outcome is not known in time (never "retry")
   * The workflow's validator decides who may see the project (NOT_FOUND for anyone else, as for an
   * unknown id) and everything about the decision, so the write path asks nothing before it.
   * @throws AppError PROJECT_ENDED when the project's workflow has closed, DECISION_REJECTED, FORBIDDEN, NOT_FOUND, UNAVAILABLE
   */
  async decide(projectId: string, actor: TActor, command: TCommand, updateId: string): Promise<TDecisionResult> {
    try {
      return await this.client.withDeadline(this.now() + this.updateDeadlineMs, () => decide(this.client, projectId, actor, command, updateId));
    } catch (err) {
      if (outcomeUnknown(err)) throw new DecisionPending(updateId);
      if (isNotFound(err)) throw await this.endedOrMissing(projectId, actor);
      throw translate(err, projectNamed(projectId));
    }
  }

  /**
   * The outcome of a decision sent with `updateId`, waiting up to `waitMs` for it.
   * @throws AppError DECISION_REJECTED when the workflow refused it
   */
  async decisionOutcome(projectId: string, actor: TActor, updateId: string, waitMs = OUTCOME_WAIT_MS): Promise<TDecisionOutcome> {
    const handle = this.client.workflow.getHandle(projectWorkflowId(projectId)).getUpdateHandle<TDecisionResult | TProjectView>(updateId);
    try {
      const answer = await this.client.withDeadline(this.now() + waitMs, () => handle.result());
      return { state: 'applied', result: await decisionResultOf(this.client, projectId, actor, answer) };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === DECISION_REJECTED) {
        throw refusalError(decisionErrorOf(err.cause), projectNamed(projectId));
      }
      if (outcomeUnknown(err)) return { state: 'pending' };
      if (isNotFound(err)) return { state: 'unknown' };
      throw translate(err, projectNamed(projectId));
    }
  }

  /** The `refreshCalendar` Update: the project recomputes its deadlines with the calendar the worker has in force now. */
  async refreshCalendar(projectId: string, actor: TActor): Promise<TProjectView> {
    try {
      return await this.client.withDeadline(this.now() + this.updateDeadlineMs, () => refreshCalendar(this.client, projectId, actor));
    } catch (err) {
      if (isNotFound(err)) throw await this.endedOrMissing(projectId, actor);
      throw translate(err, projectNamed(projectId));
    }
  }

  /**
   * An Update on a closed workflow fails as not-found: PROJECT_ENDED (409) when the project exists
   * and the actor may see it (its search attributes say whose it is), NOT_FOUND otherwise.
   */
  private async endedOrMissing(projectId: string, actor: TActor): Promise<AppError> {
    try {
      const description = await this.call(projectNamed(projectId), QUERY_DEADLINE_MS, () =>
        this.client.workflow.getHandle(projectWorkflowId(projectId)).describe(),
      );
      const attributes = description.typedSearchAttributes;
      if (!mayView(actor, { enterpriseId: attributes.get(SA.enterprise) ?? '', departmentIds: attributes.get(SA.departments) ?? [] }))
        return AppError.notFound(projectNamed(projectId));
      if (description.status.name === 'RUNNING')
        return new AppError('UNAVAILABLE', 'the approval engine did not take the decision; retry later', [], retryAfter());
      return new AppError(
        'PROJECT_ENDED',
        `project '${projectId}' has ended (its workflow is ${description.status.name.toLowerCase()}): it takes no more decisions`,
        [{ path: 'type', message: 'the project has ended' }],
      );
    } catch (err) {
      return err instanceof AppError ? err : AppError.notFound(projectNamed(projectId));
    }
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

  /**
   * Temporal reachable, and a worker polling the task queue: Temporal's DescribeTaskQueue lists
   * the pollers it saw in the last 5 minutes with their `lastAccessTime`; only those seen within
   * `workerStaleMs` count (a killed worker stays listed for minutes).
   */
  async health(): Promise<{ temporal: 'ok' | 'unreachable'; worker: 'ok' | 'no-pollers' | 'unknown' }> {
    let pollers;
    try {
      const response = await this.client.withDeadline(this.now() + 3000, () =>
        this.client.workflowService.describeTaskQueue({ namespace: this.client.options.namespace, taskQueue: { name: this.taskQueue }, taskQueueType: 1 }),
      );
      pollers = response.pollers;
    } catch {
      return { temporal: 'unreachable', worker: 'unknown' };
    }
    const seen = pollers.map((p) => (p.lastAccessTime ? Number(p.lastAccessTime.seconds ?? 0) * 1000 + Math.floor((p.lastAccessTime.nanos ?? 0) / 1e6) : 0));
    if (seen.length === 0) return { temporal: 'ok', worker: 'no-pollers' };
    const ago = Math.max(0, this.now() - Math.max(...seen));
    return { temporal: 'ok', worker: ago <= this.workerStaleMs ? 'ok' : 'no-pollers' };
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

/**
 * A refusal as the caller reads it: a project the actor may not see is NOT_FOUND (the same words
 * as an unknown id), a decision on another department's item or another enterprise's project
 * FORBIDDEN, everything else DECISION_REJECTED; the field from the refusal's details, or parsed
 * from the text for refusals that carry none.
 */
export function refusalError(err: DecisionError, what: string): AppError {
  const parsed = decisionIssue(err.message);
  const issue = err.details ? { ...parsed, path: err.details.path } : parsed;
  switch (err.details?.code) {
    case 'NOT_VISIBLE':
      return AppError.notFound(what);
    case 'FORBIDDEN_ROLE':
      return new AppError('FORBIDDEN', err.message, [issue]);
    default:
      return new AppError('DECISION_REJECTED', err.message, [issue]);
  }
}

/** gRPC status codes (not a direct dependency: @grpc/grpc-js comes with the Temporal client). */
const GRPC = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 } as const;

const retryAfter = () => ({ 'Retry-After': String(ENGINE_RETRY_AFTER_SECONDS) });

const grpcOf = (err: unknown) => (isGrpcServiceError(err) ? err : err instanceof ServiceError && isGrpcServiceError(err.cause) ? err.cause : undefined);

function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || grpcOf(err)?.code === GRPC.NOT_FOUND;
}

/** The Update may have reached the workflow: the deadline passed, or the connection broke, while waiting. */
function outcomeUnknown(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcOf(err)?.code;
  return code === GRPC.DEADLINE_EXCEEDED || code === GRPC.CANCELLED || code === GRPC.UNAVAILABLE;
}

/** Temporal's failures as AppErrors: anything from the client that is not a refusal is UNAVAILABLE (503, Retry-After), never a 500. */
function translate(err: unknown, what: string): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof DecisionError) return refusalError(err, what);
  if (isNotFound(err)) return AppError.notFound(what);
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new AppError('CONFLICT', err.message);
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return new AppError('UNAVAILABLE', 'the approval engine did not answer in time; retry later', [], retryAfter());
  if (grpcOf(err) || err instanceof ServiceError || err instanceof TemporalFailure || err instanceof QueryRejectedError) {
    return new AppError('UNAVAILABLE', 'the approval engine is not answering right now; retry later', [], retryAfter());
  }
  return err;
}
