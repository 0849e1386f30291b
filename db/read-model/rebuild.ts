/**
 * `approvals read-model rebuild`: every project's rows written again from Temporal, the
 * source of truth (each workflow's `readModel` query answers the rows it last published;
 * an ended project's is replayed). Running projects keep publishing meanwhile: a rebuild
 * never replaces newer rows, and rows of projects Temporal no longer has are removed only
 * if nothing wrote them since the rebuild began.
 */
import type { TReadModelRows } from '../../workflows/read-model/rows';
import type { ReadModelStore } from './store';

export interface ReadModelSource {
  projectIds(): AsyncIterable<string>;
  readModelRows(projectId: string): Promise<TReadModelRows>;
}

export async function rebuildReadModel(
  source: ReadModelSource,
  store: ReadModelStore,
  options: { concurrency?: number; progress?: (done: number) => void } = {},
): Promise<{ projects: number; removed: number }> {
  const began = new Date();
  const seen = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const limit = options.concurrency ?? 8;
  let done = 0;
  for await (const id of source.projectIds()) {
    if (seen.has(id)) continue; // a project continued-as-new is listed once per run
    seen.add(id);
    const job: Promise<void> = (async () => {
      await store.write(await source.readModelRows(id), { replaceEqual: true });
      done += 1;
      if (done % 100 === 0) options.progress?.(done);
    })().finally(() => inFlight.delete(job));
    inFlight.add(job);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const removed = await store.removeOthers(seen, began);
  return { projects: seen.size, removed };
}
