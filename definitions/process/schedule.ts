/**
 * The forward pass over a definition's items, generic in how time is counted: working-day
 * offsets (validation of budgets, no calendar) or calendar dates (planning, plan.ts).
 */
import { indexResultIssuers, orderByDependencies } from './graph';
import type { TProcessDefinition } from './schema';

/** How to move along time: `add(t, n)` is the n-th working day after t (n = 0: t itself). */
export interface Timeline<T> {
  add(from: T, workdays: number): T;
  /** Working days in (from, to]. */
  between(from: T, to: T): number;
  compare(a: T, b: T): number;
}

/** What already happened to an item (re-planning from actual progress). */
export interface ItemActual<T> {
  readonly startedOn?: T;
  readonly completedOn?: T;
}

/** Why an item starts when it does: the constraint that binds (walked back for the critical path). */
export type TBinding =
  | { readonly kind: 'project-start' }
  | { readonly kind: 'stage-open'; readonly stageId: string }
  | { readonly kind: 'item'; readonly itemId: string }
  | { readonly kind: 'actual' }
  | { readonly kind: 'as-of' };

export interface ScheduledItem<T> {
  readonly itemId: string;
  readonly stageId: string;
  readonly start: T;
  /** The promised due (or the actual completion). */
  readonly finish: T;
  readonly binding: TBinding;
  readonly status: 'planned' | 'in-progress' | 'completed';
}

export interface ScheduledStage<T> {
  readonly stageId: string;
  /** When the stage's application is filed: the previous stage's end plus the enterprise's preparation. */
  readonly opens: T;
  /** The last result of the stage (its opening when no item applies). */
  readonly end: T;
  readonly lastItemId: string | undefined;
  readonly preparationDays: number;
  /** The intermediary service whose delivery the opening waits for, when it is later than the preparation. */
  readonly waitsForService?: string;
}

/**
 * An intermediary service's window (中介服务, issue 16): the enterprise's time with a design
 * institute or report writer, never government time. It starts when the enterprise begins
 * preparing for the stage it starts in (moved earlier: a previous stage, seed 002) and must end
 * before the stage that asks for its deliverable opens.
 */
export interface ScheduledIntermediary<T> {
  readonly serviceId: string;
  /** The stage whose items ask for the deliverable. */
  readonly stageId: string;
  /** The stage in which the work starts: `stageId` unless moved earlier. */
  readonly startsInStageId: string;
  readonly start: T;
  /** The expected delivery, the agreed delivery date, or the actual one. */
  readonly end: T;
  /** The window ends after the enterprise's preparation: the stage it serves opens late because of it. */
  readonly delaysOpening: boolean;
  readonly status: 'planned' | 'agreed' | 'delivered';
}

/** What is known of an intermediary service: chosen (with the agreed delivery date) or delivered. */
export interface IntermediaryActual<T> {
  readonly selectedOn?: T;
  readonly deliveryOn?: T;
  readonly deliveredOn?: T;
}

export interface Schedule<T> {
  readonly items: ScheduledItem<T>[];
  readonly stages: ScheduledStage<T>[];
  /** Intermediary windows in definition order; empty when the definition has none. */
  readonly intermediaries: ScheduledIntermediary<T>[];
  readonly end: T;
  /** Item ids from the first binding item to the last result of the project. */
  readonly criticalPath: string[];
  /** Government working days along the critical path (enterprise preparation and gaps excluded). */
  readonly governmentWorkdays: number;
}

export interface ScheduleInput<T> {
  readonly definition: TProcessDefinition;
  /** Ids of the items the project goes through; dependencies on other items are dropped. */
  readonly applicable: ReadonlySet<string>;
  readonly start: T;
  /** Enterprise preparation before each stage, working days, by stage id. */
  readonly preparationDays?: Readonly<Record<string, number>>;
  readonly actuals?: Readonly<Record<string, ItemActual<T>>>;
  /** Intermediary services chosen or delivered, by service id. */
  readonly intermediaryActuals?: Readonly<Record<string, IntermediaryActual<T>>>;
  /** Nothing not yet started or finished can happen before this (re-planning "as of today"). */
  readonly notBefore?: T;
}

/**
 * Stages run in order (分段审); inside a stage items run in parallel (并联审批) except along
 * `dependsOn`; an early-start item (提前介入) may begin at the previous stage's opening.
 * @throws Error when a stage's dependencies are cyclic (validation reports these first).
 */
