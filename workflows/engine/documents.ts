/**
 * The facts of the documents whose lists the engine computes: what an acceptance tolerated and
 * by when, the complete list of an intake return (一次告知), a review's new due date. Acts whose
 * facts are in their command call `engine.issueDocument` directly.
 */
import type { TDocumentFactsOf } from '../../definitions/documents/kinds';
import type { TSpecStage } from '../model/spec';
import { readClock } from './clock';
import type { THistoryEntry } from './history';
import type { ProjectEngine } from './project-engine';

type TActorOf = THistoryEntry['actor'];

/** The tolerated materials of an accepted stage with their last supply day (opened by onStageAccepted). */
function toleratedOf(engine: ProjectEngine, stage: TSpecStage): TDocumentFactsOf<'toleranceCommitment'>['tolerated'] {
  return Object.values(engine.raw.commitments)
    .map((c) => c.context)
    .flatMap((c) => {
      const item = stage.items.find((i) => i.id === c.itemId);
      const material = item?.materials.find((m) => m.id === c.materialId);
      if (!item || !material) return [];
      return [{ id: material.id, title: material.title, itemTitle: item.title, dueOn: engine.dayOf(c.dueAt), consequence: c.consequence }];
    });
}

/** 受理通知书 for an accepted stage, and the 容缺受理承诺书 when it tolerated materials. */
export function issueAcceptance(
  engine: ProjectEngine,
  stage: TSpecStage,
  mode: TDocumentFactsOf<'acceptanceNotice'>['mode'],
  actor: TActorOf,
  now: string,
): void {
  const tolerated = toleratedOf(engine, stage);
  const submittedAt = engine.stage(stage.id).context.submittedAt;
  const submittedOn = submittedAt ? engine.dayOf(submittedAt) : engine.dayOf(now);
  engine.issueDocument({ kind: 'acceptanceNotice', stageId: stage.id, mode, submittedOn, tolerated }, actor, now);
  if (tolerated.length > 0) engine.issueDocument({ kind: 'toleranceCommitment', stageId: stage.id, tolerated }, actor, now);
}

/** 一次性补正告知书 of an intake return: every missing material the engine found, by title. */
export function issueIntakeCorrection(engine: ProjectEngine, stage: TSpecStage, reason: string, actor: TActorOf, now: string): void {
  const materials = engine.stage(stage.id).context.missing.map((m) => {
    const title = stage.items.find((i) => i.id === m.itemId)?.materials.find((x) => x.id === m.materialId)?.title ?? m.materialId;
    return { id: m.materialId, title };
  });
  engine.issueDocument({ kind: 'correctionNotice', stageId: stage.id, by: 'intake', materials, reason }, actor, now);
}

/** The last day of an item's legal limit as its clock reads now (after an extension). */
export function legalDueOn(engine: ProjectEngine, itemId: string, now: string): string {
  const clock = engine.reviewCtx(itemId).clock;
  return clock ? readClock(clock, engine.workingCalendar, now, engine.clockRules).legal.dueDate : engine.dayOf(now);
}
