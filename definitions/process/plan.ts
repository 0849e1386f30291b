/**
 * 预排工期: a project's planned schedule from its definition, attributes, start date and the
 * working-day calendar; re-planned from actual progress with `options.actuals`. Pure: the
 * calendar is passed in, so a workflow plans with the snapshot it was given.
 */
import { z } from 'zod';
import { checkAttributes } from './attributes';
import { selectItems, type TApplicableItem, type TSkippedItem } from './conditions';
import { definitionRef } from './registry';
import { forwardPass, type TBinding, type Timeline } from './schedule';
import { ZDefinitionRef, ZIsoDate, ZProjectAttributes, ZWorkdays, type TProblem, type TProcessDefinition } from './schema';
import { DefinitionError } from './validate';

/**
 * The part of `WorkingCalendar` (definitions/calendar/working-calendar.ts) planning needs;
 * declared structurally so tests can pass a fake and planning never builds its own calendar.
 */
export interface TPlanningCalendar {
  /** The n-th working day counted from the day after `date`. */
  addWorkdays(date: string, n: number): { date: string; provisional: boolean };
  /** Working days in (from, to]. */
  workdaysBetween(from: string, to: string): { count: number; provisional: boolean };
}

export const ZItemActual = z.object({ startedOn: ZIsoDate.optional(), completedOn: ZIsoDate.optional() });
export type TItemActual = z.infer<typeof ZItemActual>;

/** An intermediary service as far as it went: chosen on `selectedOn` with delivery agreed for `deliveryOn`, delivered on `deliveredOn`. */
export const ZIntermediaryActual = z.object({ selectedOn: ZIsoDate.optional(), deliveryOn: ZIsoDate.optional(), deliveredOn: ZIsoDate.optional() });
export type TIntermediaryActual = z.infer<typeof ZIntermediaryActual>;

export const ZPlanOptions = z.object({
  /** The enterprise's own preparation before each stage (working days, by stage id), as the coordinator estimates it. */
  preparationDays: z.record(z.string(), ZWorkdays).optional(),
  /** Actual progress by item id: re-plan the rest from it. */
  actuals: z.record(z.string(), ZItemActual).optional(),
  /** Intermediary services chosen or delivered, by service id: their windows use the agreed or actual dates. */
  intermediaries: z.record(z.string(), ZIntermediaryActual).optional(),
  /** Today, when re-planning: nothing still open starts or finishes before it. */
  asOf: ZIsoDate.optional(),
});
export type TPlanOptions = z.infer<typeof ZPlanOptions>;

const ZPlanBinding = z.union([
  z.object({ kind: z.literal('project-start') }),
  z.object({ kind: z.literal('stage-open'), stageId: z.string() }),
  z.object({ kind: z.literal('item'), itemId: z.string() }),
  z.object({ kind: z.literal('actual') }),
  z.object({ kind: z.literal('as-of') }),
]);

export const ZPlannedItem = z.object({
  itemId: z.string(),
  stageId: z.string(),
  title: z.string(),
  department: z.string(),
  start: ZIsoDate,
  /** Promised due (承诺时限), or the actual completion. */
  due: ZIsoDate,
  /** Legal due (法定时限) from the same start. */
  legalDue: ZIsoDate,
  promisedLimit: ZWorkdays,
  legalLimit: ZWorkdays,
  earlyStart: z.boolean(),
  critical: z.boolean(),
  status: z.enum(['planned', 'in-progress', 'completed']),
  /** What this item waits for: the stage opening, an item, an actual date, or today. */
  waitsFor: ZPlanBinding,
  /** Attributes not yet registered that a condition needed; the item is planned as applicable. */
  assumedAttributes: z.array(z.string()),
  provisional: z.boolean(),
});
export type TPlannedItem = z.infer<typeof ZPlannedItem>;

