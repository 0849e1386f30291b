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

/** Per department, per item and per enterprise, one row each, titled by name, for spreadsheets (UTF-8 with BOM for Excel). */
export function supervisionCsv(report: TSupervision): string {
  const rows = [
    ...report.byDepartment.map((s) => ({ ...s, scope: 'department' })),
    ...report.byItem.map((s) => ({ ...s, scope: 'item' })),
    ...report.byEnterprise.map((s) => ({ ...s, scope: 'enterprise' })),
  ];
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...CSV_COLUMNS],
    quoted: true,
    record_delimiter: 'windows',
    // Titles come from definitions a coordinator uploads: a cell opening with = + - @ tab or CR would run as a formula (OWASP CSV injection).
    escape_formulas: true,
  });
}
