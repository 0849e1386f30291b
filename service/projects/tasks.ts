/**
 * Inboxes (`GET /api/tasks`): what the caller can do now, across its active projects, most
 * urgent first. A task is a target (a stage, a review, a tolerated material) with the
 * actions the statecharts allow the caller on it; a coordinator's queue also lists red
 * cards and expired tolerance commitments (统一督办), which call for follow-up.
 */
import type { TAction, TProjectView } from '../../workflows/engine/view';
import { AppError } from '../errors';
import { actorOf, type TPublicUser } from '../users/store';
import { actionsFor, viewFor } from './access';
import type { ProjectGateway } from './gateway';
import { scopeOf } from './visibility';
import { SA } from '../../workflows/search-attributes';

export type TCard = 'green' | 'yellow' | 'red';

export interface TTask {
  /** The main thing to do, or `redCard` / `expiredCommitment` for a coordinator's follow-up. */
  kind: string;
  projectId: string;
  projectTitle: string;
  enterpriseId: string;
  stageId: string | null;
  itemId: string | null;
  materialId: string | null;
  title: string;
  status: string | null;
  dueAt: string | null;
  remainingWorkdays: number | null;
  card: TCard | null;
  paused: boolean;
  actions: string[];
}

/** Actions that are open all along (not a sign that something waits for the caller). */
const BACKGROUND = new Set(['withdraw', 'grantExtension', 'rejectReview', 'requestCorrection', 'startSpecialProcedure', 'rejectSuppliedMaterial']);
/** The action that names a task, in order of preference. */
const PRIMARY = ['decideIntake', 'issueResults', 'approveReview', 'endSpecialProcedure', 'acceptSuppliedMaterial', 'submitApplication', 'answerCorrection', 'supplyMaterial', 'rate'];
const CARD_RANK: Record<TCard, number> = { red: 0, yellow: 1, green: 2 };
/** Projects read per inbox (each costs two queries). */
export const TASK_PROJECT_CAP = 200;

function tasksOfProject(user: TPublicUser, view: TProjectView, actions: TAction[]): TTask[] {
  const base = { projectId: view.projectId, projectTitle: view.title, enterpriseId: view.enterpriseId };
  const groups = new Map<string, TAction[]>();
  for (const a of actions) {
    const key = `${a.stageId ?? ''}|${a.itemId ?? ''}|${a.materialId ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const tasks: TTask[] = [];
  for (const group of groups.values()) {
    const types = group.map((a) => a.type);
    if (types.every((t) => BACKGROUND.has(t))) continue;
    const { stageId, itemId, materialId } = group[0]!;
    const review = itemId ? view.reviews.find((r) => r.itemId === itemId) : undefined;
    const stage = view.stages.find((s) => s.stageId === (stageId ?? review?.stageId));
    const commitment = materialId ? view.commitments.find((c) => c.itemId === itemId && c.materialId === materialId) : undefined;
    tasks.push({
      ...base,
      kind: PRIMARY.find((p) => types.includes(p)) ?? types[0]!,
      stageId: stage?.stageId ?? null,
      itemId: itemId ?? null,
      materialId: materialId ?? null,
      title: materialId ? `${review?.title ?? itemId}: ${materialId}` : (review?.title ?? stage?.title ?? view.title),
      status: commitment?.status ?? review?.status ?? stage?.status ?? null,
      dueAt: commitment?.dueAt ?? review?.clock?.promisedDueAt ?? stage?.intakeDueAt ?? null,
      remainingWorkdays: commitment ? null : (review?.clock?.remaining ?? null),
      card: review?.clock?.card ?? null,
      paused: review?.clock?.paused ?? false,
      actions: types,
    });
  }
  if (user.role === 'coordinator') {
    for (const r of view.reviews.filter((r) => r.clock?.card === 'red')) {
      tasks.push({ ...base, kind: 'redCard', stageId: r.stageId, itemId: r.itemId, materialId: null, title: r.title, status: r.status, dueAt: r.clock!.promisedDueAt, remainingWorkdays: r.clock!.remaining, card: 'red', paused: r.clock!.paused, actions: actions.filter((a) => a.itemId === r.itemId).map((a) => a.type) });
    }
    for (const c of view.commitments.filter((c) => c.status === 'expired')) {
      tasks.push({ ...base, kind: 'expiredCommitment', stageId: null, itemId: c.itemId, materialId: c.materialId, title: `${c.itemId}: ${c.materialId}`, status: c.status, dueAt: c.dueAt, remainingWorkdays: null, card: null, paused: false, actions: [] });
    }
  }
  return tasks;
}

/** Most urgent first: red before yellow before green, then fewest working days left, then earliest due. */
export function byUrgency(a: TTask, b: TTask): number {
  const card = CARD_RANK[a.card ?? 'green'] - CARD_RANK[b.card ?? 'green'];
  if (card !== 0) return card;
  const left = (a.remainingWorkdays ?? Infinity) - (b.remainingWorkdays ?? Infinity);
  if (left !== 0 && !Number.isNaN(left)) return left;
  return (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity) || a.projectId.localeCompare(b.projectId);
}

/** Runs `fn` over `items` with at most `limit` at a time (each is a query to the worker). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function inbox(gateway: ProjectGateway, user: TPublicUser): Promise<TTask[]> {
  const projects = await gateway.listAll([...scopeOf(user), `${SA.status.name} = 'active'`], TASK_PROJECT_CAP);
  const actor = actorOf(user);
  const perProject = await mapLimited(projects, 8, async (p) => {
    try {
      const [view, actions] = await Promise.all([gateway.view(p.id), gateway.allowedActions(p.id, actor)]);
      return tasksOfProject(user, viewFor(user, view), actionsFor(user, view, actions));
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return []; // removed since it was listed
      throw err;
    }
  });
  return perProject.flat().sort(byUrgency);
}
