/**
 * Back-fill detection (体外循环: deciding on paper and typing it in later), pure over what the
 * service gathers per project (history, review dues, files and who opened them). Three rules:
 * - `signedBeforeRecorded`: a decision whose stated signing date (signedOn) is more working days
 *   before its recording than the threshold;
 * - `overdueBurst`: several decisions by one department on one item, all after their promised
 *   due instants, recorded within minutes of each other;
 * - `approvedUnopened`: an approval whose department opened none of the files handed in for the
 *   item's materials before approving (items with no file at all are not judged: their
 *   materials may have come on paper at the window).
 */
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { THistoryEntry } from '../../workflows/engine/history';
import type { TBackfillThresholds } from './thresholds';

export const BACKFILL_RULES = ['signedBeforeRecorded', 'overdueBurst', 'approvedUnopened'] as const;
export type TBackfillRule = (typeof BACKFILL_RULES)[number];

/** The history entries that are a department's decision on a review. */
const DECISIONS = new Set(['approved', 'approvedWithConditions', 'rejected']);
const APPROVALS = new Set(['approved', 'approvedWithConditions']);

/** One project as the rules read it. */
export interface TAuditedProject {
  projectId: string;
  title: string;
  /** 项目代码 (null for a project registered without one): the report names each project by it. */
  projectCode: string | null;
  history: readonly THistoryEntry[];
  /** Each review's promised due instant (null before it runs). */
  reviews: readonly { itemId: string; title: string; departmentId: string; promisedDueAt: string | null }[];
  /** The material ids each item asks for, by item id. */
  itemMaterials: Readonly<Record<string, readonly string[]>>;
  /** Files handed in (material_files). */
  files: readonly { id: string; materialId: string; uploadedAt: string }[];
  /** Who opened which file when (material_opens). */
  opens: readonly { fileId: string; departmentId: string; openedAt: string }[];
}

/** A decision named in a flag's evidence. */
export interface TFlaggedDecision {
  projectId: string;
  projectTitle: string;
  projectCode: string | null;
  seq: number;
  type: string;
  recordedAt: string;
  signedOn?: string;
  promisedDueAt?: string;
}

export interface TBackfillFlag {
  rule: TBackfillRule;
  departmentId: string;
  itemId: string;
  itemTitle: string;
  /** The decisions the flag is about (one, or a burst's). */
  decisions: TFlaggedDecision[];
  /** The evidence in one sentence. */
  evidence: string;
}

export interface TBackfillReport {
  thresholds: TBackfillThresholds;
  flags: TBackfillFlag[];
  byRule: Record<TBackfillRule, number>;
}

export type TDecision = TFlaggedDecision & { departmentId: string; itemId: string; itemTitle: string };

function decisionsOf(project: TAuditedProject): TDecision[] {
  const reviews = new Map(project.reviews.map((r) => [r.itemId, r]));
  const out: TDecision[] = [];
  for (const entry of project.history) {
    if (!DECISIONS.has(entry.type) || !entry.itemId || entry.actor.role !== 'department') continue;
    const review = reviews.get(entry.itemId);
    out.push({
      projectId: project.projectId,
      projectTitle: project.title,
      projectCode: project.projectCode,
      seq: entry.seq,
      type: entry.type,
      recordedAt: entry.at,
      ...(entry.signedOn ? { signedOn: entry.signedOn } : {}),
      ...(review?.promisedDueAt ? { promisedDueAt: review.promisedDueAt } : {}),
      departmentId: entry.actor.departmentId ?? review?.departmentId ?? '',
      itemId: entry.itemId,
      itemTitle: review?.title ?? entry.itemId,
    });
  }
  return out;
}

const flagged = ({ departmentId: _d, itemId: _i, itemTitle: _t, ...decision }: TDecision): TFlaggedDecision => decision;

/** Rule (a): stated signing date more than `statedLagWorkdays` working days before the recording date. */
export function signedBeforeRecorded(decisions: readonly TDecision[], calendar: WorkingCalendar, thresholds: TBackfillThresholds): TBackfillFlag[] {
  const out: TBackfillFlag[] = [];
  for (const d of decisions) {
    if (!d.signedOn) continue;
    const recordedOn = calendar.dateOf(d.recordedAt);
    const lag = calendar.workdaysBetween(d.signedOn, recordedOn).count;
    if (lag <= thresholds.statedLagWorkdays) continue;
    out.push({
      rule: 'signedBeforeRecorded',
      departmentId: d.departmentId,
      itemId: d.itemId,
      itemTitle: d.itemTitle,
      decisions: [flagged(d)],
      evidence: `signed on ${d.signedOn}, recorded on ${recordedOn}: ${lag} working days later (threshold ${thresholds.statedLagWorkdays})`,
    });
  }
  return out;
}

