/**
 * The agent's (代办) home: a switcher of the enterprises whose delegations are in force today
 * (GET /api/delegations/mine), and the projects it may act on for the one chosen. A project opens
 * on the shared project page, where the agent acts as that enterprise.
 */
import { Card, Empty, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { actingForStore, api, type DelegationList, type ProjectSummary } from '../api';
import { Async, CardTag, shanghaiDate } from '../components/common';
import { useI18n } from '../i18n';
import { useApi } from '../queries';

export function AgentHome() {
  const { t } = useI18n();
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
