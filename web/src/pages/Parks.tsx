/**
 * Parks and their area-wide assessments (区域评估; /api/parks): type, scope and validity. A
 * coordinator adds parks and registers results; a project registered in a park is not asked
 * for the materials a valid assessment covers.
 */
import { App, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, type Park, type ParkList } from '../api';
import { Async, errorText } from '../components/common';
import { useI18n } from '../i18n';
import { keyOf, useApi } from '../queries';
import { useSession } from '../session';

const TYPES = ['environment', 'energy', 'geological-hazards', 'earthquake-safety', 'water', 'cultural-relics'] as const;
type TAssessment = Park['assessments'][number];

export function Parks() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const client = useQueryClient();
  const list = useApi<ParkList>('/api/parks');
  const [parkForm] = Form.useForm<{ id: string; name: string }>();
  const [assessmentForm] = Form.useForm<{ parkId: string; type: string; scope: string; validFrom: string; validUntil: string }>();
  const coordinator = user?.role === 'coordinator';

  const send = async (path: string, body: unknown, done: string, reset: () => void) => {
    try {
      await api(path, { method: 'POST', body });
      message.success(done);
      reset();
      await client.invalidateQueries({ queryKey: keyOf('/api/parks') });
    } catch (err) {
      message.error(errorText(t, err));
    }
  };
  const addPark = async () => send('/api/parks', await parkForm.validateFields(), t('parkAdd'), () => parkForm.resetFields());
  const addAssessment = async () => {
    const { parkId, ...body } = await assessmentForm.validateFields();
    await send(`/api/parks/${encodeURIComponent(parkId)}/assessments`, body, t('assessmentAdded'), () => assessmentForm.resetFields());
  };
  const date = [{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }];

  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('parksTitle')}</h1>}>
      <Async state={list}>
        {(data) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {coordinator ? (
              <>
                <Form form={parkForm} layout="inline" aria-label={t('parkAdd')} style={{ rowGap: 8 }}>
                  <Form.Item name="id" label={t('parkId')} rules={[{ required: true, pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, message: 'optics-valley' }]}>
                    <Input maxLength={64} />
                  </Form.Item>
                  <Form.Item name="name" label={t('parkName')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Button onClick={() => void addPark()}>{t('parkAdd')}</Button>
                </Form>
                <Form form={assessmentForm} layout="inline" aria-label={t('assessmentAdd')} style={{ rowGap: 8 }}>
                  <Form.Item name="parkId" label={t('parkName')} rules={[{ required: true }]}>
                    <Select style={{ minWidth: 160 }} options={data.parks.map((p) => ({ value: p.id, label: p.name }))} />
                  </Form.Item>
                  <Form.Item name="type" label={t('assessmentType')} rules={[{ required: true }]}>
                    <Select style={{ minWidth: 160 }} options={TYPES.map((x) => ({ value: x, label: t(`assessment_${x}`) }))} />
                  </Form.Item>
                  <Form.Item name="scope" label={t('assessmentScope')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={2000} />
                  </Form.Item>
                  <Form.Item name="validFrom" label={t('validFrom')} rules={date}>
                    <Input placeholder="2026-01-01" />
                  </Form.Item>
                  <Form.Item name="validUntil" label={t('validUntil')} rules={date}>
                    <Input placeholder="2028-12-31" />
                  </Form.Item>
                  <Button type="primary" onClick={() => void addAssessment()}>
                    {t('assessmentAdd')}
                  </Button>
                </Form>
              </>
            ) : null}
            {data.parks.length === 0 ? <Typography.Text type="secondary">{t('parkNone')}</Typography.Text> : null}
            {data.parks.map((park) => (
              <Card key={park.id} size="small" title={`${park.name}（${park.id}）`} data-testid={`park-${park.id}`}>
                <Table<TAssessment>
                  rowKey={(a) => a.id}
                  size="small"
                  pagination={false}
                  dataSource={park.assessments}
                  columns={[
                    { title: t('assessmentType'), dataIndex: 'type', render: (x: string) => t(`assessment_${x}`) },
                    { title: t('assessmentScope'), dataIndex: 'scope' },
                    { title: t('validFrom'), dataIndex: 'validFrom' },
                    { title: t('validUntil'), dataIndex: 'validUntil' },
                  ]}
                />
              </Card>
            ))}
          </Space>
        )}
      </Async>
    </Card>
  );
}