/** Rule (b): ≥ burstMinDecisions overdue decisions by one department on one item, each within burstWindowMinutes of the burst's first. */
export function overdueBursts(decisions: readonly TDecision[], thresholds: TBackfillThresholds): TBackfillFlag[] {
  const groups = new Map<string, TDecision[]>();
  for (const d of decisions) {
    if (!d.promisedDueAt || Date.parse(d.recordedAt) <= Date.parse(d.promisedDueAt)) continue;
    const key = `${d.departmentId}\u0000${d.itemId}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const windowMs = thresholds.burstWindowMinutes * 60_000;
  const out: TBackfillFlag[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
    let i = 0;
    while (i < group.length) {
      const first = Date.parse(group[i]!.recordedAt);
      let j = i;
      while (j + 1 < group.length && Date.parse(group[j + 1]!.recordedAt) - first <= windowMs) j++;
      const burst = group.slice(i, j + 1);
      if (burst.length >= thresholds.burstMinDecisions) {
        const head = burst[0]!;
        const minutes = Math.round((Date.parse(burst.at(-1)!.recordedAt) - first) / 60_000);
        out.push({
          rule: 'overdueBurst',
          departmentId: head.departmentId,
          itemId: head.itemId,
          itemTitle: head.itemTitle,
          decisions: burst.map(flagged),
          evidence: `${burst.length} decisions on ${head.itemTitle} by ${head.departmentId} within ${minutes} minutes, each after its promised due (threshold ${thresholds.burstMinDecisions} within ${thresholds.burstWindowMinutes} minutes)`,
        });
      }
      i = j + 1;
    }
  }
  return out;
}

/** Rule (c): approved without the department having opened any file of the item's materials that had been handed in. */
export function approvedUnopened(project: TAuditedProject, decisions: readonly TDecision[]): TBackfillFlag[] {
  const out: TBackfillFlag[] = [];
  for (const d of decisions) {
    if (!APPROVALS.has(d.type)) continue;
    const asked = new Set(project.itemMaterials[d.itemId] ?? []);
    const at = Date.parse(d.recordedAt);
    const files = project.files.filter((f) => asked.has(f.materialId) && Date.parse(f.uploadedAt) <= at);
    if (files.length === 0) continue;
    const ids = new Set(files.map((f) => f.id));
    const opened = project.opens.some((o) => o.departmentId === d.departmentId && ids.has(o.fileId) && Date.parse(o.openedAt) <= at);
    if (opened) continue;
    out.push({
      rule: 'approvedUnopened',
      departmentId: d.departmentId,
      itemId: d.itemId,
      itemTitle: d.itemTitle,
      decisions: [flagged(d)],
      evidence: `approved with none of the item's ${files.length} handed-in file(s) opened by ${d.departmentId}`,
    });
  }
  return out;
}

/** Every flag over the projects, newest decision first, with counts per rule. */
export function detectBackfill(projects: readonly TAuditedProject[], calendar: WorkingCalendar, thresholds: TBackfillThresholds): TBackfillReport {
  const perProject = projects.map((project) => ({ project, decisions: decisionsOf(project) }));
  const decisions = perProject.flatMap((x) => x.decisions);
  const flags = [
    ...signedBeforeRecorded(decisions, calendar, thresholds),
    ...overdueBursts(decisions, thresholds),
    ...perProject.flatMap((x) => approvedUnopened(x.project, x.decisions)),
  ];
  const latest = (f: TBackfillFlag) => Math.max(...f.decisions.map((d) => Date.parse(d.recordedAt)));
  flags.sort((a, b) => latest(b) - latest(a) || a.rule.localeCompare(b.rule));
  const byRule = Object.fromEntries(BACKFILL_RULES.map((r) => [r, flags.filter((f) => f.rule === r).length])) as Record<TBackfillRule, number>;
  return { thresholds, flags, byRule };
}
