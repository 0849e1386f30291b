/**
 * The engine in memory behind the service's gateway, for unit tests of the project routes
 * without Temporal: the same ProjectEngine, view, history and refusals as the workflow's
 * update validator (check before apply) and the gateway's translation of its refusals, one
 * engine per project id. Lists and inboxes come from the read model, which it fills after
 * every change as the workflow does (pass a ReadModelStore to test them).
 */
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import type { TCalendarSnapshot } from '../../definitions/calendar/snapshot';
import { DecisionRefused, ProjectEngine } from '../../workflows/engine/project-engine';
import type { TProjectInput } from '../../workflows/engine/state';
import { allowedActions, projectView } from '../../workflows/engine/view';
import { readModelContent } from '../../workflows/read-model/rows';
import type { ReadModelWriter } from '../../activities/read-model';
import type { TActor } from '../../workflows/model/actor';
import type { TCommand } from '../../workflows/model/commands';
import { AppError } from '../../service/errors';
import { decisionIssue, type ProjectGateway, refusalError } from '../../service/projects/gateway';
import { DecisionError } from '../../client/projects';
import { decisionResult, seesProject, type TDecisionResult } from '../../workflows/decision-result';

/**
 * What the service's routes call on the gateway, with ProjectGateway's own signatures: a change
 * to one of them fails to compile here rather than slipping past a cast.
 */
export type TRoutedGateway = Pick<
  ProjectGateway,
  'start' | 'view' | 'history' | 'spec' | 'allowedActions' | 'decide' | 'decisionOutcome' | 'refreshCalendar' | 'health'
>;

const asServiceGateway = (routed: TRoutedGateway) => routed as ProjectGateway;

export class MemoryGateway implements TRoutedGateway {
  readonly engines = new Map<string, ProjectEngine>();
  /** The engine rules new projects run under (the current ones unless a test needs an older version's commands). */
  rules: number | undefined;

  private seq = 0;

  /**
   * @param calendar answers the workflow's `currentCalendar` activity on a refresh (the calendar in force).
   * @param readModel receives each project's rows after every change, as the workflow publishes them.
   */
  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly calendar: () => TCalendarSnapshot = buildOfficialSnapshot,
    private readonly readModel?: ReadModelWriter,
  ) {}

  /** What the workflow does after each change: its rows to the read model. */
  async publish(projectId: string): Promise<void> {
    this.seq += 1;
    await this.readModel?.write({ seq: this.seq, ...readModelContent(this.engine(projectId), this.at()) });
  }

  private engine(projectId: string): ProjectEngine {
    const engine = this.engines.get(projectId);
    if (!engine) throw AppError.notFound(`project '${projectId}'`);
    return engine;
  }

  private at(): string {
    return this.now().toISOString();
  }

  async start(input: TProjectInput): Promise<void> {
    if (this.engines.has(input.projectId))
      throw new AppError('CONFLICT', `project '${input.projectId}' already exists`, [{ path: 'projectId', message: 'already taken' }]);
    this.engines.set(input.projectId, ProjectEngine.create(input, this.at(), this.rules));
    await this.publish(input.projectId);
  }

  async view(projectId: string) {
    return projectView(this.engine(projectId), this.at());
  }

  async history(projectId: string) {
    return structuredClone(this.engine(projectId).snapshot().history);
  }

  async spec(projectId: string) {
    return structuredClone(this.engine(projectId).snapshot().input.spec);
  }

  async allowedActions(projectId: string, actor: TActor) {
    return allowedActions(this.engine(projectId), actor, this.at());
  }

  /** Each applied decision's answer by its Update id (for `decisionOutcome`; `decide` itself does not deduplicate). */
  readonly outcomes = new Map<string, unknown>();

  async decisionOutcome(projectId: string, _actor: TActor, updateId: string) {
    this.engine(projectId);
    const result = this.outcomes.get(`${projectId}|${updateId}`) as TDecisionResult | undefined;
    return result === undefined ? { state: 'unknown' as const } : { state: 'applied' as const, result: structuredClone(result) };
  }

  /** As the workflow's validator and handler: who may see the project, the check, then the decision's answer. */
  async decide(projectId: string, actor: TActor, command: TCommand, updateId?: string): Promise<TDecisionResult> {
    const engine = this.engine(projectId);
    if (!seesProject(engine, actor)) throw AppError.notFound(`project '${projectId}'`);
    const version = engine.raw.seq;
    try {
      engine.adopt(engine.tryApply(actor, command, this.at()));
    } catch (err) {
      if (err instanceof DecisionRefused) throw refusalError(new DecisionError(err.message, err.details), `project '${projectId}'`);
      throw err;
    }
    await this.publish(projectId);
    const result = decisionResult(engine, version, actor, this.at());
    if (updateId) this.outcomes.set(`${projectId}|${updateId}`, structuredClone(result));
    return result;
  }

  async refreshCalendar(projectId: string, actor: TActor) {
    const engine = this.engine(projectId);
    try {
      engine.replaceCalendar(this.calendar(), actor, this.at());
    } catch (err) {
      if (err instanceof DecisionRefused) throw new AppError('DECISION_REJECTED', err.message, [decisionIssue(err.message)]);
      throw err;
    }
    await this.publish(projectId);
    return projectView(engine, this.at());
  }

  async health() {
    return { temporal: 'ok' as const, worker: 'ok' as const };
  }

  /**
   * As the type the service takes. The routes call only TRoutedGateway's methods, which this
   * class implements; what the cast adds is ProjectGateway's private fields and the methods no
   * route calls (projectIds, readModelRows).
   */
  asGateway(): ProjectGateway {
    return asServiceGateway(this);
  }
}
