/**
 * The engine's cross-cutting rules, before any statechart is asked: who may send a command
 * (COMMAND_ROLE with the project's ownership and the item's department) and the bounds of the
 * state (STATE_BUDGET). The same predicates serve the refusals and the allowed actions.
 */
import type { TActor } from '../model/actor';
import { COMMAND_AUTHORITY, COMMAND_ROLE, type TCommand, type TCommandType } from '../model/commands';
import type { ProjectEngine } from './project-engine';
import { DecisionRefused } from './refusal';

/** 行政许可法 art. 42(2): joint or centralised handling may be extended by at most 15 days. */
export const MAX_EXTENSION_DAYS = 15;

/**
 * What one project's state may hold (issue 11). Every decision is recorded in `history`, which
 * crosses continue-as-new, so its entries and text are bounded: a decision is refused once
 * either is used up (withdrawal stays possible). The default project records about 100 entries
 * and 6,000 characters; these leave room for 20× that while the state stays well under
 * Temporal's 2 MB payload limit (3 bytes per character). A review's clock keeps every pause
 * with its reason and is read by every view, so the pauses of one review (corrections and
 * special procedures) are bounded too: a correction is asked once and in full (一次告知,
 * 行政许可法 art. 32), so 10 is far beyond honest use.
 */
export const STATE_BUDGET = { historyEntries: 2000, historyChars: 400_000, pausesPerReview: 10 } as const;

/**
 * The engine rules version (ENGINE_RULES) from which issue 14's acts exist: refusing to accept,
 * setting the project code afterwards, extensions by authority, delivery. A project created
 * before neither offers nor takes them, so every answer it gave replays the same.
 */
export const LEGAL_ACTS_RULES = 3;

/** Refuses an act of issue 14 on a project created under earlier rules. */
export function assertLegalActs(engine: ProjectEngine, type: TCommandType): void {
  if (engine.rules < LEGAL_ACTS_RULES) {
    throw new DecisionRefused(
      `${type}: not available on a project created before the rules of 行政许可法 arts. 32, 42 and 44 were followed (rules ${engine.rules})`,
    );
  }
}

/** The history is full: only withdrawal can still be recorded. */
export function historyFull(engine: ProjectEngine): boolean {
  const s = engine.raw;
  return s.seq >= STATE_BUDGET.historyEntries || (s.historyChars ?? 0) >= STATE_BUDGET.historyChars;
}

/** STATE_BUDGET: refuses a decision once the history is full (withdrawal excepted: the enterprise can always end it). */
export function assertWithinBudget(engine: ProjectEngine, command: TCommand): void {
  if (command.type === 'withdraw' || !historyFull(engine)) return;
  const s = engine.raw;
  throw new DecisionRefused(
    `${command.type}: this project's history is full (${s.seq} of ${STATE_BUDGET.historyEntries} entries, ${s.historyChars ?? 0} of ${STATE_BUDGET.historyChars} characters); no further decision can be recorded — the coordinator must take it up outside the system`,
    'BUDGET_EXCEEDED',
  );
}

/** Pauses a review's clock has recorded (corrections and special procedures). */
export const pausesOf = (engine: ProjectEngine, itemId: string) => engine.reviewCtx(itemId).clock?.pauses.length ?? 0;

export function assertPauseBudget(engine: ProjectEngine, itemId: string): void {
  const pauses = pausesOf(engine, itemId);
  if (pauses >= STATE_BUDGET.pausesPerReview) {
    throw new DecisionRefused(
      `itemId: review ${itemId} has been paused ${pauses} times, the most one review may be (corrections are asked once and in full, 行政许可法 art. 32); decide on it`,
      'BUDGET_EXCEEDED',
      'itemId',
    );
  }
}

/** Working days of extension already granted on a review. */
export const extensionDaysOf = (engine: ProjectEngine, itemId: string) => engine.reviewCtx(itemId).clock?.extensions.reduce((sum, e) => sum + e.days, 0) ?? 0;

/** Whether `actor` has the authority COMMAND_AUTHORITY asks for `type` (none asked: yes). */
export function hasAuthority(actor: Pick<TActor, 'leader' | 'governmentHead'>, type: TCommandType): boolean {
  const authority = COMMAND_AUTHORITY[type];
  return authority === undefined || actor[authority] === true;
}

/**
 * Whether `actor` holds the role COMMAND_ROLE gives `type` on this project: its enterprise, a
 * coordinator, or the department of `departmentId` (the item's); and the authority it needs.
 */
export function holdsRole(engine: ProjectEngine, actor: TActor, type: TCommandType, departmentId?: string): boolean {
  if (!hasAuthority(actor, type)) return false;
  switch (COMMAND_ROLE[type]) {
    case 'enterprise':
      return actor.role === 'enterprise' && actor.enterpriseId === engine.raw.input.enterpriseId;
    case 'department':
      return actor.role === 'department' && actor.departmentId === departmentId;
    case 'coordinator':
      return actor.role === 'coordinator';
  }
}

/** Role and ownership, before any state is consulted: the same answer for every state. */
export function authorise(engine: ProjectEngine, actor: TActor, command: TCommand): void {
  const role = COMMAND_ROLE[command.type];
  const item = role === 'department' ? engine.specItem((command as { itemId: string }).itemId).item : undefined;
  if (holdsRole(engine, actor, command.type, item?.departmentId)) return;
  const authority = COMMAND_AUTHORITY[command.type];
  if (authority && actor.role === role && (role !== 'department' || actor.departmentId === item!.departmentId)) {
    const who = authority === 'leader' ? `the head of department ${item!.departmentId} (a leader)` : 'the local government head';
    throw new DecisionRefused(`${command.type}: only ${who} may approve this (行政许可法 art. 42)`, 'FORBIDDEN_ROLE', 'type');
  }
  const message =
    role === 'enterprise'
      ? `${command.type}: only the project's enterprise may do this`
      : role === 'department'
        ? `${command.type}: only department ${item!.departmentId} may decide on ${item!.id}`
        : `${command.type}: only a coordinator may do this`;
  // A department deciding on another department's item is wrong about the item, not the command.
  throw new DecisionRefused(message, 'FORBIDDEN_ROLE', role === 'department' && actor.role === 'department' ? 'itemId' : 'type');
}
