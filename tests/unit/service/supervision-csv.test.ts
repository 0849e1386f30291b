/**
 * The supervision export for spreadsheets: a row per department and per item under the header,
 * every cell quoted, and titles that a spreadsheet would run as a formula (= + - @, a tab or a
 * carriage return first) defused with a leading apostrophe; quotes, new lines and tabs inside a
 * title stay in their one cell.
 */
import { supervisionCsv, type TStat, type TSupervision } from '../../../service/projects/supervision';

const stat = (key: string, title: string, extra: Partial<TStat> = {}): TStat => ({
  key,
  title,
  dispatched: 4,
  completed: 3,
  early: 2,
  earlyCompletionRate: 0.667,
  yellowCards: 1,
  redCards: 0,
  avgWorkdaysUsed: 5.5,
  avgPromisedLimit: 10,
  avgLegalLimit: 20,
  deliveredInTime: 2,
  deliveredLate: 1,
  deliveryOpen: 0,
  warningCards: 3,
  violationYellowCards: 0,
  violationRedCards: 1,
  reminders: 2,
  supervisionOrders: 1,
  ...extra,
});

const report = (byDepartment: TStat[], byItem: TStat[]): TSupervision => ({
  generatedAt: '2026-11-30T00:00:00.000Z',
  projects: { total: 1, byStatus: {}, byStage: {} },
  byDepartment,
  byItem,
  byEnterprise: [],
  openSupervisionOrders: [],
  ratings: { count: 0, average: null, bad: [] },
});

const HEADER =
  '"scope","key","title","dispatched","completed","early","earlyCompletionRate","yellowCards","redCards","avgWorkdaysUsed","avgPromisedLimit","avgLegalLimit","deliveredInTime","deliveredLate","deliveryOpen","warningCards","violationYellowCards","violationRedCards","reminders","supervisionOrders"';

test('a BOM, the header, then one row per department and one per item, CRLF after each; a missing average is an empty cell', () => {
  const csv = supervisionCsv(
    report([stat('ecology-environment', '生态环境局')], [stat('eia-form-approval', '环评报告表审批', { earlyCompletionRate: null, avgWorkdaysUsed: null })]),
  );
  expect(csv).toBe(
    '\uFEFF' +
      `${HEADER}\r\n` +
      '"department","ecology-environment","生态环境局","4","3","2","0.667","1","0","5.5","10","20","2","1","0","3","0","1","2","1"\r\n' +
      '"item","eia-form-approval","环评报告表审批","4","3","2",,"1","0",,"10","20","2","1","0","3","0","1","2","1"\r\n',
  );
});

test.each([
  ['=', '=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
  ['+', '+1+2', `"'+1+2"`],
  ['-', '-2+3', `"'-2+3"`],
  ['@', '@SUM(A1)', `"'@SUM(A1)"`],
  ['a tab', '\t=1', `"'\t=1"`],
  ['a carriage return', '\r=1', `"'\r=1"`],
])('a title opening with %s is not a formula in a spreadsheet', (_, title, cell) => {
  const [, row] = supervisionCsv(report([stat('d', title)], [])).split(`${HEADER}\r\n`);
  expect(row).toBe(`"department","d",${cell},"4","3","2","0.667","1","0","5.5","10","20","2","1","0","3","0","1","2","1"\r\n`);
});

test('quotes are doubled and a new line or a tab inside a title stays in its quoted cell', () => {
  const [, row] = supervisionCsv(report([stat('d', '审批 "加急"\n第二行\t备注')], [])).split(`${HEADER}\r\n`);
  expect(row).toBe('"department","d","审批 ""加急""\n第二行\t备注","4","3","2","0.667","1","0","5.5","10","20","2","1","0","3","0","1","2","1"\r\n');
});