/**
 * An intermediary service's window (中介服务): the enterprise's time with the provider, shown
 * apart and never counted in government working days. Moved earlier (`startsInStageId` before
 * `stageId`), it runs beside the earlier stage's reviews instead of delaying the stage it serves.
 */
export const ZPlannedIntermediary = z.object({
  serviceId: z.string(),
  title: z.string(),
  serviceType: z.string(),
  /** The stage whose application carries the deliverable. */
  stageId: z.string(),
  startsInStageId: z.string(),
  movedEarlier: z.boolean(),
  start: ZIsoDate,
  /** Expected, agreed (`status` agreed) or actual (delivered) delivery. */
  end: ZIsoDate,
  /** Intermediary (not government) working days of the window. */
  workdays: z.number().int(),
  status: z.enum(['planned', 'agreed', 'delivered']),
  /** The stage it serves opens late, waiting for this delivery. */
  delaysOpening: z.boolean(),
});
export type TPlannedIntermediary = z.infer<typeof ZPlannedIntermediary>;

export const ZPlannedStage = z.object({
  stageId: z.string(),
  title: z.string(),
  leadDepartment: z.string(),
  preparationDays: ZWorkdays,
  /** The day the stage application can be filed (the previous stage's end plus preparation). */
  opens: ZIsoDate,
  /** The intermediary service whose delivery the opening waits for (absent: preparation alone decides). */
  waitsForService: z.string().optional(),
  /** The planned window: first item start (early starts included) to last result. */
  start: ZIsoDate,
  end: ZIsoDate,
  /** Government working days from opening to the last result. */
  governmentWorkdays: z.number().int(),
  budget: ZWorkdays,
  withinBudget: z.boolean(),
});
export type TPlannedStage = z.infer<typeof ZPlannedStage>;

export const ZPlan = z.object({
  definition: ZDefinitionRef,
  attributes: ZProjectAttributes,
  start: ZIsoDate,
  asOf: ZIsoDate.optional(),
  end: ZIsoDate,
  items: z.array(ZPlannedItem),
  skipped: z.array(z.object({ itemId: z.string(), stageId: z.string(), reason: z.string() })),
  stages: z.array(ZPlannedStage),
  /** Intermediary windows; absent when the definition has no intermediary service (and on plans made before them). */
  intermediaries: z.array(ZPlannedIntermediary).optional(),
  /** Intermediary working days, all windows summed: never part of `governmentWorkdays`. */
  intermediaryWorkdays: z.number().int().optional(),
  criticalPath: z.array(z.string()),
  /** Government working days along the critical path (the enterprise's time excluded). */
  governmentWorkdays: z.number().int(),
  totalBudget: ZWorkdays,
  withinBudget: z.boolean(),
  /** Working days from start to end, the enterprise's preparation included. */
  spanWorkdays: z.number().int(),
  /** Some date lies in a year whose holiday notice is not loaded yet. */
  provisional: z.boolean(),
});
export type TPlan = z.infer<typeof ZPlan>;

/** Bad planning input (attributes, actuals, dates); carries every problem. */
export class PlanError extends DefinitionError {
  constructor(problems: readonly TProblem[]) {
    super(problems, 'cannot plan');
    this.name = 'PlanError';
  }
}

/** Dates on the calendar; remembers whether any answer was provisional. */
function calendarTimeline(calendar: TPlanningCalendar): Timeline<string> & { provisional: boolean } {
  const timeline = {
    provisional: false,
    add(from: string, n: number): string {
      if (n === 0) return from;
      const r = calendar.addWorkdays(from, n);
      timeline.provisional ||= r.provisional;
      return r.date;
    },
    between(from: string, to: string): number {
      if (to <= from) return 0;
      const r = calendar.workdaysBetween(from, to);
      timeline.provisional ||= r.provisional;
      return r.count;
    },
    compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
  };
  return timeline;
}

