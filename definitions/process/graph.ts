/**
 * Lookups over a definition's items and results (where each lives, who issues what) and the
 * dependency order inside a stage; shared by validation and scheduling.
 */
import type { TItem, TProcessDefinition, TStage } from './schema';

/** An item with its stage and its path in the document (for problem reports). */
export interface ItemLocation {
  readonly item: TItem;
  readonly stage: TStage;
  readonly stageIndex: number;
  readonly itemIndex: number;
  readonly path: string;
}

/** Items by id; on duplicate ids the first wins (duplicates are reported by validation). */
export function indexItems(definition: TProcessDefinition): Map<string, ItemLocation> {
  const byId = new Map<string, ItemLocation>();
  definition.stages.forEach((stage, stageIndex) =>
    stage.items.forEach((item, itemIndex) => {
      if (!byId.has(item.id)) byId.set(item.id, { item, stage, stageIndex, itemIndex, path: `stages[${stageIndex}].items[${itemIndex}]` });
    }),
  );
  return byId;
}

/** The item issuing each result id (first issuer wins). */
export function indexResultIssuers(definition: TProcessDefinition): Map<string, ItemLocation> {
  const issuers = new Map<string, ItemLocation>();
  for (const location of indexItems(definition).values()) {
    for (const result of location.item.results) if (!issuers.has(result.id)) issuers.set(result.id, location);
  }
  return issuers;
}

/**
 * Orders a stage's items so each comes after the items it depends on (Kahn's algorithm, stable
 * in document order). Dependencies outside `items` are ignored. Items left over sit on cycles.
 */
export function orderByDependencies(items: readonly TItem[]): { order: TItem[]; cyclic: TItem[] } {
  const ids = new Set(items.map((i) => i.id));
  const pending = new Map(items.map((i) => [i.id, new Set(i.dependsOn.filter((d) => ids.has(d)))]));
  const order: TItem[] = [];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const item of items) {
      const waits = pending.get(item.id);
      if (waits === undefined || waits.size > 0) continue;
      pending.delete(item.id);
      order.push(item);
      for (const other of pending.values()) other.delete(item.id);
      progressed = true;
    }
  }
  return { order, cyclic: items.filter((i) => pending.has(i.id)) };
}

/** One cycle through `start` in the dependsOn graph, as ids `a → b → a`, or undefined. */
export function findCycle(items: readonly TItem[], start: string): string[] | undefined {
  const byId = new Map(items.map((i) => [i.id, i]));
  const walk = (id: string, trail: string[]): string[] | undefined => {
    for (const next of byId.get(id)?.dependsOn ?? []) {
      if (next === start) return [...trail, next];
      if (!byId.has(next) || trail.includes(next)) continue;
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}
