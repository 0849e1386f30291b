/** Back-fill detection (体外循环) rule by rule, on crafted projects (service/audit/backfill.ts). */
import { defaultCalendar } from '../../../definitions/calendar/official';
import type { THistoryEntry } from '../../../workflows/engine/history';
import { detectBackfill, type TAuditedProject } from '../../../service/audit/backfill';
import { DEFAULT_BACKFILL_THRESHOLDS, backfillThresholdsFrom } from '../../../service/audit/thresholds';

const calendar = defaultCalendar();
const T = DEFAULT_BACKFILL_THRESHOLDS;
const dept = (departmentId: string) => ({ userId: `u-${departmentId}`, role: 'department' as const, departmentId });

let seq = 0;
function decision(itemId: string, at: string, extra: Partial<THistoryEntry> = {}, departmentId = 'planning'): THistoryEntry {
  return { seq: ++seq, at, actor: dept(departmentId), type: 'approved', itemId, summary: 'approved', ...extra };
}

function project(id: string, history: THistoryEntry[], more: Partial<TAuditedProject> = {}): TAuditedProject {
  return {
    projectId: id,
    title: `项目 ${id}`,
    projectCode: null,
    history,
    reviews: [
      { itemId: 'land-planning', title: '建设用地规划许可证', departmentId: 'planning', promisedDueAt: '2026-03-06T24:00:00+08:00' },
      { itemId: 'eia', title: '环境影响评价审批', departmentId: 'environment', promisedDueAt: '2026-03-20T24:00:00+08:00' },
    ],
    itemMaterials: { 'land-planning': ['site-plan'], eia: ['eia-report'] },
    files: [],
    opens: [],
    ...more,
  };
}

describe('signed before recorded', () => {
  test('more working days than the threshold between signedOn and recording: flagged with both dates; at the threshold: not', () => {
    // 2026-03-02 (Mon) → 2026-03-06 (Fri): 4 working days; → 2026-03-05: 3.
    const late = decision('land-planning', '2026-03-06T09:00:00+08:00', { signedOn: '2026-03-02' });
    const atThreshold = decision('eia', '2026-03-05T09:00:00+08:00', { signedOn: '2026-03-02' }, 'environment');
    const report = detectBackfill([project('p1', [late]), project('p2', [atThreshold])], calendar, T);
    expect(report.flags).toHaveLength(1);
    expect(report.flags[0]).toMatchObject({
      rule: 'signedBeforeRecorded',
      departmentId: 'planning',
      itemId: 'land-planning',
      decisions: [{ projectId: 'p1', signedOn: '2026-03-02', recordedAt: '2026-03-06T09:00:00+08:00' }],
      evidence: 'signed on 2026-03-02, recorded on 2026-03-06: 4 working days later (threshold 3)',
    });
    expect(report.byRule).toEqual({ signedBeforeRecorded: 1, overdueBurst: 0, approvedUnopened: 0 });
  });

  test('working days, not calendar days: signed before the National Day holiday, recorded on 9 Oct, is 2 working days late (8 and 9 Oct)', () => {
    const entry = decision('land-planning', '2026-10-09T10:00:00+08:00', { signedOn: '2026-09-30' });
    expect(detectBackfill([project('p1', [entry])], calendar, T).flags).toEqual([]);
    expect(detectBackfill([project('p1', [entry])], calendar, { ...T, statedLagWorkdays: 0 }).flags[0]!.evidence).toContain('2 working days later');
  });
});

describe('overdue bursts', () => {
  const overdue = (p: string, minute: number) => project(p, [decision('land-planning', `2026-03-16T10:${String(minute).padStart(2, '0')}:00+08:00`)]);

  test('three overdue decisions on one item by one department within ten minutes: one flag naming the three projects', () => {
    const report = detectBackfill([overdue('a', 0), overdue('b', 4), overdue('c', 9), overdue('d', 30)], calendar, T);
    expect(report.flags).toHaveLength(1);
    expect(report.flags[0]!.rule).toBe('overdueBurst');
    expect(report.flags[0]!.decisions.map((d) => d.projectId)).toEqual(['a', 'b', 'c']);
    expect(report.flags[0]!.evidence).toBe(
      '3 decisions on 建设用地规划许可证 by planning within 9 minutes, each after its promised due (threshold 3 within 10 minutes)',
    );
  });

  test('decisions made in time, spread out, or by different departments are not a burst', () => {
    const inTime = (p: string, m: number) => project(p, [decision('land-planning', `2026-03-05T10:0${m}:00+08:00`)]);
    expect(detectBackfill([inTime('a', 0), inTime('b', 1), inTime('c', 2)], calendar, T).flags).toEqual([]);
    expect(detectBackfill([overdue('a', 0), overdue('b', 11), overdue('c', 22)], calendar, T).flags).toEqual([]);
    const other = project('c', [decision('land-planning', '2026-03-16T10:02:00+08:00', {}, 'fire')]);
    expect(detectBackfill([overdue('a', 0), overdue('b', 1), other], calendar, T).flags).toEqual([]);
  });
});

describe('approved with no material opened', () => {
  const file = { id: 'f1', materialId: 'site-plan', uploadedAt: '2026-03-02T12:00:00+08:00' };
  const approval = decision('land-planning', '2026-03-04T10:00:00+08:00');

  test('a file was handed in and the department never opened it before approving: flagged', () => {
    const report = detectBackfill([project('p1', [approval], { files: [file] })], calendar, T);
    expect(report.flags.map((f) => [f.rule, f.itemId, f.evidence])).toEqual([
      ['approvedUnopened', 'land-planning', "approved with none of the item's 1 handed-in file(s) opened by planning"],
    ]);
  });

  test('opened by the department before approving: not flagged; opened after, or by another department: flagged', () => {
    const before = { fileId: 'f1', departmentId: 'planning', openedAt: '2026-03-03T10:00:00+08:00' };
    expect(detectBackfill([project('p1', [approval], { files: [file], opens: [before] })], calendar, T).flags).toEqual([]);
    const after = { ...before, openedAt: '2026-03-05T10:00:00+08:00' };
    const byOther = { ...before, departmentId: 'environment' };
    expect(detectBackfill([project('p1', [approval], { files: [file], opens: [after, byOther] })], calendar, T).byRule.approvedUnopened).toBe(1);
  });

  test("no file for the item's materials, or a rejection: not judged", () => {
    const otherItemsFile = { ...file, materialId: 'eia-report' };
    expect(detectBackfill([project('p1', [approval], { files: [otherItemsFile] })], calendar, T).flags).toEqual([]);
    const rejection = decision('land-planning', '2026-03-04T10:00:00+08:00', { type: 'rejected', reason: 'x' });
    expect(detectBackfill([project('p1', [rejection], { files: [file] })], calendar, T).flags).toEqual([]);
  });
});

test('thresholds: defaults, and the environment overrides them (a bad value names its key)', () => {
  expect(DEFAULT_BACKFILL_THRESHOLDS).toEqual({ statedLagWorkdays: 3, burstMinDecisions: 3, burstWindowMinutes: 10 });
  expect(backfillThresholdsFrom({ APPROVALS_BACKFILL_STATED_LAG_WORKDAYS: '5' }).statedLagWorkdays).toBe(5);
  expect(() => backfillThresholdsFrom({ APPROVALS_BACKFILL_BURST_MIN_DECISIONS: '1' })).toThrow(/burstMinDecisions/);
});
