/**
 * 告知承诺 credit records (/api/credit-records): a promise found false, against the enterprise.
 * Coordinators see every record and clear one with a reason (the enterprise may then sign
 * promises again); an enterprise sees its own.
 */
import { App, Button, Card, Form, Input, Modal, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type CreditRecord, type CreditRecordList } from '../api';
import { Async, errorText, formatInstant, ResponsiveTable } from '../components/common';
import { useI18n } from '../i18n';
import { keyOf, useApi } from '../queries';
import { useSession } from '../session';

export function CreditRecords() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const client = useQueryClient();
  const list = useApi<CreditRecordList>('/api/credit-records');
  const [clearing, setClearing] = useState<CreditRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const coordinator = user?.role === 'coordinator';

  const clear = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await api(`/api/credit-records/${clearing!.id}/clear`, { method: 'POST', body: { reason } });
      message.success(t('creditCleared'));
      setClearing(null);
      await client.invalidateQueries({ queryKey: keyOf('/api/credit-records') });
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('creditRecordsTitle')}</h1>}>
      <Typography.Paragraph type="secondary">{t('promiseHelp')}</Typography.Paragraph>
      <Async state={list}>
        {(data) => (
          <ResponsiveTable<CreditRecord>
            testId="credit-records"
            rowKey={(r) => r.id}
            size="small"
            pagination={false}
            dataSource={data.records}
            locale={{ emptyText: t('creditNone') }}
            cardTitle={(r) => `${r.enterpriseId} · ${r.itemId}`}
            columns={[
              { title: t('enterprise'), dataIndex: 'enterpriseId', render: (e: string, r) => `${e}${r.creditCode ? ` (${r.creditCode})` : ''}` },
              { title: t('project'), dataIndex: 'projectId', render: (p: string) => <Link to={`/projects/${encodeURIComponent(p)}`}>{p}</Link> },
              { title: t('item'), dataIndex: 'itemId' },
              { title: t('reason'), dataIndex: 'reason' },
              { title: t('creditRecordedAt'), dataIndex: 'recordedAt', render: (d: string) => formatInstant(d, lang, false) },
              {
                title: t('status'),
                key: 'status',
                render: (_: unknown, r) =>
                  r.clearedAt ? (
                    <Tag>{`${t('creditCleared')} ${formatInstant(r.clearedAt, lang, false)}：${r.clearReason ?? ''}`}</Tag>
                  ) : coordinator ? (
                    <Button size="small" danger onClick={() => setClearing(r)} aria-label={`${t('creditClear')}：${r.enterpriseId} ${r.itemId}`}>
                      {t('creditClear')}
                    </Button>
                  ) : (
                    <Tag color="red">{t('status_false')}</Tag>
                  ),
              },
            ]}
          />
        )}
      </Async>
      {clearing ? (
        <Modal
          open
          title={`${t('creditClear')} · ${clearing.enterpriseId}`}
          onCancel={() => setClearing(null)}
          closable={{ 'aria-label': t('close') }}
          onOk={() => void clear()}
          okText={t('confirm')}
          cancelText={t('cancel')}
          confirmLoading={busy}
          destroyOnClose
        >
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t('creditClearReason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </Card>
  );
}
