/**
 * Follow-up cases of bad ratings and complaints (投诉): the list (the coordinator's all, a
 * department's those concerning it, an enterprise's own), and a case's page with its steps,
 * its open step's due date and card, and the steps the caller may take now.
 */
import { App, Button, Card, Descriptions, Input, Space, Tag, Timeline } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type FollowUpCase, type FollowUpCaseList } from '../api';
import { Async, CardTag, errorText, formatInstant, ResponsiveTable } from '../components/common';
import { useI18n } from '../i18n';
import { keyOf, useApi } from '../queries';
import { useSession } from '../session';

/** The steps each state offers, and to whom (the service's statechart decides; this only chooses the buttons). */
const STEPS: Record<string, { type: string; who: 'coordinator' | 'department' }[]> = {
  callBack: [{ type: 'CALL_BACK', who: 'coordinator' }],
  verify: [{ type: 'VERIFY', who: 'coordinator' }],
  remedy: [
    { type: 'CORRECT', who: 'department' },
    { type: 'EXPLAIN', who: 'department' },
    { type: 'APPEAL', who: 'department' },
  ],
  appeal: [
    { type: 'UPHOLD_APPEAL', who: 'coordinator' },
    { type: 'DISMISS_APPEAL', who: 'coordinator' },
  ],
  closing: [{ type: 'CLOSE', who: 'coordinator' }],
};

export function FollowUpCases() {
  const { t } = useI18n();
  const list = useApi<FollowUpCaseList>('/api/follow-up-cases');
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('followUpTitle')}</h1>}>
      <Async state={list}>
        {(data) => (
          <ResponsiveTable<FollowUpCase>
            testId="follow-up-cases"
            rowKey={(c) => c.id}
            size="small"
            pagination={false}
            dataSource={data.cases}
            locale={{ emptyText: t('followUpNone') }}
            cardTitle={(c) => `${t(`followUpKind_${c.kind}`)} · ${c.projectId}`}
            columns={[
              { title: '#', dataIndex: 'id', render: (id: string) => <Link to={`/follow-up/${id}`}>{id}</Link> },
              { title: t('followUpKind'), dataIndex: 'kind', render: (k: string, c) => `${t(`followUpKind_${k}`)}${c.score ? ` ${c.score}/5` : ''}` },
              { title: t('project'), dataIndex: 'projectId', render: (p: string) => <Link to={`/projects/${encodeURIComponent(p)}`}>{p}</Link> },
              { title: t('followUpSubject'), dataIndex: 'subject' },
              { title: t('followUpStep'), dataIndex: 'state', render: (s: string) => t(`followUpState_${s}`) },
              {
                title: t('followUpDue'),
                dataIndex: 'stepDueOn',
                render: (d: string | null, c) =>
                  d ? (
                    <Space>
                      {d}
                      <CardTag card={c.card} />
                    </Space>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </Async>
    </Card>
  );
}

export function FollowUpCasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const path = `/api/follow-up-cases/${encodeURIComponent(id)}`;
  const state = useApi<FollowUpCase>(path);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const take = async (type: string) => {
    setBusy(true);
    try {
      await api(`${path}/steps`, { method: 'POST', body: { type, note: note.trim() || t(`followUpEvent_${type}`) } });
      setNote('');
      await client.invalidateQueries({ queryKey: keyOf('/api/follow-up-cases') });
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Async state={state}>
      {(c) => {
        const mine = (STEPS[c.state] ?? []).filter((s) =>
          s.who === 'department' ? (c.departmentId === null ? user?.role === 'coordinator' : user?.role === 'department') : user?.role === 'coordinator',
        );
        return (
          <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{`${t(`followUpKind_${c.kind}`)} #${c.id}`}</h1>}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('project')}>
                <Link to={`/projects/${encodeURIComponent(c.projectId)}`}>{c.projectId}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('followUpSubject')}>{c.subject}</Descriptions.Item>
              <Descriptions.Item label={t('followUpStep')}>
                <span data-testid="follow-up-state">{t(`followUpState_${c.state}`)}</span>
              </Descriptions.Item>
              {c.stepDueOn ? (
                <Descriptions.Item label={t('followUpDue')}>
                  <Space>
                    {c.stepDueOn}
                    <CardTag card={c.card} />
                  </Space>
                </Descriptions.Item>
              ) : null}
              {c.closedAt ? (
                <Descriptions.Item label={t('followUpClosed')}>
                  <Space>
                    {formatInstant(c.closedAt, lang)}
                    <Tag color={c.closedInTime ? 'green' : 'red'}>{t(c.closedInTime ? 'followUpInTime' : 'followUpLate')}</Tag>
                  </Space>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Timeline
              style={{ marginTop: 16 }}
              items={c.entries.map((e) => ({
                color: e.late ? 'red' : 'green',
                children: `${formatInstant(e.at, lang)} · ${t(`followUpEvent_${e.type}`)} · ${e.by}：${e.note}`,
              }))}
            />
            {mine.length > 0 ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  aria-label={t('followUpNote')}
                  placeholder={t('followUpNote')}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  rows={2}
                />
                <Space wrap>
                  {mine.map((s) => (
                    <Button key={s.type} loading={busy} onClick={() => void take(s.type)} data-testid={`step-${s.type}`}>
                      {t(`followUpEvent_${s.type}`)}
                    </Button>
                  ))}
                </Space>
              </Space>
            ) : null}
          </Card>
        );
      }}
    </Async>
  );
}
