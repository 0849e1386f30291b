/**
 * 电子监察 statistics for coordinators: per department and per item, the reviews dispatched
 * and completed, the early completion rate (提前办结率: completed in fewer working days than
 * promised; seed 002 reports 93%), yellow and red cards raised, and average working days
 * used against the promised and legal limits; projects by stage and status; ratings (好差评)
 * with the bad ones listed for follow-up (seed 003). Read from every project's view and history.
 */
import type { THistoryEntry } from '../../workflows/engine/history';
import type { TProjectView } from '../../workflows/engine/view';
import type { ProjectGateway } from './gateway';
import { mapLimited } from './tasks';

export interface TStat {
  key: string;
  title: string;
  dispatched: number;
  completed: number;
  early: number;
  earlyCompletionRate: number | null;
  yellowCards: number;
  redCards: number;
  avgWorkdaysUsed: number | null;
  avgPromisedLimit: number | null;
  avgLegalLimit: number | null;
}

export interface TSupervision {
  generatedAt: string;
  projects: { total: number; byStatus: Record<string, number>; byStage: Record<string, number> };
  byDepartment: TStat[];
  byItem: TStat[];
  ratings: { count: number; average: number | null; bad: { projectId: string; projectTitle: string; stageId: string; score: number; comment: string; at: string }[] };
}

/** A rating at or below this is "bad" and listed for follow-up (差评). */
export const BAD_RATING = 2;
const DONE = new Set(['approved', 'approvedWithConditions', 'rejected']);
/** Projects read per report (each costs two queries). */
export const SUPERVISION_PROJECT_CAP = 1000;

interface Acc {
  title: string;
  dispatched: number;
  completed: number;
  early: number;
  yellow: number;
  red: number;
  used: number[];
  promised: number[];
  legal: number[];
}

const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10);

export function summarise(projects: { view: TProjectView; history: THistoryEntry[] }[], now: Date): TSupervision {
  const byDepartment = new Map<string, Acc>();
  const byItem = new Map<string, Acc>();
  const acc = (map: Map<string, Acc>, key: string, title: string) => {
    let a = map.get(key);
    if (!a) map.set(key, (a = { title, dispatched: 0, completed: 0, early: 0, yellow: 0, red: 0, used: [], promised: [], legal: [] }));
    return a;
  };
  const byStatus: Record<string, number> = {};
  const byStage: Record<string, number> = {};
  const ratings: TSupervision['ratings']['bad'] = [];
  let ratingSum = 0;
  let ratingCount = 0;

  for (const { view, history } of projects) {
    byStatus[view.status] = (byStatus[view.status] ?? 0) + 1;
    if (view.status === 'active') byStage[view.currentStageId] = (byStage[view.currentStageId] ?? 0) + 1;
    for (const r of view.reviews) {
      const targets = [acc(byDepartment, r.departmentId, r.departmentId), acc(byItem, r.itemId, r.title)];
      const cards = history.filter((h) => h.itemId === r.itemId);
      for (const a of targets) {
        a.yellow += cards.filter((h) => h.type === 'yellowCard').length;
        a.red += cards.filter((h) => h.type === 'redCard').length;
        if (!r.clock) continue; // never dispatched
        a.dispatched += 1;
        a.promised.push(r.promisedLimit);
        a.legal.push(r.legalLimit);
        if (DONE.has(r.status)) {
          a.completed += 1;
          a.used.push(r.clock.elapsed);
          if (r.clock.elapsed < r.promisedLimit) a.early += 1;
        }
      }
    }
    for (const rating of view.ratings) {
      ratingSum += rating.score;
      ratingCount += 1;
      if (rating.score <= BAD_RATING) ratings.push({ projectId: view.projectId, projectTitle: view.title, stageId: rating.stageId, score: rating.score, comment: rating.comment, at: rating.at });
    }
  }
  const stats = (map: Map<string, Acc>): TStat[] =>
    [...map.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, a]) => ({
        key,
        title: a.title,
        dispatched: a.dispatched,
        completed: a.completed,
        early: a.early,
        earlyCompletionRate: a.completed === 0 ? null : Math.round((a.early / a.completed) * 1000) / 1000,
        yellowCards: a.yellow,
        redCards: a.red,
        avgWorkdaysUsed: mean(a.used),
        avgPromisedLimit: mean(a.promised),
        avgLegalLimit: mean(a.legal),
      }));
  return {
    generatedAt: now.toISOString(),
    projects: { total: projects.length, byStatus, byStage },
    byDepartment: stats(byDepartment),
    byItem: stats(byItem),
    ratings: { count: ratingCount, average: ratingCount === 0 ? null : Math.round((ratingSum / ratingCount) * 100) / 100, bad: ratings },
  };
}

export async function supervision(gateway: ProjectGateway, now: Date): Promise<TSupervision> {
  const projects = await gateway.listAll([], SUPERVISION_PROJECT_CAP);
  const read = await mapLimited(projects, 8, async (p) => {
    const [view, history] = await Promise.all([gateway.view(p.id), gateway.history(p.id)]);
    return { view, history };
  });
  return summarise(read, now);
}

const CSV_COLUMNS = ['scope', 'key', 'title', 'dispatched', 'completed', 'early', 'earlyCompletionRate', 'yellowCards', 'redCards', 'avgWorkdaysUsed', 'avgPromisedLimit', 'avgLegalLimit'] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; a leading =, +, - or @ would be a formula in a spreadsheet.
  return `"${(typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
}

/** Per department and per item, one row each, for spreadsheets (UTF-8 with BOM for Excel). */
export function supervisionCsv(report: TSupervision): string {
  const rows = [
    CSV_COLUMNS.join(','),
    ...report.byDepartment.map((s) => CSV_COLUMNS.map((c) => csvCell(c === 'scope' ? 'department' : s[c])).join(',')),
    ...report.byItem.map((s) => CSV_COLUMNS.map((c) => csvCell(c === 'scope' ? 'item' : s[c])).join(',')),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
