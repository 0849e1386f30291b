/** The audit timeline of a project (GET /api/projects/:id/history): who, role, when, what, why. */
import { Tag, Timeline, Tooltip, Typography } from 'antd';
import type { HistoryEntry } from '../api';
import { useI18n } from '../i18n';
import { useDefinitions } from '../session';
import { useTitles } from '../titles';
import { formatInstant } from './common';

/** Timeline colour per engine history `type`; labels are the `history_<type>` messages in i18n.tsx. */
const COLOURS: Record<string, string> = {
  intakeAccepted: 'green',
  intakeAcceptedWithTolerance: 'green',
  intakeReturned: 'orange',
  intakeDeemedAccepted: 'green',
  approved: 'green',
  approvedWithConditions: 'green',
  rejected: 'red',
  correctionRequested: 'orange',
  correctionAnswered: 'blue',
  specialProcedureStarted: 'purple',
  specialProcedureEnded: 'purple',
  specialProcedureElapsed: 'purple',
  extensionGranted: 'blue',
  commitmentOpened: 'gold',
  commitmentExpired: 'red',
  materialSupplied: 'blue',
  materialAccepted: 'green',
  materialRefused: 'orange',
  reviewsDone: 'green',
  resultsIssued: 'green',
  stageRejected: 'red',
  withdrawn: 'gray',
  rated: 'blue',
  yellowCard: 'gold',
  redCard: 'red',
  postCheckYellowCard: 'gold',
  postCheckOverdue: 'red',
  deliveryYellowCard: 'gold',
  deliveryRedCard: 'red',
};

export function History({ entries, definition }: { entries: HistoryEntry[]; definition: { id: string; version?: number } }) {
  const { t, lang } = useI18n();
  const defs = useDefinitions();
  const titles = useTitles(definition);
  const label = (type: string) => {
    const key = `history_${type}`;
    const s = t(key);
    return s === key ? type : s;
  };
  // Who acted, by name (the service adds the user's display name and the department's); an id only if the user is gone.
  const who = (h: HistoryEntry) => {
    const role = t(`role_${h.actor.role}`);
    if (h.actor.role === 'system') return role;
    const person = h.actorName ?? h.actor.userId;
    if (h.actor.role === 'department') {
      const department = h.departmentName ?? defs.departmentName(h.actor.departmentId);
      return person === department ? `${role} · ${department}` : `${role} · ${department} · ${person}`;
    }
    // An agent's decision (代办): "agent X for enterprise Y".
    if (h.actor.role === 'enterprise' && h.actor.onBehalfOf) return t('agentFor', { agent: person, enterprise: h.actor.onBehalfOf });
    return `${role} · ${person}`;
  };
  return (
    <Timeline
      items={[...entries].reverse().map((h) => {
        const subject = [h.stageId ? titles.stage(h.stageId) : null, h.itemId ? titles.item(h.itemId) : null].filter(Boolean).join(' · ');
        const tag = <Tag>{label(h.type)}</Tag>;
        return {
          color: COLOURS[h.type] ?? 'gray',
          children: (
            <div data-history-type={h.type}>
              <Typography.Text type="secondary">{formatInstant(h.at, lang)}</Typography.Text>{' '}
              {lang === 'zh' ? (
                <Tooltip title={h.summary}>
                  <span data-testid="history-label">{tag}</span>
                </Tooltip>
              ) : (
                <span data-testid="history-label">{tag}</span>
              )}
              {subject ? <Typography.Text strong>{subject} </Typography.Text> : null}
              <Typography.Text type="secondary">{who(h)}</Typography.Text>
              {h.reason ? (
                <div>
                  {t('why')}
                  {lang === 'zh' ? '：' : ': '}
                  {h.reason}
                </div>
              ) : null}
              {lang === 'en' ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="history-summary">
                    {h.summary}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
