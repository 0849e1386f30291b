/**
 * 电子监察 statistics for coordinators: per department and per item, the reviews dispatched
 * and completed, the early completion rate (提前办结率: completed in fewer working days than
 * promised; seed 002 reports 93%), yellow and red cards raised, and average working days
 * used against the promised and legal limits; projects by stage and status; ratings (好差评)
 * with the bad ones listed for follow-up (seed 003). Computed in SQL over the read model
 * (db/read-model/store.ts); this module exports them for spreadsheets.
 */
import type { TSupervision } from '../../db/read-model/store';

export { BAD_RATING, type TStat, type TSupervision } from '../../db/read-model/store';

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
