/**
 * Supervision's intermediary time (中介服务, issue 16): per project and in total, the working
 * days intermediaries took (chosen → delivered, or to today while open), apart from government
 * days, and which deliveries are late against the date agreed with the provider.
 */
import type { TIntermediaryServiceRow } from '../../db/read-model/store';
import type { TIntermediaryTime } from '../routes/intermediary-time.types';

/** The part of WorkingCalendar counting needs. */
interface TCountingCalendar {
  workdaysBetween(from: string, to: string): { count: number };
  dateOf(instant: string | number): string;
}

type TServiceTime = TIntermediaryTime['byProject'][number]['services'][number];
type TTotals = TIntermediaryTime['total'];

function serviceTime(row: TIntermediaryServiceRow, calendar: TCountingCalendar, today: string): TServiceTime {
  const { projectId: _p, projectTitle: _t, projectCode: _c, ...service } = row;
  const delivered = row.deliveredAt === null ? null : calendar.dateOf(row.deliveredAt);
  const status = delivered !== null ? 'delivered' : row.selectedAt === null ? 'unselected' : 'open';
  const selected = row.selectedAt === null ? null : calendar.dateOf(row.selectedAt);
  const until = delivered ?? today;
  const workdays = selected === null || until <= selected ? 0 : calendar.workdaysBetween(selected, until).count;
  const late = row.deliveryOn !== null && (delivered ?? today) > row.deliveryOn && status !== 'unselected';
  return { ...service, workdays, status, late };
}

function totals(services: readonly TServiceTime[]): TTotals {
  return {
    count: services.length,
    open: services.filter((s) => s.status === 'open').length,
    delivered: services.filter((s) => s.status === 'delivered').length,
    late: services.filter((s) => s.late).length,
    workdays: services.reduce((sum, s) => sum + s.workdays, 0),
  };
}

/** Counts the read model's intermediary services on the working-day calendar, as of `now`. */
export function intermediaryTime(rows: readonly TIntermediaryServiceRow[], calendar: TCountingCalendar, now: Date): TIntermediaryTime {
  const today = calendar.dateOf(now.getTime());
  const byProject = new Map<string, { projectTitle: string; projectCode: string | null; services: TServiceTime[] }>();
  for (const row of rows) {
    const project = byProject.get(row.projectId) ?? { projectTitle: row.projectTitle, projectCode: row.projectCode, services: [] };
    project.services.push(serviceTime(row, calendar, today));
    byProject.set(row.projectId, project);
  }
  const projects = [...byProject].map(([projectId, p]) => ({
    projectId,
    projectTitle: p.projectTitle,
    projectCode: p.projectCode,
    ...totals(p.services),
    services: p.services,
  }));
  return { total: totals(projects.flatMap((p) => p.services)), byProject: projects };
}
