/**
 * Register a project (帮办登记) for an enterprise picked from the directory (searched by name or
 * credit code; only confirmed entries), with a form driven by the definition's attributes, preview
 * its planned schedule (预排工期, POST /api/definitions/:id/plan) and then confirm it
 * (POST /api/projects).
 */
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type DefinitionDoc, type Plan, type PlannedItem } from '../api';
import { errorText, FormSelect } from '../components/common';
import { EnterprisePicker } from '../components/EnterprisePicker';
import { useI18n } from '../i18n';
import { useDefinitions } from '../session';
import { checkProjectCode } from '../../../service/projects/project-code';

export function Register() {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const defs = useDefinitions();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  // The Wuhan-style three-stage industrial process is the default (DOMAIN.md).
  const fallbackId = defs.list.find((d) => d.id === 'wuhan-industrial')?.id ?? defs.list[0]?.id;
  const definitionId = (Form.useWatch('definitionId', form) as string | undefined) ?? fallbackId;
  const [doc, setDoc] = useState<DefinitionDoc | undefined>(undefined);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'preview' | 'register' | null>(null);

  useEffect(() => {
    if (fallbackId && !form.getFieldValue('definitionId')) form.setFieldValue('definitionId', fallbackId);
  }, [fallbackId, form]);
  useEffect(() => {
    if (!definitionId) return;
    setPlan(null);
    defs.load(definitionId).then(setDoc, setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definitionId]);

  const bodyOf = (v: Record<string, unknown>) => {
    const attributes: Record<string, unknown> = {};
    for (const a of doc?.attributes ?? []) {
      const value = (v.attributes as Record<string, unknown> | undefined)?.[a.key];
      if (value !== undefined && value !== null && value !== '') attributes[a.key] = value;
    }
    const prep = Object.fromEntries(
      Object.entries((v.preparationDays as Record<string, number | null> | undefined) ?? {}).filter(([, d]) => typeof d === 'number'),
    );
    return { attributes, ...(Object.keys(prep).length ? { preparationDays: prep } : {}) };
  };

  /** Validates the form, then runs `fn` with the busy flag and the error shown. */
  const run = async (which: 'preview' | 'register', fn: (v: Record<string, unknown>) => Promise<void>) => {
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(which);
    setError(null);
    try {
      await fn(v);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const preview = () =>
    run('preview', async (v) => {
      setPlan((await api<{ plan: Plan }>(`/api/definitions/${definitionId}/plan`, { method: 'POST', body: bodyOf(v) })).plan);
    });
  const register = () =>
    run('register', async (v) => {
      const r = await api<{ id: string }>('/api/projects', {
        method: 'POST',
        body: {
          title: v.title,
          definitionId,
          enterpriseId: v.enterpriseId,
          ...(typeof v.projectCode === 'string' && v.projectCode.trim() ? { projectCode: v.projectCode.trim() } : {}),
          ...bodyOf(v),
        },
      });
      message.success(t('registered', { id: r.id }));
      navigate(`/projects/${r.id}`);
    });

  return (
    <Row gutter={16}>
      <Col xs={24} xl={9}>
        <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('registerTitle')}</h1>}>
          <Form form={form} layout="vertical" onValuesChange={() => setPlan(null)}>
            <Form.Item name="definitionId" label={t('definition')}>
              <Select options={defs.list.map((d) => ({ value: d.id, label: `${text(d.versions.at(-1)?.title, d.id)} (v${d.latestVersion})` }))} />
            </Form.Item>
            <Form.Item name="title" label={t('title')} rules={[{ required: true, whitespace: true, message: t('title') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="enterpriseId" label={t('enterpriseId')} extra={t('enterpriseNotListed')} rules={[{ required: true, message: t('enterpriseId') }]}>
              <EnterprisePicker testId="enterprise-picker" />
            </Form.Item>
            <Form.Item
              name="projectCode"
              label={t('projectCode')}
              extra={t('projectCodeHint')}
              rules={[
                { required: doc?.requireProjectCode === true, whitespace: true, message: t('projectCode') },
                {
                  // The service's own check (service/projects/project-code.ts), so the part that is wrong is named before sending.
                  validator: async (_, value: string | undefined) => {
                    if (!value?.trim()) return;
                    const checked = checkProjectCode(value);
                    if (!checked.ok) throw new Error(t('projectCodeInvalid', { reason: checked.message }));
                  },
                },
              ]}
            >
              <Input maxLength={30} autoComplete="off" spellCheck={false} data-testid="project-code" />
            </Form.Item>
            <Typography.Title level={5}>{t('attributes')}</Typography.Title>
            {(doc?.attributes ?? []).map((a) => (
              <Form.Item
                key={a.key}
                name={['attributes', a.key]}
                label={`${text(a.label)}${a.unit ? `（${a.unit}）` : ''}`}
                valuePropName={a.type === 'boolean' ? 'checked' : 'value'}
                rules={a.required && a.type !== 'boolean' ? [{ required: true, message: text(a.label) }] : []}
                initialValue={a.type === 'boolean' ? false : undefined}
              >
                {a.type === 'number' ? (
                  <InputNumber style={{ width: '100%' }} min={0} />
                ) : a.type === 'boolean' ? (
                  <Switch />
                ) : a.type === 'select' ? (
                  <FormSelect options={(a.options ?? []).map((o) => ({ value: o, label: o }))} />
                ) : a.type === 'date' ? (
                  <Input type="date" />
                ) : (
                  <Input maxLength={200} />
                )}
              </Form.Item>
            ))}
            <Typography.Title level={5}>{t('preparation')}</Typography.Title>
            <Space wrap>
              {(doc?.stages ?? []).map((s) => (
                <Form.Item key={s.id} name={['preparationDays', s.id]} label={text(s.title)}>
                  <InputNumber min={0} max={500} style={{ width: 110 }} />
                </Form.Item>
              ))}
            </Space>
            {error ? <Alert type="error" role="alert" showIcon style={{ marginBottom: 12 }} message={errorText(t, error)} /> : null}
            <Space>
              <Button onClick={preview} loading={busy === 'preview'}>
                {t('preview')}
              </Button>
              <Button type="primary" onClick={register} loading={busy === 'register'} disabled={!plan}>
                {t('registerConfirm')}
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        {plan ? <PlanView plan={plan} /> : null}
      </Col>
    </Row>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  const defs = useDefinitions();
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('planTitle')}</h2>} data-testid="plan-preview">
      {plan.provisional ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('provisional')} /> : null}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('planStart')}>{plan.start}</Descriptions.Item>
        <Descriptions.Item label={t('planEnd')}>{plan.end}</Descriptions.Item>
        <Descriptions.Item label={t('governmentDays')}>
          {plan.governmentWorkdays} / {plan.totalBudget}{' '}
          <Tag color={plan.withinBudget ? 'green' : 'red'}>{t(plan.withinBudget ? 'withinBudget' : 'overBudget')}</Tag>
        </Descriptions.Item>
      </Descriptions>
      <Table
        style={{ marginTop: 12 }}
        rowKey="stageId"
        size="small"
        pagination={false}
        dataSource={plan.stages}
        columns={[
          { title: t('stage'), dataIndex: 'title' },
          { title: t('department'), dataIndex: 'leadDepartment', render: (d: string) => defs.departmentName(d) },
          { title: t('planStart'), dataIndex: 'opens' },
          { title: t('planEnd'), dataIndex: 'end' },
          { title: t('workdays', { n: '' }).trim(), render: (_, s) => `${s.governmentWorkdays} / ${s.budget}` },
        ]}
      />
      <Table<PlannedItem>
        style={{ marginTop: 12 }}
        rowKey="itemId"
        size="small"
        pagination={false}
        dataSource={plan.items}
        scroll={{ y: 330 }}
        columns={[
          { title: t('item'), dataIndex: 'title' },
          { title: t('department'), dataIndex: 'department', width: 130, render: (d: string) => defs.departmentName(d) },
          { title: t('planStart'), dataIndex: 'start', width: 100 },
          { title: t('promisedDue'), dataIndex: 'due', width: 100 },
          { title: t('legalDue'), dataIndex: 'legalDue', width: 100 },
          { title: t('critical'), dataIndex: 'critical', width: 70, render: (c: boolean) => (c ? <Tag color="red">{t('yes')}</Tag> : t('no')) },
        ]}
      />
    </Card>
  );
}
