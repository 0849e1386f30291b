/** The enterprise withdraws its project (撤回): the current stage ends and open work is cancelled. */
import { stageMachine } from '../../machines/stage.machine';
import { type TOffer, rightfulActor } from '../action';
import { can } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { cancelOpenWork } from '../rules';
import type { THandlers } from './handler';

export const withdrawalHandlers: THandlers<'withdraw'> = {
  withdraw(engine, actor, command, now) {
    const stageId = engine.currentStageId();
    engine.sendStage(stageId, { type: 'WITHDRAW', actor, at: now, reason: command.reason }, 'the project can no longer be withdrawn');
    cancelOpenWork(engine, now, 'project withdrawn');
    engine.record(actor, now, 'withdrawn', 'project withdrawn', { stageId, reason: command.reason });
    engine.notify('coordinator', `${engine.input.title}: withdrawn by the enterprise: ${command.reason}`, now);
  },
};

/** Withdrawal stays open while the current stage takes it, even with a full history (STATE_BUDGET). */
export function withdrawalOffers(engine: ProjectEngine): TOffer[] {
  const open = can(stageMachine, engine.stage(engine.currentStageId()), { type: 'WITHDRAW', actor: rightfulActor(engine, 'withdraw'), at: '', reason: 'x' });
  return open ? [{ action: { type: 'withdraw' } }] : [];
}
