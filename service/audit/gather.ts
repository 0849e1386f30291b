/**
 * What back-fill detection reads, gathered for every project of the read model: each
 * project's history, review dues and spec from its workflow (queries, a few at a time), its
 * files and who opened them from PostgreSQL. A report is kept for a minute, so supervision
 * page loads do not query every workflow each time.
 */
import pLimit from 'p-limit';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { ReadModelStore } from '../../db/read-model/store';
import { AppError } from '../errors';
import type { ProjectGateway } from '../projects/gateway';
import { detectBackfill, type TAuditedProject, type TBackfillReport } from './backfill';
import type { TBackfillThresholds } from './thresholds';

/** Workflow queries in flight at once while gathering. */
const QUERY_CONCURRENCY = 8;
/** How long a report is served before it is gathered again. */
export const BACKFILL_REPORT_TTL_MS = 60_000;

type TGateway = Pick<ProjectGateway, 'view' | 'history' | 'spec'>;

export async function gatherAuditedProjects(gateway: TGateway, readModel: ReadModelStore): Promise<TAuditedProject[]> {
  const db = readModel.db;
  const [projects, files, opens] = await Promise.all([
    db.selectFrom('projects').select(['project_id', 'title']).orderBy('project_id').execute(),
    db.selectFrom('material_files').select(['id', 'project_id', 'material_id', 'uploaded_at']).execute(),
    db.selectFrom('material_opens').select(['project_id', 'file_id', 'department_id', 'opened_at']).execute(),
  ]);
  const limit = pLimit(QUERY_CONCURRENCY);
  const gathered = await Promise.all(
    projects.map(({ project_id: projectId, title }) =>
      limit(async (): Promise<TAuditedProject | undefined> => {
        let view, history, spec;
        try {
          [view, history, spec] = await Promise.all([gateway.view(projectId), gateway.history(projectId), gateway.spec(projectId)]);
        } catch (err) {
          // A row whose workflow is gone (removed from Temporal, not yet from the read model) has nothing to audit.
          if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined;
          throw err;
        }
        return {
          projectId,
          title,
          history,
          reviews: view.reviews.map((r) => ({ itemId: r.itemId, title: r.title, departmentId: r.departmentId, promisedDueAt: r.clock?.promisedDueAt ?? null })),
          itemMaterials: Object.fromEntries(spec.stages.flatMap((s) => s.items.map((i) => [i.id, i.materials.map((m) => m.id)]))),
          files: files.filter((f) => f.project_id === projectId).map((f) => ({ id: f.id, materialId: f.material_id, uploadedAt: f.uploaded_at.toISOString() })),
          opens: opens
            .filter((o) => o.project_id === projectId)
            .map((o) => ({ fileId: o.file_id, departmentId: o.department_id, openedAt: o.opened_at.toISOString() })),
        };
      }),
    ),
  );
  return gathered.filter((p): p is TAuditedProject => p !== undefined);
}

/** The back-fill report over every project, gathered at most once a minute. */
export class BackfillAudit {
  private cached?: { at: number; report: Promise<TBackfillReport & { generatedAt: string }> };

  constructor(
    private readonly deps: {
      gateway: TGateway;
      readModel: ReadModelStore;
      calendar: () => WorkingCalendar;
      thresholds: TBackfillThresholds;
      now: () => Date;
    },
  ) {}

  /** @param fresh gather again even if a report under a minute old is kept (the coordinator's list; supervision's counts take the kept one) */
  report(fresh = false): Promise<TBackfillReport & { generatedAt: string }> {
    const now = this.deps.now();
    if (!fresh && this.cached && now.getTime() - this.cached.at < BACKFILL_REPORT_TTL_MS) return this.cached.report;
    const report = gatherAuditedProjects(this.deps.gateway, this.deps.readModel).then((projects) => ({
      generatedAt: now.toISOString(),
      ...detectBackfill(projects, this.deps.calendar(), this.deps.thresholds),
    }));
    this.cached = { at: now.getTime(), report };
    // A failed gathering is not kept: the next call tries again.
    report.catch(() => {
      if (this.cached?.report === report) this.cached = undefined;
    });
    return report;
  }
}
