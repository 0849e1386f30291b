/**
 * A bad rating (差评, 1–2 of 5) opens a follow-up case, concerning the rated stage's lead
 * department (各阶段牵头部门), once per rated stage: right after the workflow took the rating
 * (followUpOfRatings), or by the follow-up sweep once the read model shows it (a rating answered
 * 202 opens its case there; service/follow-up/sweep.ts).
 */
import type { TCommand } from '../../workflows/model/commands';
import type { ProjectGateway } from '../projects/gateway';
import { BAD_RATING_MAX, type FollowUpCases } from './cases';

export interface TRatingOpener {
  cases: FollowUpCases;
  projects: Pick<ProjectGateway, 'view'>;
}

/** Opens the case of a bad rating of `stageId` (nothing for a good one); a second call for the same stage returns the first case. */
export async function openRatingCase(deps: TRatingOpener, projectId: string, rating: { stageId: string; score: number; comment?: string }): Promise<void> {
  if (rating.score > BAD_RATING_MAX) return;
  const view = await deps.projects.view(projectId);
  const stage = view.stages.find((s) => s.stageId === rating.stageId);
  await deps.cases.open({
    kind: 'rating',
    sourceKey: `rating:${projectId}:${rating.stageId}`,
    projectId,
    enterpriseId: view.enterpriseId,
    departmentId: stage?.leadDepartmentId ?? null,
    stageId: rating.stageId,
    score: rating.score,
    subject: rating.comment || `${rating.score} / 5`,
  });
}

export function followUpOfRatings(deps: TRatingOpener) {
  return async (projectId: string, command: TCommand): Promise<void> => {
    if (command.type === 'rate') await openRatingCase(deps, projectId, command);
  };
}
