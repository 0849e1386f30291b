/**
 * The enterprise directory for coordinators (企业名录, /api/enterprises): search by name or credit
 * code, filter by status (enterprises that asked to be listed wait as pending, first), add an
 * enterprise, edit one, confirm a pending one. Projects are registered only for confirmed ones.
 */
import { App, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, ApiError, type Enterprise, type EnterpriseList, type NewEnterprise } from '../api';
import { Async, errorText, FormSelect, ResponsiveTable } from '../components/common';
import { useI18n } from '../i18n';
import { keyOf, useApi } from '../queries';

const PAGE_SIZE = 20;

export function Enterprises() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [q, setQ] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  // The entry being edited, `new` for a new one, or none.
  const [editing, setEditing] = useState<Enterprise | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const query = useMemo(() => {
    const params = new URLSearchParams({ pageSize: String(PAGE_SIZE), page: String(page) });
    if (q) params.set('q', q);
    if (status) params.set('status', status);
    return `/api/enterprises?${params}`;
  }, [q, status, page]);
  const list = useApi<EnterpriseList>(query);
  const changed = () => client.invalidateQueries({ queryKey: keyOf('/api/enterprises') });

  const confirm = async (e: Enterprise) => {
    setConfirming(e.id);
    try {
      await api(`/api/enterprises/${encodeURIComponent(e.id)}/confirm`, { method: 'POST' });
      message.success(t('enterpriseConfirmed', { name: e.name }));
      await changed();
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setConfirming(null);
    }
  };

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('enterprisesTitle')}</h1>}
      extra={
        <Button type="primary" onClick={() => setEditing('new')} data-testid="add-enterprise">
          {t('addEnterprise')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('searchEnterprise')}
          placeholder={t('searchEnterprise')}
          allowClear
          onSearch={(text) => {
            setPage(1);
            setQ(text.trim() || undefined);
          }}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <FormSelect
          aria-label={t('filterEnterpriseStatus')}
          placeholder={t('filterEnterpriseStatus')}
          allowClear
          style={{ width: 150 }}
          options={['pending', 'confirmed'].map((s) => ({ value: s, label: t(`enterprise_${s}`) }))}
          onChange={(s: string | undefined) => {
            setPage(1);
            setStatus(s);
          }}
        />
      </Space>
      <Async state={list}>
        {(data) => (
          <ResponsiveTable<Enterprise>
            testId="enterprise-directory"
            rowKey={(e) => e.id}
            size="small"
            loading={list.loading}
            dataSource={data.enterprises}
            locale={{ emptyText: t('noData') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            cardTitle={(e) => e.name}
            columns={[
              { title: t('enterpriseName'), dataIndex: 'name' },
              { title: t('creditCode'), dataIndex: 'creditCode', width: 190, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
              { title: t('address'), dataIndex: 'address', ellipsis: true },
              {
                title: t('contacts'),
                dataIndex: 'contacts',
                render: (contacts: Enterprise['contacts']) => contacts.map((c) => `${c.name} ${c.phone}`).join('；'),
              },
              {
                title: t('status'),
                dataIndex: 'status',
                width: 90,
                render: (s: string) => <Tag color={s === 'pending' ? 'gold' : undefined}>{t(`enterprise_${s}`)}</Tag>,
              },
              {
                key: 'actions',
                width: 170,
                render: (_: unknown, e: Enterprise) => (
                  <Space wrap>
                    <Button size="small" onClick={() => setEditing(e)} aria-label={t('editEnterpriseOf', { name: e.name })}>
                      {t('editEnterprise')}
                    </Button>
                    {e.status === 'pending' ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={confirming === e.id}
                        onClick={() => void confirm(e)}
                        aria-label={t('confirmEnterpriseOf', { name: e.name })}
                      >
                        {t('confirmEnterprise')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Async>
      {editing ? (
        <EnterpriseForm
          entry={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={async (e) => {
            message.success(t('enterpriseSaved', { name: e.name }));
            setEditing(null);
            await changed();
          }}
        />
      ) : null}
    </Card>
  );
}

/** A form's field path from an issue's path (`contacts.0.phone` → ['contacts', 0, 'phone']). */
const fieldOf = (path: string) => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Add (no `entry`) or edit an enterprise; the service's refusals land on the fields they name. An enterprise's own
 * request to be listed is an add (the service files it as pending under the account's enterprise).
 */
export function EnterpriseForm({
  entry,
  title,
  onClose,
  onSaved,
}: {
  entry?: Enterprise;
  title?: string;
  onClose: () => void;
  onSaved: (e: Enterprise) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewEnterprise>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    let values: NewEnterprise;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = { ...values, contacts: values.contacts.map((c) => ({ name: c.name, phone: c.phone, ...(c.email ? { email: c.email } : {}) })) };
    setBusy(true);
    setError(null);
    try {
      const saved = entry
        ? await api<Enterprise>(`/api/enterprises/${encodeURIComponent(entry.id)}`, { method: 'PATCH', body })
        : await api<Enterprise>('/api/enterprises', { method: 'POST', body });
      await onSaved(saved);
    } catch (err) {
      const onFields = err instanceof ApiError ? err.issues.filter((i) => i.path) : [];
      if (onFields.length > 0) form.setFields(onFields.map((i) => ({ name: fieldOf(i.path) as never, errors: [i.message] })));
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title ?? (entry ? t('editEnterpriseOf', { name: entry.name }) : t('addEnterprise'))}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      width={640}
    >
      <Form<NewEnterprise>
        form={form}
        layout="vertical"
        name="enterprise"
        initialValues={
          entry ? { name: entry.name, creditCode: entry.creditCode, address: entry.address, contacts: entry.contacts } : { contacts: [{ name: '', phone: '' }] }
        }
      >
        <Form.Item name="name" label={t('enterpriseName')} rules={[{ required: true, whitespace: true, message: t('enterpriseName') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('creditCode')}
          extra={t('creditCodeFormat')}
          rules={[{ required: true, pattern: /^\s*[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}\s*$/, message: t('creditCodeFormat') }]}
        >
          <Input maxLength={20} style={{ fontFamily: 'monospace' }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="address" label={t('address')} rules={[{ required: true, whitespace: true, message: t('address') }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Typography.Title level={5}>{t('contacts')}</Typography.Title>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="end" style={{ width: '100%' }}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('contactName', { n: i + 1 })}
                    rules={[{ required: true, whitespace: true, message: t('contactName', { n: i + 1 }) }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'phone']}
                    label={t('contactPhone', { n: i + 1 })}
                    rules={[{ required: true, whitespace: true, message: t('contactPhone', { n: i + 1 }) }]}
                  >
                    <Input maxLength={24} inputMode="tel" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'email']}
                    label={t('contactEmail', { n: i + 1 })}
                    rules={[{ type: 'email', message: t('contactEmail', { n: i + 1 }) }]}
                  >
                    <Input maxLength={200} inputMode="email" />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Form.Item>
                      <Button onClick={() => remove(field.name)} aria-label={t('removeContact', { n: i + 1 })}>
                        −
                      </Button>
                    </Form.Item>
                  ) : null}
                </Space>
              ))}
              {fields.length < 10 ? (
                <Button onClick={() => add({ name: '', phone: '' })} style={{ marginBottom: 12 }}>
                  {t('addContact')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
        {error ? (
          <Typography.Paragraph type="danger" role="alert">
            {errorText(t, error)}
          </Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}
