/**
 * Where the workflows publish their read-model rows (db/read-model/store.ts in PostgreSQL for
 * the worker; in memory for workflow tests). A write with a seq not above the stored one is
 * a no-op, so a retried or late activity never rolls a project back.
 */
import type { TReadModelRows } from '../workflows/read-model/rows';

export interface ReadModelWriter {
  /** @returns whether the rows were newer than the stored ones and replaced them */
  write(rows: TReadModelRows): Promise<boolean>;
}

export class MemoryReadModel implements ReadModelWriter {
  readonly byProject = new Map<string, TReadModelRows>();
  async write(rows: TReadModelRows): Promise<boolean> {
    const stored = this.byProject.get(rows.project.projectId);
    if (stored && stored.seq >= rows.seq) return false;
    this.byProject.set(rows.project.projectId, rows);
    return true;
  }
}
