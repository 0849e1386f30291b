/**
 * A project's schedule, row by row (stage, item): the planned window (预排工期) and the actual
 * review (from dispatch to decision, or to now while it runs). One reading of the project for
 * both pictures of it: the Gantt on wide screens, the vertical timeline on phones.
 */
import type { HistoryEntry, ProjectDetail } from './api';
import type { Titles } from './titles';

export const DAY = 86_400_000;
/** Midnight (Beijing) of a YYYY-MM-DD date, as epoch ms. */
const dayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
export const DECIDED = new Set(['approved', 'approvedWithConditions', 'rejected', 'cancelled']);
const DECISIONS = new Set(['approved', 'approvedWithConditions', 'rejected', 'reviewApproved', 'reviewRejected']);

export interface ScheduleRow {
  stageId: string;
  stage: string;
  itemId: string;
  item: string;
  /** [start, end) in epoch ms; the end is the midnight after the due day. */
  planned?: [number, number];
  actual?: [number, number];
  status: string;
  card?: string;
  paused?: boolean;
  remaining?: number;
  critical?: boolean;
  /** An intermediary service (中介服务): its agreed window, drawn apart from government time. */
  intermediary?: boolean;
  /** An intermediary service's provider and agreed delivery day, for its label. */
  provider?: string;
  deliveryOn?: string;
}

export function scheduleRows(project: ProjectDetail, history: HistoryEntry[] | undefined, titles: Titles, now = Date.now()): ScheduleRow[] {
  const decidedAt = new Map<string, number>();
  for (const h of history ?? []) if (h.itemId && DECISIONS.has(h.type)) decidedAt.set(h.itemId, Date.parse(h.at));
  const rows: ScheduleRow[] = [];
  for (const stage of project.stages) {
    const items = project.plan?.items.filter((i) => i.stageId === stage.stageId) ?? [];
    const reviews = project.reviews.filter((r) => r.stageId === stage.stageId);
    for (const id of new Set([...items.map((i) => i.itemId), ...reviews.map((r) => r.itemId)])) {
      const p = items.find((i) => i.itemId === id);
      const r = reviews.find((x) => x.itemId === id);
      const started = r?.startedAt ? Date.parse(r.startedAt) : undefined;
      const end = r && DECIDED.has(r.status) ? (decidedAt.get(id) ?? started) : now;
      rows.push({
        stageId: stage.stageId,
        stage: titles.stage(stage.stageId, stage.title),
        itemId: id,
        item: titles.item(id, r?.title ?? p?.title),
        planned: p ? [dayStart(p.start), dayStart(p.due) + DAY] : undefined,
        actual: started !== undefined && end !== undefined ? [started, Math.max(end, started + DAY / 8)] : undefined,
        status: r?.status ?? p?.status ?? '',
        card: r?.clock?.card,
        paused: r?.clock?.paused,
        remaining: r?.clock?.remaining,
        critical: p?.critical,
      });
    }
  }
  return rows;
}

/**
 * Intermediary services (中介服务), on the row of the stage in which the service starts (moved
 * earlier, seed 002): the plan's window (预排工期) and, once a provider is chosen, from the choice
 * to the agreed delivery day. Never a review, so never counted in the government working days.
 */
export function intermediaryRows(project: ProjectDetail, titles: Titles): ScheduleRow[] {
  return (project.intermediaries ?? []).flatMap((x) => {
    const window = project.plan?.intermediaries?.find((w) => w.serviceId === x.serviceId);
    if (!x.provider && !window) return [];
    const stageId = x.startsInStageId ?? x.stageId;
    const start = x.provider ? Date.parse(x.provider.selectedAt) : undefined;
    return [
      {
        stageId,
        stage: titles.stage(stageId, project.stages.find((s) => s.stageId === stageId)?.title),
        itemId: x.serviceId,
        item: x.provider ? `${x.title} · ${x.provider.providerName}` : x.title,
        planned: window ? ([dayStart(window.start), dayStart(window.end) + DAY] as [number, number]) : undefined,
        actual: x.provider && start !== undefined ? ([start, Math.max(dayStart(x.provider.deliveryOn) + DAY, start + DAY / 8)] as [number, number]) : undefined,
        status: x.delivered ? 'deliverableIn' : 'intermediary',
        intermediary: true,
        ...(x.provider ? { provider: x.provider.providerName, deliveryOn: x.provider.deliveryOn } : {}),
      },
    ];
  });
}

/**
 * Government working days of each stage in the plan, with the intermediary working days of the
 * services it waits for shown beside them and never added (the 39 stay government days).
 */
export function stageGovernmentDays(project: ProjectDetail): { stageId: string; days: number; intermediary: number }[] {
  const plan = project.plan;
  if (!plan?.intermediaries?.length) return [];
  return plan.stages.map((s) => ({
    stageId: s.stageId,
    days: s.governmentWorkdays,
    intermediary: plan.intermediaries!.filter((w) => w.stageId === s.stageId).reduce((sum, w) => sum + w.workdays, 0),
  }));
}
