/**
 * The dry run over every running project: the projects from the read model (status active),
 * each one's view and spec from its workflow (queries, a few at a time), the report computed
 * by dry-run.ts. Reads only: no project is signalled or updated.
 */
import pLimit from 'p-limit';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { TDefinitionRef, TProcessDefinition } from '../../definitions/process/schema';
import type { ReadModelStore } from '../../db/read-model/store';
import type { ProjectGateway } from '../projects/gateway';
import { dryRunProject, type TProjectDryRun } from './dry-run';

const QUERY_CONCURRENCY = 8;

export interface TDryRunReport {
  definition: TDefinitionRef;
  generatedAt: string;
  /** Running projects of the same definition id (other definitions are not affected by a new version of this one). */
  projects: TProjectDryRun[];
  summary: { projects: number; canMove: number; cannotMove: number; unchanged: number };
}

export async function dryRunRunningProjects(
  deps: { gateway: Pick<ProjectGateway, 'view' | 'spec'>; readModel: ReadModelStore; calendar: WorkingCalendar; now: Date },
  next: { definition: TProcessDefinition; ref: TDefinitionRef },
): Promise<TDryRunReport> {
  const rows = await deps.readModel.db
    .selectFrom('projects')
    .select('project_id')
    .where('status', '=', 'active')
    .where('definition_id', '=', next.ref.id)
    .orderBy('registered_at')
    .orderBy('project_id')
    .execute();
  const limit = pLimit(QUERY_CONCURRENCY);
  const reports = await Promise.all(
    rows.map(({ project_id: projectId }) =>
      limit(async () => {
        const [view, spec] = await Promise.all([deps.gateway.view(projectId), deps.gateway.spec(projectId)]);
        // The read model may lag a project that has just ended.
        return view.status === 'active' ? dryRunProject({ view, spec }, next, deps.calendar) : undefined;
      }),
    ),
  );
  const projects = reports.filter((r): r is TProjectDryRun => r !== undefined);
  const canMove = projects.filter((p) => p.canMove).length;
  return {
    definition: next.ref,
    generatedAt: deps.now.toISOString(),
    projects,
    summary: { projects: projects.length, canMove, cannotMove: projects.length - canMove, unchanged: projects.filter((p) => p.unchanged).length },
  };
}
