/**
 * What each role may see of a project. A coordinator sees everything; an enterprise only its
 * own projects; a department only projects where it reviews an item, and of those only its
 * own reviews, commitments and history. A project the caller may not see answers NOT_FOUND,
 * the same as one that does not exist, so ids cannot be probed. The workflow's update
 * validator checks every decision again.
 */
import type { THistoryEntry } from '../../workflows/engine/history';
import type { TAction, TProjectView } from '../../workflows/engine/view';
import { COMMAND_AUTHORITY, COMMAND_ROLE, type TCommand } from '../../workflows/model/commands';
import { mayView } from '../../workflows/model/visibility';
import { AppError } from '../errors';
import type { TPublicUser } from '../users/store';

/** Who may see the project at all (workflows/model/visibility.ts), from its view. */
export function canSee(user: TPublicUser, view: TProjectView): boolean {
  // An agent reaches a project only as the enterprise it acts for (service/agents/gate.ts), never as itself.
  const { role, enterpriseId, departmentId } = user;
  if (role === 'agent') return false;
  return mayView({ role, enterpriseId, departmentId }, { enterpriseId: view.enterpriseId, departmentIds: view.reviews.map((r) => r.departmentId) });
}

/** @throws AppError NOT_FOUND when the caller may not see the project */
export function assertVisible(user: TPublicUser, view: TProjectView, projectId: string): void {
  if (!canSee(user, view)) throw AppError.notFound(`project '${projectId}'`);
}

/** The view as the caller may read it. */
export function viewFor(user: TPublicUser, view: TProjectView): TProjectView {
  if (user.role !== 'department') return view;
  const mine = (r: { departmentId: string }) => r.departmentId === user.departmentId;
  const items = new Set(view.reviews.filter(mine).map((r) => r.itemId));
  return {
    ...view,
    reviews: view.reviews.filter(mine),
    commitments: view.commitments.filter(mine),
    ...(view.promises ? { promises: view.promises.filter(mine) } : {}),
    results: view.results.filter((r) => items.has(r.itemId)),
    ratings: [],
  };
}

/** A department reads the stage-level entries and those of its own items. */
export function historyFor(user: TPublicUser, view: TProjectView, history: THistoryEntry[]): THistoryEntry[] {
  if (user.role !== 'department') return history;
  const items = new Set(view.reviews.filter((r) => r.departmentId === user.departmentId).map((r) => r.itemId));
  return history.filter((h) => h.itemId === undefined || items.has(h.itemId));
}

/**
 * A decision of another role is refused here (403), before it reaches the workflow. Everything
 * about the project (whether the caller may see it, a department's decision on another
 * department's item, the state) is the workflow validator's to refuse, in the same call.
 * @throws AppError FORBIDDEN
 */
/** The user holds the role COMMAND_ROLE gives the command and the authority COMMAND_AUTHORITY asks for it. */
export function mayCommand(user: TPublicUser, command: TCommand): boolean {
  const authority = COMMAND_AUTHORITY[command.type];
  return COMMAND_ROLE[command.type] === user.role && (!authority || user[authority] === true);
}

export function assertMayCommand(user: TPublicUser, command: TCommand): void {
  const role = COMMAND_ROLE[command.type];
  if (user.role !== role) {
    throw new AppError('FORBIDDEN', `${command.type} is a decision for ${role === 'coordinator' ? 'the coordinator' : `the ${role}`}`, [
      { path: 'type', message: `only a ${role} user may send ${command.type}` },
    ]);
  }
  // 行政许可法 art. 42: an extension is approved by the head of the deciding body, or for joint handling by the government head.
  const authority = COMMAND_AUTHORITY[command.type];
  if (authority && user[authority] !== true) {
    const who = authority === 'leader' ? "the department's head (a leader)" : 'the local government head';
    throw new AppError('FORBIDDEN', `${command.type} is a decision for ${who}`, [{ path: 'type', message: `only ${who} may send ${command.type}` }]);
  }
}

/** Actions of a department concern its own items (the engine already filters by role). */
export function actionsFor(user: TPublicUser, view: TProjectView, actions: TAction[]): TAction[] {
  if (user.role !== 'department') return actions;
  const items = new Set(view.reviews.filter((r) => r.departmentId === user.departmentId).map((r) => r.itemId));
  return actions.filter((a) => a.itemId === undefined || items.has(a.itemId));
}
