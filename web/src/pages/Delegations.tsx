/**
 * The coordinator's delegations (代办委托): who may act for which enterprise, on which projects and
 * until when; record one as the enterprise asks (to an agent, or to a coordinator's 帮办) and
 * revoke one — revocation holds from the agent's next request.
 */
import { App, Button, Card, DatePicker, Form, Input, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { api, type DelegateList, type Delegation, type DelegationList } from '../api';
import { Async, errorText, formatInstant, FormSelect, ResponsiveTable } from '../components/common';
import { EnterprisePicker } from '../components/EnterprisePicker';
import { useI18n } from '../i18n';
import { keyOf, useApi } from '../queries';

interface TDraftForm {
  agentUsername: string;
  enterpriseId: string;
  projectIds?: string;
  dates: [Dayjs, Dayjs];
}

export function Delegations() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useApi<DelegationList>('/api/delegations');
  const delegates = useApi<DelegateList>('/api/delegations/agents');
  const [form] = Form.useForm<TDraftForm>();
  const [busy, setBusy] = useState(false);
  const reload = () => client.invalidateQueries({ queryKey: keyOf('/api/delegations') });

  const record = async () => {
    const v = await form.validateFields();
    const projectIds = (v.projectIds ?? '')
      .split(/[\s,，]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    setBusy(true);
    try {
      await api('/api/delegations', {
        method: 'POST',
        body: {
          agentUsername: v.agentUsername,
          enterpriseId: v.enterpriseId,
          ...(projectIds.length > 0 ? { projectIds } : {}),
          validFrom: v.dates[0].format('YYYY-MM-DD'),
          validTo: v.dates[1].format('YYYY-MM-DD'),
        },
      });
      message.success(t('delegationRecorded'));
      form.resetFields();
      await reload();
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (d: Delegation) => {
    try {
      await api(`/api/delegations/${d.id}/revoke`, { method: 'POST' });
      message.success(t('delegationRevoked'));
      await reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('delegationsTitle')}</h1>}>
        <Async state={list}>
          {(data) => (
            <ResponsiveTable<Delegation>
              testId="delegations"
              rowKey={(d) => d.id}
              size="small"
              pagination={false}
              dataSource={data.delegations}
              cardTitle={(d) => `${d.agentUsername} → ${d.enterpriseId}`}
              columns={[
                { title: t('delegationAgent'), dataIndex: 'agentUsername' },
                { title: t('enterprise'), dataIndex: 'enterpriseId' },
                { title: t('delegationScope'), key: 'scope', render: (_: unknown, d) => (d.projectIds ? d.projectIds.join('、') : t('delegationAllProjects')) },
                { title: t('delegationDates'), key: 'dates', render: (_: unknown, d) => `${d.validFrom} – ${d.validTo}` },
                {
                  title: t('status'),
                  key: 'status',
                  render: (_: unknown, d) =>
                    d.revokedAt ? (
                      <Tag>{`${t('delegationRevoked')} ${formatInstant(d.revokedAt, lang, false)}`}</Tag>
                    ) : (
                      <Button size="small" danger onClick={() => void revoke(d)} aria-label={`${t('delegationRevoke')}：${d.agentUsername} ${d.enterpriseId}`}>
                        {t('delegationRevoke')}
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </Async>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('delegationRecord')}</h2>}>
        {/* Most delegations run from today for a month; the coordinator changes either end as the enterprise asks. */}
        <Form form={form} layout="vertical" style={{ maxWidth: 520 }} initialValues={{ dates: [dayjs(), dayjs().add(1, 'month')] }}>
          <Form.Item name="agentUsername" label={t('delegationAgent')} rules={[{ required: true }]}>
            <FormSelect
              showSearch
              optionFilterProp="label"
              placeholder={t('delegationPickAgent')}
              loading={delegates.loading}
              options={(delegates.data?.delegates ?? []).map((d) => ({
                value: d.username,
                label: `${d.displayName}（${d.username}${d.role === 'coordinator' ? ` · ${t('delegationHelper')}` : ''}）`,
              }))}
              data-testid="delegation-agent"
            />
          </Form.Item>
          <Form.Item name="enterpriseId" label={t('enterprise')} rules={[{ required: true }]}>
            <EnterprisePicker testId="delegation-enterprise" />
          </Form.Item>
          <Form.Item name="projectIds" label={t('delegationProjects')} extra={t('delegationProjectsHelp')}>
            <Input data-testid="delegation-projects" />
          </Form.Item>
          <Form.Item name="dates" label={t('delegationDates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="delegation-dates" />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void record()} data-testid="delegation-submit">
            {t('delegationRecord')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
