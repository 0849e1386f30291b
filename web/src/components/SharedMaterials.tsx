/**
 * Issue 16 on the project page: materials the project is not asked for (a park's area-wide
 * assessment, 区域评估; a survey supplied once, 多测合一), each labelled with where it comes
 * from, and the intermediary services (中介服务) with the provider chosen from the directory
 * (中介超市) and the agreed delivery date; the enterprise chooses while it is offered.
 */
import { App, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ProjectDetail, type ProviderList } from '../api';
import { errorText, shanghaiDate } from './common';
import { useI18n } from '../i18n';
import { useApi, useProjectChanged } from '../queries';
import { useTitles } from '../titles';

type TService = NonNullable<ProjectDetail['intermediaries']>[number];

export function SatisfiedMaterials({ project }: { project: ProjectDetail }) {
  const { t } = useI18n();
  const titles = useTitles(project.definition);
  if (!project.satisfied?.length) return null;
  return (
    <Card size="small" title={t('satisfiedMaterials')} data-testid="satisfied-materials">
      <List
        size="small"
        dataSource={project.satisfied}
        renderItem={(s) => (
          <List.Item key={`${s.forStageId}/${s.forMaterialId}`}>
            <Space wrap>
              <span>{titles.material(s.forMaterialId)}</span>
              <Tag color={s.source === 'park' ? 'green' : 'blue'}>
                {s.source === 'park'
                  ? t('satisfiedByPark', { park: s.parkName ?? '', until: s.validUntil ?? '' })
                  : t('satisfiedBySurvey', { date: s.at ? shanghaiDate(s.at) : '' })}
              </Tag>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function IntermediaryServices({ project }: { project: ProjectDetail }) {
  const { t } = useI18n();
  const titles = useTitles(project.definition);
  if (!project.intermediaries?.length) return null;
  const offered = new Set(project.actions.filter((a) => a.type === 'selectIntermediary').map((a) => a.serviceId));
  return (
    <Card size="small" title={t('intermediaries')} data-testid="intermediaries">
      <List
        size="small"
        dataSource={project.intermediaries}
        renderItem={(x) => (
          <List.Item key={x.serviceId}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <strong>{x.title}</strong>
                <Tag>{x.serviceType}</Tag>
                <Typography.Text type="secondary">{t('intermediaryDays', { days: x.days })}</Typography.Text>
                {x.startsInStageId ? <Tag color="purple">{t('intermediaryMovedEarlier', { stage: titles.stage(x.startsInStageId) })}</Tag> : null}
                {x.delivered ? <Tag color="green">{t('deliverableIn')}</Tag> : null}
              </Space>
              <span data-testid={`provider-${x.serviceId}`}>
                {x.provider ? `${t('providerChosen')}：${x.provider.providerName} · ${t('deliveryOn')} ${x.provider.deliveryOn}` : t('providerNotChosen')}
              </span>
              {offered.has(x.serviceId) ? <ChooseProvider project={project} service={x} /> : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function ChooseProvider({ project, service }: { project: ProjectDetail; service: TService }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const changed = useProjectChanged();
  const providers = useApi<ProviderList>(`/api/providers?serviceType=${encodeURIComponent(service.serviceType)}`);
  const [form] = Form.useForm<{ providerId: string; deliveryOn: string }>();
  const [busy, setBusy] = useState(false);
  const choose = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api(`/api/projects/${project.projectId}/events`, { method: 'POST', body: { type: 'selectIntermediary', serviceId: service.serviceId, ...v } });
      await changed(project.projectId);
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="inline" aria-label={`${t('selectProvider')}：${service.title}`} style={{ rowGap: 8 }}>
      <Form.Item name="providerId" label={t('selectProvider')} rules={[{ required: true }]}>
        <Select
          style={{ minWidth: 200 }}
          loading={providers.loading}
          options={(providers.data?.providers ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      <Form.Item name="deliveryOn" label={t('deliveryOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
        <Input placeholder="2027-01-15" />
      </Form.Item>
      <Button type="primary" loading={busy} onClick={() => void choose()}>
        {t('selectProvider')}
      </Button>
    </Form>
  );
}