/** 'YYYY-MM-DD' naming a day that exists (the pattern alone lets '2026-02-30' through). */
function isCalendarDate(text: string): boolean {
  if (!ZIsoDate.safeParse(text).success) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkInput(definition: TProcessDefinition, attributes: unknown, start: string, options: TPlanOptions, applicable: ReadonlySet<string>): TProblem[] {
  const services = new Set(definition.stages.flatMap((s) => (s.intermediaries ?? []).map((x) => x.id)));
  const problems: TProblem[] = [];
  const checkDate = (path: string, text: string | undefined) => {
    if (text !== undefined && !isCalendarDate(text)) problems.push({ path, message: `expected a date YYYY-MM-DD, got '${text}'` });
  };
  checkDate('start', start);
  checkDate('asOf', options.asOf);
  const attrs = ZProjectAttributes.safeParse(attributes);
  if (!attrs.success) problems.push({ path: 'attributes', message: 'expected an object of text, number or boolean values' });
  else problems.push(...checkAttributes(definition, attrs.data));
  const stageIds = new Set(definition.stages.map((s) => s.id));
  for (const id of Object.keys(options.preparationDays ?? {})) {
    if (!stageIds.has(id)) problems.push({ path: `preparationDays.${id}`, message: `unknown stage '${id}' (stages: ${[...stageIds].join(', ')})` });
  }
  for (const [id, actual] of Object.entries(options.actuals ?? {})) {
    if (!applicable.has(id)) problems.push({ path: `actuals.${id}`, message: `'${id}' is not an item this project goes through` });
    checkDate(`actuals.${id}.startedOn`, actual.startedOn);
    checkDate(`actuals.${id}.completedOn`, actual.completedOn);
    if (actual.startedOn && actual.completedOn && actual.completedOn < actual.startedOn) {
      problems.push({ path: `actuals.${id}.completedOn`, message: `completed ${actual.completedOn} before it started ${actual.startedOn}` });
    }
  }
  for (const [id, actual] of Object.entries(options.intermediaries ?? {})) {
    if (!services.has(id)) problems.push({ path: `intermediaries.${id}`, message: `'${id}' is not an intermediary service of this definition` });
    checkDate(`intermediaries.${id}.selectedOn`, actual.selectedOn);
    checkDate(`intermediaries.${id}.deliveryOn`, actual.deliveryOn);
    checkDate(`intermediaries.${id}.deliveredOn`, actual.deliveredOn);
  }
  return problems;
}

/**
 * Plans a project: applicable items (conditions on `attributes`), each item's earliest start and
 * promised and legal due along the dependencies, stage windows, the critical path and the
 * government working days on it. With `options.actuals`, done and running items keep their
 * actual dates and the rest is planned from them.
 * @param start the day the project is registered, 'YYYY-MM-DD'; day 1 is the next working day
 * @throws PlanError on unknown or mistyped attributes, unknown stages or items in options, bad dates,
 *   and dates outside the calendar's range
 */
export function planSchedule(
  definition: TProcessDefinition,
  attributes: Readonly<Record<string, string | number | boolean>>,
  start: string,
  calendar: TPlanningCalendar,
  options: TPlanOptions = {},
): TPlan {
  const parsedOptions = ZPlanOptions.safeParse(options);
  if (!parsedOptions.success) {
    throw new PlanError(parsedOptions.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
  const opts = parsedOptions.data;
  const { applicable, skipped } = selectItems(definition, attributes);
  const applicableIds = new Set(applicable.map((a) => a.item.id));
  const problems = checkInput(definition, attributes, start, opts, applicableIds);
  if (problems.length > 0) throw new PlanError(problems);

  try {
    return computePlan(definition, attributes, start, calendar, opts, applicable, skipped);
  } catch (err) {
    // The calendar answers only within its range: a start before its first year, a due past its horizon.
    if (err instanceof RangeError) throw new PlanError([{ path: 'calendar', message: err.message }]);
    throw err;
  }
}

function computePlan(
  definition: TProcessDefinition,
  attributes: Readonly<Record<string, string | number | boolean>>,
  start: string,
  calendar: TPlanningCalendar,
  opts: TPlanOptions,
  applicable: readonly TApplicableItem[],
  skipped: readonly TSkippedItem[],
): TPlan {
  const applicableIds = new Set(applicable.map((a) => a.item.id));
  const timeline = calendarTimeline(calendar);
  const schedule = forwardPass(timeline, {
    definition,
    applicable: applicableIds,
    start,
    preparationDays: opts.preparationDays,
    actuals: opts.actuals,
    intermediaryActuals: opts.intermediaries,
    notBefore: opts.asOf,
  });

  const critical = new Set(schedule.criticalPath);
  const byId = new Map(applicable.map((a) => [a.item.id, a]));
  const items: TPlannedItem[] = schedule.items.map((s) => {
    const { item, assumed } = byId.get(s.itemId)!;
    // The legal due is never before the promised one, so its flag covers both of the item's dates.
    const legal = item.legalLimit === 0 ? { date: s.start, provisional: false } : calendar.addWorkdays(s.start, item.legalLimit);
    return {
      itemId: item.id,
      stageId: s.stageId,
      title: item.title.zh,
      department: item.department,
      start: s.start,
      due: s.finish,
      legalDue: legal.date,
      promisedLimit: item.promisedLimit,
      legalLimit: item.legalLimit,
      earlyStart: item.earlyStart,
      critical: critical.has(item.id),
      status: s.status,
      waitsFor: s.binding as TBinding,
      assumedAttributes: [...assumed],
      provisional: legal.provisional,
    };
  });

  const stages: TPlannedStage[] = schedule.stages.map((s, k) => {
    const stage = definition.stages[k]!;
    const starts = items.filter((i) => i.stageId === s.stageId).map((i) => i.start);
    const governmentWorkdays = timeline.between(s.opens, s.end);
    return {
      stageId: s.stageId,
      title: stage.title.zh,
      leadDepartment: stage.leadDepartment,
      preparationDays: s.preparationDays,
      opens: s.opens,
      ...(s.waitsForService ? { waitsForService: s.waitsForService } : {}),
      start: starts.reduce((a, b) => (b < a ? b : a), s.opens),
      end: s.end,
      governmentWorkdays,
      budget: stage.budget,
      withinBudget: governmentWorkdays <= stage.budget,
    };
  });

  const services = new Map(definition.stages.flatMap((s) => (s.intermediaries ?? []).map((x) => [x.id, x] as const)));
  const intermediaries: TPlannedIntermediary[] = schedule.intermediaries.map((w) => {
    const service = services.get(w.serviceId)!;
    return {
      serviceId: w.serviceId,
      title: service.title.zh,
      serviceType: service.serviceType,
      stageId: w.stageId,
      startsInStageId: w.startsInStageId,
      movedEarlier: w.startsInStageId !== w.stageId,
      start: w.start,
      end: w.end,
      workdays: timeline.between(w.start, w.end),
      status: w.status,
      delaysOpening: w.delaysOpening,
    };
  });
  const spanWorkdays = timeline.between(start, schedule.end);
  return {
    definition: definitionRef(definition),
    attributes: { ...attributes },
    start,
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    end: schedule.end,
    items,
    skipped: [...skipped],
    stages,
    ...(intermediaries.length > 0 ? { intermediaries, intermediaryWorkdays: intermediaries.reduce((sum, x) => sum + x.workdays, 0) } : {}),
    criticalPath: schedule.criticalPath,
    governmentWorkdays: schedule.governmentWorkdays,
    totalBudget: definition.totalBudget,
    withinBudget: schedule.governmentWorkdays <= definition.totalBudget,
    spanWorkdays,
    provisional: timeline.provisional || items.some((i) => i.provisional),
  };
}
