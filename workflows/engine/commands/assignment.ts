/**
 * Who in the department holds a task (one review): claimed from the department's pool,
 * assigned by the department's head (`leader`), transferred with a reason, released back.
 *
 * Why the workflow holds it, not a service table: every change is then in the project's
 * history beside the decisions it led to (who had the task when it went red, a transfer's
 * reason), it is decided against the review's own state in one place (no task is claimed after
 * it is decided), and the read model row only carries it for the inbox's query, like the due
 * date. Whether the target user exists, is active and works in the department is checked by
 * the service before it sends the command: the engine knows no user list.
 */
import { REVIEW_DONE } from '../../machines/review.machine';
import type { TActor } from '../../model/actor';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import type { TAssignment } from '../state';
import type { THandlers } from './handler';

type TAssignmentCommand = 'claimTask' | 'assignTask' | 'transferTask' | 'releaseTask';

/** The holder of `itemId`'s task, or undefined while it is in the department's pool. */
export const holderOf = (engine: ProjectEngine, itemId: string): TAssignment | undefined => engine.raw.assignments?.[itemId];

/** A task is open while its review runs (dispatched, not decided); pending and decided reviews are nobody's work. */
function isOpen(engine: ProjectEngine, itemId: string): boolean {
  const status = engine.reviewStatus(itemId);
  return status !== 'pending' && !REVIEW_DONE.has(status);
}

function assertOpen(engine: ProjectEngine, type: TAssignmentCommand, itemId: string): void {
  engine.specItem(itemId);
  if (!isOpen(engine, itemId))
    throw new DecisionRefused(`${type}: ${itemId} is not an open task (review ${engine.reviewStatus(itemId)})`, 'NOT_ALLOWED_NOW', 'itemId');
}

/** The holder or the department's head may hand a task on; anyone else is refused (403). */
function assertHolderOrHead(engine: ProjectEngine, type: TAssignmentCommand, actor: TActor, itemId: string): TAssignment {
  const held = holderOf(engine, itemId);
  if (!held) throw new DecisionRefused(`${type}: ${itemId} is in the department's pool; claim it or have the head assign it`, 'NOT_ALLOWED_NOW', 'itemId');
  if (held.userId !== actor.userId && actor.leader !== true) {
    throw new DecisionRefused(`${type}: ${itemId} is held by ${held.userId}; only they or the head of the department may hand it on`, 'FORBIDDEN_ROLE', 'type');
  }
  return held;
}

function hold(engine: ProjectEngine, itemId: string, userId: string, by: TActor, now: string): void {
  engine.raw.assignments = { ...engine.raw.assignments, [itemId]: { userId, at: now, by: by.userId } };
}

export const assignmentHandlers: THandlers<TAssignmentCommand> = {
  claimTask(engine, actor, { itemId, fromDisabled }, now) {
    assertOpen(engine, 'claimTask', itemId);
    const held = holderOf(engine, itemId);
    // A disabled account's task is in the pool (the inbox shows it there); the service has checked that the account is disabled.
    if (held && held.userId !== fromDisabled) {
      throw new DecisionRefused(`claimTask: ${itemId} is held by ${held.userId}; ask them or the head to transfer it`, 'NOT_ALLOWED_NOW', 'itemId');
    }
    if (!held && fromDisabled !== undefined)
      throw new DecisionRefused(`fromDisabled: ${itemId} is not held by ${fromDisabled}`, 'INVALID_FIELD', 'fromDisabled');
    hold(engine, itemId, actor.userId, actor, now);
    engine.record(
      actor,
      now,
      'taskClaimed',
      held ? `task of ${held.userId} (account disabled) claimed by ${actor.userId}` : `task claimed by ${actor.userId}`,
      {
        itemId,
      },
    );
  },

  assignTask(engine, actor, { itemId, userId }, now) {
    assertOpen(engine, 'assignTask', itemId);
    if (holderOf(engine, itemId)?.userId === userId) throw new DecisionRefused(`userId: ${userId} holds ${itemId} already`, 'INVALID_FIELD', 'userId');
    hold(engine, itemId, userId, actor, now);
    engine.record(actor, now, 'taskAssigned', `task assigned to ${userId} by the head of the department`, { itemId });
    engine.notify('department', `${itemId}: assigned to you by ${actor.userId}`, now, userId);
  },

  transferTask(engine, actor, { itemId, userId, reason }, now) {
    assertOpen(engine, 'transferTask', itemId);
    const held = assertHolderOrHead(engine, 'transferTask', actor, itemId);
    if (held.userId === userId) throw new DecisionRefused(`userId: ${userId} holds ${itemId} already`, 'INVALID_FIELD', 'userId');
    hold(engine, itemId, userId, actor, now);
    engine.record(actor, now, 'taskTransferred', `task transferred from ${held.userId} to ${userId}`, { itemId, reason });
    engine.notify('department', `${itemId}: transferred to you by ${actor.userId}: ${reason}`, now, userId);
  },

  releaseTask(engine, actor, { itemId, reason }, now) {
    assertOpen(engine, 'releaseTask', itemId);
    const held = assertHolderOrHead(engine, 'releaseTask', actor, itemId);
    const { [itemId]: _released, ...rest } = engine.raw.assignments!;
    engine.raw.assignments = rest;
    engine.record(actor, now, 'taskReleased', `task of ${held.userId} back in the department's pool`, { itemId, reason });
  },
};
