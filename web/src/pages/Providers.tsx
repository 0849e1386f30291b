/**
 * The intermediary directory (中介超市, seed 001; /api/providers): providers with their
 * qualifications and service types. Coordinators add and remove them; every role reads it.
 */
import { App, Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Provider, type ProviderList } from '../api';
import { Async, errorText, ResponsiveTable } from '../components/common';
import { useI18n } from '../i18n';
import { keyOf, useApi } from '../queries';
import { useSession } from '../session';

type TNewProvider = { name: string; qualifications: string[]; serviceTypes: string[]; contact?: string };

export function Providers() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const client = useQueryClient();
  const list = useApi<ProviderList>('/api/providers');
  const [form] = Form.useForm<TNewProvider>();
  const [busy, setBusy] = useState(false);
  const coordinator = user?.role === 'coordinator';
  const changed = () => client.invalidateQueries({ queryKey: keyOf('/api/providers') });

  const add = async () => {
    const body = await form.validateFields();
    setBusy(true);
    try {
      await api('/api/providers', { method: 'POST', body });
      message.success(t('providerAdded'));
      form.resetFields();
      await changed();
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (p: Provider) => {
    try {
      await api(`/api/providers/${p.id}`, { method: 'DELETE' });
      await changed();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('providersTitle')}</h1>}>
      {coordinator ? (
        <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} aria-label={t('providerAdd')}>
          <Form.Item name="name" label={t('providerName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="qualifications" label={t('qualifications')} rules={[{ required: true }]}>
            <Select mode="tags" style={{ minWidth: 200 }} open={false} />
          </Form.Item>
          <Form.Item name="serviceTypes" label={t('serviceTypes')} rules={[{ required: true }]}>
            <Select mode="tags" style={{ minWidth: 200 }} open={false} />
          </Form.Item>
          <Form.Item name="contact" label={t('contact')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" onClick={() => void add()} loading={busy}>
            {t('providerAdd')}
          </Button>
        </Form>
      ) : null}
      <Async state={list}>
        {(data) => (
          <ResponsiveTable<Provider>
            testId="providers"
            rowKey={(p) => p.id}
            size="small"
            pagination={false}
            dataSource={data.providers}
            locale={{ emptyText: t('providerNone') }}
            cardTitle={(p) => p.name}
            columns={[
              { title: t('providerName'), dataIndex: 'name' },
              { title: t('qualifications'), dataIndex: 'qualifications', render: (q: string[]) => q.join('；') },
              {
                title: t('serviceTypes'),
                dataIndex: 'serviceTypes',
                render: (s: string[]) => (
                  <Space size={4} wrap>
                    {s.map((x) => (
                      <Tag key={x}>{x}</Tag>
                    ))}
                  </Space>
                ),
              },
              { title: t('contact'), dataIndex: 'contact', render: (c: string | null) => c ?? '—' },
              ...(coordinator
                ? [
                    {
                      title: '',
                      key: 'remove',
                      render: (_: unknown, p: Provider) => (
                        <Button size="small" danger onClick={() => void remove(p)} aria-label={`${t('remove')}：${p.name}`}>
                          {t('remove')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Async>
    </Card>
  );
}
