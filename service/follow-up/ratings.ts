/**
 * A bad rating (差评, 1–2 of 5) opens a follow-up case, concerning the rated stage's lead
 * department (各阶段牵头部门): called once the workflow has taken the rating, once per rated stage.
 */
import type { TCommand } from '../../workflows/model/commands';
import type { ProjectGateway } from '../projects/gateway';
import { BAD_RATING_MAX, type FollowUpCases } from './cases';

export function followUpOfRatings(deps: { cases: FollowUpCases; projects: Pick<ProjectGateway, 'view'> }) {
  return async (projectId: string, command: TCommand): Promise<void> => {
    if (command.type !== 'rate' || command.score > BAD_RATING_MAX) return;
    const view = await deps.projects.view(projectId);
    const stage = view.stages.find((s) => s.stageId === command.stageId);
    await deps.cases.open({
      kind: 'rating',
      sourceKey: `rating:${projectId}:${command.stageId}`,
      projectId,
      enterpriseId: view.enterpriseId,
      departmentId: stage?.leadDepartmentId ?? null,
      stageId: command.stageId,
      score: command.score,
      subject: command.comment ?? `${command.score} / 5`,
    });
  };
}
