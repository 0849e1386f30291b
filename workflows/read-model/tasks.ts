/**
 * Inbox tasks: what an audience can do now on one project. A task is a target (a stage, a
 * review, a tolerated material) with the actions the statecharts allow that audience on it;
 * the coordinator's queue also lists red cards and expired tolerance commitments (统一督办),
 * which call for follow-up. Pure: the workflow computes them whenever the project changes
 * and the read model stores them per audience (GET /api/tasks reads them sorted in SQL).
 */
import { z } from 'zod';
import type { TAction, TAudience, TProjectView } from '../engine/view';
import { BACKGROUND_ACTIONS } from './background-actions';

export const ZCard = z.enum(['green', 'warning', 'yellow', 'red']);
export type TCard = z.infer<typeof ZCard>;
/** Most urgent first. */
// A warning ranks with green (then by working days left), so the ranks stored before warnings existed stay right.
export const CARD_RANK: Record<TCard, number> = { red: 0, yellow: 1, warning: 2, green: 2 };

export const ZTask = z.object({
  /** The main thing to do, or `redCard` / `expiredCommitment` for a coordinator's follow-up. */
  kind: z.string().max(64),
  projectId: z.string(),
  projectTitle: z.string(),
  enterpriseId: z.string(),
  stageId: z.string().nullable(),
  itemId: z.string().nullable(),
  materialId: z.string().nullable(),
  title: z.string(),
  status: z.string().nullable(),
  dueAt: z.string().nullable(),
  remainingWorkdays: z.number().int().nullable(),
  card: ZCard.nullable(),
  paused: z.boolean(),
  actions: z.array(z.string()),
  /** Who in the department holds the review (a username); absent while it is in the department's pool. */
  assignee: z.string().optional(),
});
export type TTask = z.infer<typeof ZTask>;

/** The action that names a task, in order of preference. */
const PRIMARY = [
  'decideIntake',
  'issueResults',
  'deliverResult',
  'decideExtension',
  'decideJointExtension',
  'approveReview',
  'signDecision',
  'draftDecision',
  'endSpecialProcedure',
  'acceptSuppliedMaterial',
  'submitApplication',
  'answerCorrection',
  'supplyMaterial',
  'rate',
];

/** The tasks of `audience` on the project `view` (the whole view: a department's own items are picked by its actions). */
export function tasksOf(audience: TAudience, view: TProjectView, actions: TAction[]): TTask[] {
  const base = { projectId: view.projectId, projectTitle: view.title, enterpriseId: view.enterpriseId };
  const groups = new Map<string, TAction[]>();
  for (const a of actions) {
    const key = `${a.stageId ?? ''}|${a.itemId ?? ''}|${a.materialId ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const tasks: TTask[] = [];
  for (const group of groups.values()) {
    const types = group.map((a) => a.type);
    if (types.every((t) => BACKGROUND_ACTIONS.has(t))) continue;
    const { stageId, itemId, materialId } = group[0]!;
    const review = itemId ? view.reviews.find((r) => r.itemId === itemId) : undefined;
    const stage = view.stages.find((s) => s.stageId === (stageId ?? review?.stageId));
    const commitment = materialId ? view.commitments.find((c) => c.itemId === itemId && c.materialId === materialId) : undefined;
    // A post-check owed (告知承诺) is due on its own date and carries its own card.
    const postCheck = types.includes('verifyPromise') ? view.promises?.find((p) => p.itemId === itemId) : undefined;
    // A decision to deliver runs on its own clock (art. 44), not the review's.
    const delivery = types.includes('deliverResult') ? view.deliveries?.find((d) => d.itemId === itemId) : undefined;
    tasks.push({
      ...base,
      kind: PRIMARY.find((p) => types.includes(p)) ?? types[0]!,
      stageId: stage?.stageId ?? null,
      itemId: itemId ?? null,
      materialId: materialId ?? null,
      title: materialId ? `${review?.title ?? itemId}: ${materialId}` : (review?.title ?? stage?.title ?? view.title),
      status: commitment?.status ?? postCheck?.status ?? review?.status ?? stage?.status ?? null,
      dueAt: delivery?.dueAt ?? commitment?.dueAt ?? postCheck?.checkDueAt ?? review?.clock?.promisedDueAt ?? stage?.intakeDueAt ?? null,
      remainingWorkdays: delivery ? delivery.remaining : commitment || postCheck ? null : (review?.clock?.remaining ?? null),
      card: delivery?.card ?? postCheck?.card ?? review?.clock?.card ?? null,
      paused: review?.clock?.paused ?? false,
      actions: types,
      ...(review?.assignee && audience.startsWith('department:') ? { assignee: review.assignee.userId } : {}),
    });
  }
  if (audience === 'coordinator') {
    for (const r of view.reviews.filter((r) => r.clock?.card === 'red')) {
      tasks.push({
        ...base,
        kind: 'redCard',
        stageId: r.stageId,
        itemId: r.itemId,
        materialId: null,
        title: r.title,
        status: r.status,
        dueAt: r.clock!.promisedDueAt,
        remainingWorkdays: r.clock!.remaining,
        card: 'red',
        paused: r.clock!.paused,
        actions: actions.filter((a) => a.itemId === r.itemId).map((a) => a.type),
      });
    }
    for (const c of view.commitments.filter((c) => c.status === 'expired')) {
      tasks.push({
        ...base,
        kind: 'expiredCommitment',
        stageId: null,
        itemId: c.itemId,
        materialId: c.materialId,
        title: `${c.itemId}: ${c.materialId}`,
        status: c.status,
        dueAt: c.dueAt,
        remainingWorkdays: null,
        card: null,
        paused: false,
        actions: [],
      });
    }
  }
  return tasks;
}
