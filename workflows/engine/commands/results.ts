/** Results issued together (统一出件) by the coordinator once every review of the stage is approved, unless withheld. */
import { stageMachine } from '../../machines/stage.machine';
import type { TSpecStage } from '../../model/spec';
import { type TOffer, rightfulActor } from '../action';
import { can } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import { onStageIssued, withholdingCommitments } from '../rules';
import { deliveryHandlers } from './delivery';
import type { THandlers } from './handler';

export const resultsHandlers: THandlers<'issueResults'> = {
  issueResults(engine, actor, command, now) {
    const stage = engine.specStage(command.stageId);
    const withheld = withholdingCommitments(engine, stage);
    if (engine.stageStatus(stage.id) === 'readyToIssue' && withheld.length > 0) {
      throw new DecisionRefused(`results withheld: tolerated material ${withheld.join(', ')} not supplied before its deadline`, 'COMMITMENT_OVERDUE', 'type');
    }
    engine.sendStage(
      stage.id,
      { type: 'ISSUE', actor, at: now, withheld: withheld.length > 0 },
      'results can be issued only when every review of the stage is approved',
    );
    onStageIssued(engine, stage, now);
    engine.record(actor, now, 'resultsIssued', `results issued together: ${stage.items.flatMap((i) => i.results.map((r) => r.id)).join(', ') || 'none'}`, {
      stageId: stage.id,
    });
    // 送达 with the issue (art. 44): one decision for the stage's licences instead of one each (issue 12: fewer decisions, a smaller history).
    const way = command.deliver;
    if (way) {
      for (const d of Object.values(engine.raw.deliveries ?? {}).filter((x) => x.context.stageId === stage.id && x.value === 'open')) {
        deliveryHandlers.deliverResult(engine, actor, { type: 'deliverResult', itemId: d.context.itemId, way }, now);
      }
    }
  },
};

export function resultsOffers(engine: ProjectEngine, stage: TSpecStage): TOffer[] {
  const withheld = withholdingCommitments(engine, stage).length > 0;
  const open = can(stageMachine, engine.stage(stage.id), { type: 'ISSUE', actor: rightfulActor(engine, 'issueResults'), at: '', withheld });
  return open ? [{ action: { type: 'issueResults', stageId: stage.id } }] : [];
}
