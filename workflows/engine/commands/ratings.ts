/** The enterprise rates a stage once it has ended (好差评); a bad rating is followed up by the coordinator. */
import type { TSpecStage } from '../../model/spec';
import type { StageStatus } from '../../machines/stage.machine';
import type { TOffer } from '../action';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import type { THandlers } from './handler';

const ENDED: ReadonlySet<StageStatus> = new Set(['complete', 'rejected', 'withdrawn']);
/** Scores at or below this are followed up. */
const BAD_SCORE = 2;

/** Why `stage` cannot be rated now, or undefined when it can. */
function notRateable(engine: ProjectEngine, stageId: string): string | undefined {
  if (!ENDED.has(engine.stageStatus(stageId))) return 'stageId: a stage can be rated once it has ended';
  if (engine.raw.ratings.some((r) => r.stageId === stageId)) return 'stageId: this stage is already rated';
  return undefined;
}

export const ratingsHandlers: THandlers<'rate'> = {
  rate(engine, actor, command, now) {
    const why = notRateable(engine, engine.specStage(command.stageId).id);
    if (why) throw new DecisionRefused(why, 'NOT_ALLOWED_NOW', 'stageId');
    const { stageId, score, comment } = command;
    engine.raw.ratings.push({ stageId, score, comment: comment ?? '', at: now, by: actor.userId });
    engine.record(actor, now, 'rated', `rated ${score}/5${comment ? `: ${comment}` : ''}`, { stageId });
    if (score <= BAD_SCORE) engine.notify('coordinator', `${engine.input.title}: bad rating (${score}/5) to follow up`, now);
  },
};

export function ratingsOffers(engine: ProjectEngine, stage: TSpecStage): TOffer[] {
  return notRateable(engine, stage.id) ? [] : [{ action: { type: 'rate', stageId: stage.id } }];
}
