/**
 * What a decision answers (issue 12): what it changed and the project's new version, not the
 * whole view. The result is recorded in history with every decision, so it is kept small; the
 * caller reads the project again when it wants the whole picture.
 */
import { z } from 'zod';
import { ZHistoryEntry } from './engine/history';
import type { ProjectEngine } from './engine/project-engine';
import { allowedActions, ZAction } from './engine/view';
import type { TActor } from './model/actor';
import { mayView } from './model/visibility';

export const ZDecisionResult = z.object({
  projectId: z.string(),
  /** Rises with every entry the project records: a later read shows at least this version. */
  version: z.number().int().nonnegative(),
  status: z.enum(['active', 'complete', 'rejected', 'withdrawn']),
  currentStageId: z.string(),
  /** The history entries this decision recorded (and the consequences it set off), as the caller may read them. */
  recorded: z.array(ZHistoryEntry),
  /** What the caller may do now, asked of the statecharts. */
  actions: z.array(ZAction),
});
export type TDecisionResult = z.infer<typeof ZDecisionResult>;

/** Whether an update's answer is a decision result or, from a project started before patch city-load, the whole view. */
export const isDecisionResult = (answer: TDecisionResult | { stages: unknown }): answer is TDecisionResult => !('stages' in answer);

/** Who may see the project at all (workflows/model/visibility.ts), from its spec. */
export function seesProject(engine: ProjectEngine, actor: TActor): boolean {
  const input = engine.raw.input;
  return mayView(actor, { enterpriseId: input.enterpriseId, departmentIds: input.spec.stages.flatMap((s) => s.items.map((i) => i.departmentId)) });
}

/** The answer to the actor's decision: the entries recorded after `version` as the actor may read them (a department: the stage's and its own items'). */
export function decisionResult(engine: ProjectEngine, version: number, actor: TActor, now: string): TDecisionResult {
  const entries = engine.raw.history.filter((h) => h.seq > version);
  const own = new Set(engine.raw.input.spec.stages.flatMap((s) => s.items.filter((i) => i.departmentId === actor.departmentId).map((i) => i.id)));
  return {
    projectId: engine.raw.input.projectId,
    version: engine.raw.seq,
    status: engine.status(),
    currentStageId: engine.currentStageId(),
    recorded: actor.role === 'department' ? entries.filter((h) => h.itemId === undefined || own.has(h.itemId)) : entries,
    actions: allowedActions(engine, actor, now),
  };
}