export function forwardPass<T>(timeline: Timeline<T>, input: ScheduleInput<T>): Schedule<T> {
  const { definition, applicable, start, preparationDays = {}, actuals = {}, intermediaryActuals = {}, notBefore } = input;
  const later = (a: T, b: T) => (timeline.compare(b, a) > 0 ? b : a);
  const issuers = indexResultIssuers(definition);
  const finished = new Map<string, ScheduledItem<T>>();
  const items: ScheduledItem<T>[] = [];
  const stages: ScheduledStage<T>[] = [];
  const intermediaries: ScheduledIntermediary<T>[] = [];
  // When the enterprise begins preparing for each stage: the previous stage's end (the project's start for the first).
  const preparing: T[] = [];
  const stageIndex = new Map(definition.stages.map((s, k) => [s.id, k]));

  definition.stages.forEach((stage, k) => {
    const previous = stages[k - 1];
    const preparation = preparationDays[stage.id] ?? 0;
    preparing.push(previous ? previous.end : start);
    let opens = timeline.add(preparing[k]!, preparation);
    let waitsForService: string | undefined;
    const windows = (stage.intermediaries ?? []).map((service) => {
      const from = stageIndex.get(service.startsIn ?? stage.id) ?? k;
      const actual = intermediaryActuals[service.id] ?? {};
      let begin: T = actual.selectedOn ?? (preparing[Math.min(from, k)] as T);
      // Re-planning as of today: work not yet commissioned starts no earlier, an overdue delivery comes no earlier.
      const today = (t: T) => (notBefore !== undefined && actual.deliveredOn === undefined ? later(t, notBefore) : t);
      if (actual.selectedOn === undefined) begin = today(begin);
      const [end, status] =
        actual.deliveredOn !== undefined
          ? ([actual.deliveredOn, 'delivered'] as const)
          : actual.deliveryOn !== undefined
            ? ([today(actual.deliveryOn), 'agreed'] as const)
            : ([timeline.add(begin, service.days), 'planned'] as const);
      return { serviceId: service.id, stageId: stage.id, startsInStageId: definition.stages[from]!.id, start: begin, end, status };
    });
    // The deliverable is a material of the stage's application: the stage opens once it is in, never earlier than preparation allows.
    const prepared = opens;
    for (const w of windows) {
      if (timeline.compare(w.end, opens) > 0) {
        opens = w.end;
        waitsForService = w.serviceId;
      }
    }
    for (const w of windows) intermediaries.push({ ...w, delaysOpening: timeline.compare(w.end, prepared) > 0 });
    let end = opens;
    let lastItemId: string | undefined;

    const inStage = stage.items.filter((i) => applicable.has(i.id));
    const { order, cyclic } = orderByDependencies(inStage);
    if (cyclic.length > 0) throw new Error(`dependency cycle in stage '${stage.id}': ${cyclic.map((i) => i.id).join(', ')}`);

    for (const item of order) {
      // Candidates in order of preference on ties: the stage's opening first, then predecessors.
      const early = item.earlyStart && previous !== undefined;
      let begin: T = early ? previous.opens : opens;
      let binding: TBinding = early
        ? { kind: 'stage-open', stageId: previous.stageId }
        : k === 0
          ? { kind: 'project-start' }
          : { kind: 'stage-open', stageId: stage.id };
      const predecessors = [...item.dependsOn, ...item.requiresResults.map((r) => issuers.get(r)?.item.id).filter((id): id is string => id !== undefined)];
      for (const id of predecessors) {
        const done = finished.get(id);
        if (done && timeline.compare(done.finish, begin) > 0) {
          begin = done.finish;
          binding = { kind: 'item', itemId: id };
        }
      }
      const actual = actuals[item.id] ?? {};
      let status: ScheduledItem<T>['status'] = 'planned';
      let finish: T;
      if (actual.startedOn !== undefined) {
        begin = actual.startedOn;
        binding = { kind: 'actual' };
      } else if (notBefore !== undefined && actual.completedOn === undefined && timeline.compare(notBefore, begin) > 0) {
        begin = notBefore;
        binding = { kind: 'as-of' };
      }
      if (actual.completedOn !== undefined) {
        status = 'completed';
        finish = actual.completedOn;
        if (timeline.compare(begin, finish) > 0) begin = finish;
      } else {
        if (actual.startedOn !== undefined) status = 'in-progress';
        finish = timeline.add(begin, item.promisedLimit);
        // An overdue item still running finishes no earlier than today.
        if (status === 'in-progress' && notBefore !== undefined) finish = later(finish, notBefore);
      }
      const scheduled: ScheduledItem<T> = { itemId: item.id, stageId: stage.id, start: begin, finish, binding, status };
      finished.set(item.id, scheduled);
      if (lastItemId === undefined || timeline.compare(finish, end) > 0) {
        end = later(end, finish);
        lastItemId = item.id;
      }
    }
    // Items are reported in document order, not in dependency order.
    for (const item of inStage) items.push(finished.get(item.id)!);
    stages.push({ stageId: stage.id, opens, end, lastItemId, preparationDays: preparation, ...(waitsForService ? { waitsForService } : {}) });
  });

  const criticalPath = walkBack(stages, finished);
  const governmentWorkdays = criticalPath.reduce((sum, id) => {
    const s = finished.get(id)!;
    return sum + timeline.between(s.start, s.finish);
  }, 0);
  return { items, stages, intermediaries, end: stages[stages.length - 1]!.end, criticalPath, governmentWorkdays };
}

/** Follows binding constraints back from the project's last result. */
function walkBack<T>(stages: readonly ScheduledStage<T>[], finished: ReadonlyMap<string, ScheduledItem<T>>): string[] {
  const lastBefore = (stageIndex: number): string | undefined => {
    for (let k = stageIndex; k >= 0; k--) if (stages[k]!.lastItemId !== undefined) return stages[k]!.lastItemId;
    return undefined;
  };
  const path: string[] = [];
  let current = lastBefore(stages.length - 1);
  while (current !== undefined && !path.includes(current)) {
    path.push(current);
    const binding = finished.get(current)!.binding;
    if (binding.kind === 'item') current = binding.itemId;
    else if (binding.kind === 'stage-open') {
      const k = stages.findIndex((s) => s.stageId === binding.stageId);
      current = lastBefore(k - 1);
    } else current = undefined;
  }
  return path.reverse();
}

/** Working-day offsets from 0: every day counts, so `add` is `+` (budgets, no calendar needed). */
export const offsetTimeline: Timeline<number> = {
  add: (from, n) => from + n,
  between: (from, to) => to - from,
  compare: (a, b) => a - b,
};
