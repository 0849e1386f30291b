/** The audit timeline of a project (GET /api/projects/:id/history): who, role, when, what, why. */
import { Tag, Timeline, Typography } from 'antd';
import type { HistoryEntry } from '../api';
import { useI18n } from '../i18n';
import { useDefinitions } from '../session';
import { formatInstant } from './common';

const LABELS: Record<string, { zh: string; en: string; colour?: string }> = {
  registered: { zh: '项目登记', en: 'Registered' },
  submitApplication: { zh: '提交申请', en: 'Application submitted' },
  intakeAccepted: { zh: '受理', en: 'Accepted at intake', colour: 'green' },
  intakeAcceptedWithTolerance: { zh: '容缺受理', en: 'Accepted with tolerance', colour: 'green' },
  intakeReturned: { zh: '退回（一次告知）', en: 'Returned', colour: 'orange' },
  intakeDeemedAccepted: { zh: '逾期视为受理', en: 'Deemed accepted', colour: 'green' },
  dispatched: { zh: '派发部门', en: 'Dispatched' },
  approved: { zh: '批准', en: 'Approved', colour: 'green' },
  approvedWithConditions: { zh: '附条件批准', en: 'Approved with conditions', colour: 'green' },
  rejected: { zh: '不予许可', en: 'Rejected', colour: 'red' },
  correctionRequested: { zh: '要求补正', en: 'Correction requested', colour: 'orange' },
  correctionAnswered: { zh: '提交补正', en: 'Correction answered', colour: 'blue' },
  specialProcedureStarted: { zh: '启动特别程序', en: 'Special procedure started', colour: 'purple' },
  specialProcedureEnded: { zh: '结束特别程序', en: 'Special procedure ended', colour: 'purple' },
  specialProcedureElapsed: { zh: '特别程序期满', en: 'Special procedure elapsed', colour: 'purple' },
  extensionGranted: { zh: '批准延期', en: 'Extension granted', colour: 'blue' },
  commitmentOpened: { zh: '容缺承诺开始', en: 'Tolerance commitment opened', colour: 'gold' },
  commitmentExpired: { zh: '容缺承诺过期', en: 'Tolerance commitment expired', colour: 'red' },
  materialSupplied: { zh: '补交材料', en: 'Material supplied', colour: 'blue' },
  materialAccepted: { zh: '确认补交材料', en: 'Supplied material accepted', colour: 'green' },
  materialRefused: { zh: '退回补交材料', en: 'Supplied material refused', colour: 'orange' },
  reviewsDone: { zh: '审查全部完成', en: 'All reviews done', colour: 'green' },
  resultsIssued: { zh: '统一出件', en: 'Results issued', colour: 'green' },
  stageRejected: { zh: '阶段不予许可', en: 'Stage rejected', colour: 'red' },
  withdrawn: { zh: '撤回', en: 'Withdrawn', colour: 'gray' },
  rated: { zh: '评价', en: 'Rated', colour: 'blue' },
  yellowCard: { zh: '黄牌预警', en: 'Yellow card', colour: 'gold' },
  redCard: { zh: '红牌督办', en: 'Red card', colour: 'red' },
  calendarReplaced: { zh: '更新工作日历', en: 'Calendar replaced' },
};

export function History({ entries, definitionId }: { entries: HistoryEntry[]; definitionId: string }) {
  const { t, lang } = useI18n();
  const defs = useDefinitions();
  const who = (h: HistoryEntry) => {
    const role = t(`role_${h.actor.role}`);
    if (h.actor.role === 'department') return `${role} · ${defs.departmentName(h.actor.departmentId)}`;
    if (h.actor.role === 'system') return role;
    return `${role} · ${h.actor.userId}`;
  };
  return (
    <Timeline
      items={[...entries].reverse().map((h) => {
        const label = LABELS[h.type];
        return {
          color: label?.colour ?? 'gray',
          children: (
            <div data-history-type={h.type}>
              <Typography.Text type="secondary">{formatInstant(h.at, lang)}</Typography.Text> <Tag>{label ? label[lang] : h.type}</Tag>
              {h.itemId ? <Typography.Text strong>{defs.itemTitle(definitionId, h.itemId)} </Typography.Text> : null}
              <Typography.Text type="secondary">{who(h)}</Typography.Text>
              <div>{h.summary}</div>
              {h.reason ? (
                <div>
                  {t('why')}：{h.reason}
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
