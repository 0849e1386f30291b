/**
 * A department's inbox: its pending reviews across projects, most urgent first (GET /api/tasks); a table, or cards on a phone.
 * Three tabs (issue 15): the user's own tasks, the department's unassigned ones and colleagues' tasks, each row with
 * its hand-over buttons (claim, assign, transfer, release: components/TaskAssignment.tsx).
 */
import { Button, Card, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Task } from '../api';
import { Async, CardTag, formatInstant, ResponsiveTable, usePhone } from '../components/common';
import { type InboxTab, TaskHandovers } from '../components/TaskAssignment';
import { useColleagueNames } from '../components/SignoffRound';
import { useApi } from '../queries';
import { statusLabel, useI18n } from '../i18n';
import { useDefinitions, useSession } from '../session';
import { useTitles } from '../titles';

const PAGE_SIZE = 15;
const INBOX_TABS: readonly InboxTab[] = ['mine', 'unassigned', 'others'];
const TAB_LABEL = { mine: 'inboxTabMine', unassigned: 'inboxTabUnassigned', others: 'inboxTabOthers' } as const;

export function Inbox() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const phone = usePhone();
  const defs = useDefinitions();
  const titles = useTitles();
  // Paged by the service (the inbox can hold thousands of tasks): the table asks for the page shown.
  const [page, setPage] = useState(1);
  // New work arrives in the department's pool, so the inbox opens there.
  const [tab, setTab] = useState<InboxTab>('unassigned');
  const tasks = useApi<{ tasks: Task[]; total: number }>(`/api/tasks?pageSize=${PAGE_SIZE}&page=${page}&tab=${tab}`);
  const who = useColleagueNames();
  return (
    <Card
      styles={phone ? { body: { padding: 8 } } : undefined}
      title={
        <h1 style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>
          {t('inboxTitle')} · {defs.departmentName(user?.departmentId)}
        </h1>
      }
      extra={
        <Button onClick={tasks.reload} loading={tasks.loading}>
          {t('refresh')}
        </Button>
      }
    >
      <Segmented<InboxTab>
        data-testid="inbox-tabs"
        style={{ marginBottom: 12 }}
        value={tab}
        onChange={(v) => {
          setTab(v);
          setPage(1);
        }}
        options={INBOX_TABS.map((value) => ({ value, label: t(TAB_LABEL[value]) }))}
      />
      <Async state={tasks}>
        {(data) => (
          // In the service's order, most urgent first.
          <ResponsiveTable<Task>
            rowKey={(k) => `${k.projectId}|${k.itemId}|${k.materialId}|${k.kind}`}
            cardTitle={(k) => titles.task(k)}
            size="middle"
            dataSource={data.tasks}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage }}
            locale={{ emptyText: t('noData') }}
            scroll={{ x: 1280 }}
            testId="inbox"
            columns={[
              { title: t('cardLabel'), dataIndex: 'card', width: 120, render: (c: string | null, k) => <CardTag card={c} paused={k.paused} /> },
              {
                title: t('remaining'),
                dataIndex: 'remainingWorkdays',
                width: 90,
                render: (n: number | null) => (n === null ? '—' : <Typography.Text strong>{n}</Typography.Text>),
              },
              { title: t('item'), dataIndex: 'title', render: (_: string, k) => titles.task(k) },
              { title: t('project'), dataIndex: 'projectTitle' },
              { title: t('projectCode'), dataIndex: 'projectCode', width: 210, render: (c: string | null) => c ?? '—' },
              { title: t('enterprise'), dataIndex: 'enterpriseName', render: (n: string | null) => n ?? '—' },
              { title: t('status'), dataIndex: 'status', width: 100, render: (s: string | null) => statusLabel(t, s) },
              { title: t('kind'), dataIndex: 'kind', width: 120, render: (k: string) => <Tag>{t(`action_${k}`)}</Tag> },
              { title: t('promisedDue'), dataIndex: 'dueAt', width: 140, render: (d: string | null) => formatInstant(d, lang) },
              {
                title: t('assignee'),
                dataIndex: 'assignee',
                width: 140,
                render: (a: string | undefined) => (a ? who(a) : '—'),
              },
              {
                title: t('handover'),
                width: 170,
                render: (_, k) => <TaskHandovers task={k} tab={tab} title={titles.task(k)} onDone={tasks.reload} />,
              },
              {
                title: '',
                width: 90,
                render: (_, k) => (
                  <Link
                    to={`/projects/${k.projectId}${k.itemId ? `?item=${encodeURIComponent(k.itemId)}` : ''}`}
                    aria-label={`${t('openReview')}：${titles.task(k)}（${k.projectTitle}）`}
                  >
                    {t('openReview')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Async>
    </Card>
  );
}
