/**
 * The agent's (代办) home: a switcher of the enterprises whose delegations are in force today
 * (GET /api/delegations/mine), the delegated projects' tasks (its inbox, GET /api/tasks) and the
 * projects it may act on for the one chosen. A project opens on the shared project page, where
 * the agent acts as that enterprise.
 */
import { Card, Empty, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { actingForStore, api, type DelegationList, type ProjectSummary, type Task } from '../api';
import { Async, CardTag, formatInstant, shanghaiDate } from '../components/common';
import { useI18n } from '../i18n';
import { useApi } from '../queries';

export function AgentHome() {
  const { t, lang } = useI18n();
  const mine = useApi<DelegationList>('/api/delegations/mine');
  const today = shanghaiDate(new Date());
  const inForce = (mine.data?.delegations ?? []).filter((d) => !d.revokedAt && d.validFrom <= today && today <= d.validTo);
  const enterprises = [...new Set(inForce.map((d) => d.enterpriseId))];
  const [chosen, setChosen] = useState<string | null>(() => actingForStore.get());
  const enterpriseId = chosen !== null && enterprises.includes(chosen) ? chosen : (enterprises[0] ?? null);
  if (enterpriseId) actingForStore.set(enterpriseId);
  const projects = useQuery({
    // Keyed by the enterprise: the same path lists another enterprise's projects after a switch.
    queryKey: ['agent-projects', enterpriseId],
    queryFn: () => api<{ projects: ProjectSummary[] }>('/api/projects?pageSize=100'),
    enabled: enterpriseId !== null,
  });
  const tasks = useQuery({
    queryKey: ['agent-tasks', enterpriseId],
    queryFn: () => api<{ tasks: Task[] }>('/api/tasks?pageSize=100'),
    enabled: enterpriseId !== null,
  });

  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('agentTitle')}</h1>}>
      <Async state={mine}>
        {() =>
          enterprises.length === 0 ? (
            <Empty description={t('agentNoDelegation')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text id="acting-for-label">{t('agentActingFor')}</Typography.Text>
                <Select
                  aria-labelledby="acting-for-label"
                  data-testid="acting-for"
                  style={{ minWidth: 240 }}
                  value={enterpriseId}
                  onChange={(v: string) => {
                    actingForStore.set(v);
                    setChosen(v);
                  }}
                  options={enterprises.map((e) => ({ value: e, label: e }))}
                />
              </Space>
              <Typography.Text type="secondary">{t('agentRecorded')}</Typography.Text>
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('agentInbox')}
              </Typography.Title>
              {tasks.data ? (
                tasks.data.tasks.length === 0 ? (
                  <Typography.Text type="secondary">{t('agentInboxEmpty')}</Typography.Text>
                ) : (
                  <ul data-testid="agent-tasks">
                    {tasks.data.tasks.map((task) => (
                      <li key={`${task.projectId}|${task.kind}|${task.stageId ?? ''}|${task.itemId ?? ''}|${task.materialId ?? ''}`}>
                        <Link to={`/projects/${encodeURIComponent(task.projectId)}`}>{task.projectTitle}</Link>: {task.title}
                        {task.dueAt ? ` · ${formatInstant(task.dueAt, lang)}` : ''} {task.card ? <CardTag card={task.card} /> : null}
                      </li>
                    ))}
                  </ul>
                )
              ) : null}
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('agentTitle')}
              </Typography.Title>
              {projects.data ? (
                <ul data-testid="agent-projects">
                  {projects.data.projects.map((p) => (
                    <li key={p.id}>
                      <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.title}</Link> <CardTag card={p.worstCard} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </Space>
          )
        }
      </Async>
    </Card>
  );
}
