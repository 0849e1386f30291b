/**
 * Tolerance commitments (容缺承诺): the enterprise supplies a tolerated material, the item's
 * department accepts it (the commitment is fulfilled) or refuses it (it is owed again).
 */
import { commitmentMachine } from '../../machines/commitment.machine';
import { type TOffer, rightfulActor } from '../action';
import { asker } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import type { TCommitmentSnapshot } from '../state';
import type { THandlers } from './handler';

type TCommitmentCommand = 'supplyMaterial' | 'acceptSuppliedMaterial' | 'rejectSuppliedMaterial';

export const commitmentHandlers: THandlers<TCommitmentCommand> = {
  supplyMaterial(engine, actor, command, now) {
    const { itemId, materialId } = command;
    engine.sendCommitment(itemId, materialId, { type: 'SUPPLY', actor, at: now }, 'nothing is owed for this material');
    engine.record(actor, now, 'materialSupplied', `tolerated material ${materialId} supplied`, { itemId });
    engine.notify('department', `${itemId}: tolerated material ${materialId} supplied, please check it`, now, engine.reviewCtx(itemId).departmentId);
  },

  acceptSuppliedMaterial(engine, actor, command, now) {
    const { itemId, materialId } = command;
    engine.sendCommitment(itemId, materialId, { type: 'ACCEPT_SUPPLY', actor, at: now }, 'no supplied material waits for acceptance');
    engine.record(actor, now, 'materialAccepted', `tolerated material ${materialId} accepted: commitment fulfilled`, { itemId });
  },

  rejectSuppliedMaterial(engine, actor, command, now) {
    const { itemId, materialId, reason } = command;
    engine.sendCommitment(itemId, materialId, { type: 'REJECT_SUPPLY', actor, at: now, reason }, 'no supplied material waits for acceptance');
    engine.record(actor, now, 'materialRefused', `supplied material ${materialId} refused`, { itemId, reason });
    engine.notify('enterprise', `${itemId}: supplied material ${materialId} refused: ${reason}`, now);
  },
};

/** What one commitment takes now, asked of its statechart. */
export function commitmentOffers(engine: ProjectEngine, commitment: TCommitmentSnapshot): TOffer[] {
  const can = asker(commitmentMachine, commitment);
  const { itemId, materialId, departmentId } = commitment.context;
  const department = rightfulActor(engine, 'acceptSuppliedMaterial', departmentId);
  const at = '';
  const open: Record<TCommitmentCommand, boolean> = {
    supplyMaterial: can({ type: 'SUPPLY', actor: rightfulActor(engine, 'supplyMaterial'), at }),
    acceptSuppliedMaterial: can({ type: 'ACCEPT_SUPPLY', actor: department, at }),
    rejectSuppliedMaterial: can({ type: 'REJECT_SUPPLY', actor: department, at, reason: 'x' }),
  };
  return (Object.keys(open) as TCommitmentCommand[]).filter((type) => open[type]).map((type) => ({ action: { type, itemId, materialId }, departmentId }));
}
