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
    db.selectFrom('projects').select(['project_id', 'title', 'project_code']).orderBy('project_id').execute(),
    db.selectFrom('material_files').select(['id', 'project_id', 'material_id', 'uploaded_at']).execute(),
    db.selectFrom('material_opens').select(['project_id', 'file_id', 'department_id', 'opened_at']).execute(),
  ]);
  const limit = pLimit(QUERY_CONCURRENCY);
  const gathered = await Promise.all(
    projects.map(({ project_id: projectId, title, project_code: projectCode }) =>
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
          projectCode,
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

type TDatedReport = TBackfillReport & { generatedAt: string };

/**
 * The back-fill report over every project. The coordinator's list gathers it afresh; the
 * supervision page takes the last one gathered (never waiting on every workflow) and starts a
 * new gathering in the background when that one is over a minute old.
 */
export class BackfillAudit {
  private last?: { at: number; report: TDatedReport };
  private running?: Promise<TDatedReport>;

  constructor(
    private readonly deps: {
      gateway: TGateway;
      readModel: ReadModelStore;
      calendar: () => WorkingCalendar;
      thresholds: TBackfillThresholds;
      now: () => Date;
    },
  ) {}

  /** Gathers the report now (one gathering at a time: a call during one shares it). */
  report(): Promise<TDatedReport> {
    this.running ??= (async () => {
      const now = this.deps.now();
      try {
        const projects = await gatherAuditedProjects(this.deps.gateway, this.deps.readModel);
        const report = { generatedAt: now.toISOString(), ...detectBackfill(projects, this.deps.calendar(), this.deps.thresholds) };
        this.last = { at: now.getTime(), report };
        return report;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** The last report gathered, if any; a stale or missing one is gathered again in the background. */
  latest(): TDatedReport | undefined {
    if (!this.last || this.deps.now().getTime() - this.last.at >= BACKFILL_REPORT_TTL_MS) {
      // Failures are not kept: the next supervision load tries again.
      this.report().catch(() => undefined);
    }
    return this.last?.report;
  }
}
