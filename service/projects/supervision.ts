/**
 * 电子监察 statistics for coordinators: per department and per item, the reviews dispatched
 * and completed, the early completion rate (提前办结率: completed in fewer working days than
 * promised; seed 002 reports 93%), yellow and red cards raised, and average working days
 * used against the promised and legal limits; projects by stage and status; ratings (好差评)
 * with the bad ones listed for follow-up (seed 003). Computed in SQL over the read model
 * (db/read-model/store.ts); this module exports them for spreadsheets.
 */
import { stringify } from 'csv-stringify/sync';
import type { TSupervision } from '../../db/read-model/store';
import type { TIntermediaryTime } from '../routes/intermediary-time.types';

export { BAD_RATING, type TStat, type TSupervision } from '../../db/read-model/store';

const CSV_COLUMNS = [
  'scope',
  'key',
  'title',
  'dispatched',
  'completed',
  'early',
  'earlyCompletionRate',
  'yellowCards',
  'redCards',
  'avgWorkdaysUsed',
  'avgPromisedLimit',
  'avgLegalLimit',
  'deliveredInTime',
  'deliveredLate',
  'deliveryOpen',
  'warningCards',
  'violationYellowCards',
  'violationRedCards',
  'reminders',
  'supervisionOrders',
] as const;

/** Intermediary time (issue 16), on rows of its own and only when some project has a service: never added to the government figures. A project's row carries its 项目代码. */
const INTERMEDIARY_COLUMNS = ['projectCode', 'intermediaryServices', 'intermediaryWorkdays', 'intermediaryOpen', 'intermediaryLate'] as const;

/** Intermediary time per project and for all projects, as CSV rows of scope `intermediaries`. */
function intermediaryRows(time: TIntermediaryTime | undefined) {
  if (!time) return [];
  // A project's row names it by its 项目代码 too (the key a city files it under); the total row has none.
  const row = (key: string, title: string, t: TIntermediaryTime['total'], projectCode: string | null = null) => ({
    scope: 'intermediaries',
    key,
    title,
    projectCode,
    intermediaryServices: t.count,
    intermediaryWorkdays: t.workdays,
    intermediaryOpen: t.open,
    intermediaryLate: t.late,
  });
  return [...time.byProject.map((p) => row(p.projectId, p.projectTitle, p, p.projectCode)), row('total', 'all projects', time.total)];
}

/** Per department, per item and per enterprise, one row each, titled by name, then intermediary time, for spreadsheets (UTF-8 with BOM for Excel). */
export function supervisionCsv(report: TSupervision & { intermediaries?: TIntermediaryTime }): string {
  const rows = [
    ...report.byDepartment.map((s) => ({ ...s, scope: 'department' })),
    ...report.byItem.map((s) => ({ ...s, scope: 'item' })),
    ...report.byEnterprise.map((s) => ({ ...s, scope: 'enterprise' })),
    ...intermediaryRows(report.intermediaries),
  ];
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...CSV_COLUMNS, ...(report.intermediaries ? INTERMEDIARY_COLUMNS : [])],
    quoted: true,
    record_delimiter: 'windows',
    // Titles come from definitions a coordinator uploads: a cell opening with = + - @ tab or CR would run as a formula (OWASP CSV injection).
    escape_formulas: true,
  });
}
