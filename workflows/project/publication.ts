/**
 * What the rest of the system reads of a project without asking the workflow: its read-model
 * rows (lists, inboxes, supervision) and its search attributes. Both are published only when
 * they changed; the rows carry a rising `seq` (carried across continue-as-new), so a late write
 * never replaces a newer one.
 */
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ProjectEngine } from '../engine/project-engine';
import type { TProjectView } from '../engine/view';
import { readModelContent, type TReadModelRows } from '../read-model/rows';
import { SA } from '../search-attributes';

export class Publication {
  private seq: number;
  private last: TReadModelRows | undefined;
  private lastKey = '';
  private lastAttributes = '';
  private lastDepartments: string | undefined;

  constructor(startSeq: number) {
    this.seq = startSeq;
  }

  /** The last seq handed out: the next run's rows must be newer. */
  get readModelSeq(): number {
    return this.seq;
  }

  /** The rows as last published, or the project's rows now when none were. */
  rowsNow(engine: ProjectEngine, now: string): TReadModelRows {
    return this.last ?? { seq: this.seq, ...readModelContent(engine, now) };
  }

  /** The project's rows with a new seq when they differ from the last ones; undefined when unchanged. */
  changedRows(engine: ProjectEngine, now: string, view: TProjectView): TReadModelRows | undefined {
    const content = readModelContent(engine, now, view);
    // Intermediary rows (issue 16) would publish rows at moments recorded histories published none.
    if (content.intermediaries && !patched('inter')) delete content.intermediaries;
    const key = JSON.stringify(content);
    if (key === this.lastKey) return undefined;
    this.lastKey = key;
    this.seq += 1;
    this.last = { seq: this.seq, ...content };
    return this.last;
  }

  /**
   * The search attributes operators and visibility queries filter on (status, stage, cards, the
   * departments a review waits on), upserted when they changed. Before patch city-load the next
   * due instant was kept there too; it moves with nearly every decision (an upsert event each)
   * and the read model has it, so new projects leave it out. Since patch history-200 (`lean`)
   * the departments a review waits on are left out the same way (they changed with nearly every
   * decision: 16 of a default project's 23 upserts; inboxes read the read model), and the first
   * wake upserts nothing when the attributes the project was started with still hold.
   */
  attributes(view: TProjectView, withNextDue = true, lean = false): void {
    const pending = lean
      ? undefined
      : [...new Set(view.reviews.filter((r) => r.status === 'inReview' || r.status === 'specialProcedure').map((r) => r.departmentId))].sort();
    const attrs = {
      projectId: view.projectId,
      stage: view.currentStageId,
      status: view.status,
      enterprise: view.enterpriseId,
      worstCard: view.worstCard,
      pending,
      ...(withNextDue ? { nextDue: view.nextDueAt } : {}),
      title: view.title,
    };
    this.departments(view);
    if (lean) this.lastAttributes ||= JSON.stringify({ ...attrs, ...startedWith() });
    const key = JSON.stringify(attrs);
    if (key === this.lastAttributes) return;
    this.lastAttributes = key;
    upsertSearchAttributes([
      { key: SA.projectId, value: attrs.projectId },
      { key: SA.stage, value: attrs.stage },
      { key: SA.status, value: attrs.status },
      { key: SA.enterprise, value: attrs.enterprise },
      { key: SA.worstCard, value: attrs.worstCard },
      ...(pending ? [{ key: SA.pendingDepartments, value: pending.length > 0 ? pending : null }] : []),
      ...(withNextDue ? [{ key: SA.nextDue, value: attrs.nextDue ? new Date(attrs.nextDue) : null }] : []),
      { key: SA.title, value: attrs.title },
    ]);
  }

  /**
   * Every department with an item, set at start; upserted only when the spec's changed (a
   * definition migrated, issue 17), so projects that never migrate record no new command.
   */
  private departments(view: TProjectView): void {
    const departments = [...new Set(view.reviews.map((r) => r.departmentId))].sort();
    this.lastDepartments ??= (workflowInfo().typedSearchAttributes.get(SA.departments) ?? departments).join();
    if (departments.join() === this.lastDepartments) return;
    this.lastDepartments = departments.join();
    upsertSearchAttributes([{ key: SA.departments, value: departments }]);
  }
}

/** The attributes the workflow was started (or continued) with, under the names `attributes` compares. */
function startedWith() {
  const sa = workflowInfo().typedSearchAttributes;
  return {
    projectId: sa.get(SA.projectId),
    stage: sa.get(SA.stage),
    status: sa.get(SA.status),
    enterprise: sa.get(SA.enterprise),
    worstCard: sa.get(SA.worstCard),
    title: sa.get(SA.title),
  };
}
