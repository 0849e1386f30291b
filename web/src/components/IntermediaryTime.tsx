/**
 * Supervision's intermediary time (中介服务, issue 16): per project and in total, the working days
 * intermediaries took, open and late deliveries; counted apart, never in the government figures.
 */
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { Supervision } from '../api';
import { useI18n } from '../i18n';

type TTime = NonNullable<Supervision['intermediaries']>;
type TProjectTime = TTime['byProject'][number];

export function IntermediaryTime({ time }: { time: TTime }) {
  const { t } = useI18n();
  const services = (p: TProjectTime) =>
    p.services.map((x) => (
      <div key={x.serviceId}>
        {x.title}
        {x.providerName ? ` · ${x.providerName}` : ` · ${t('intermediaryUnselected')}`}
        {x.deliveryOn ? ` · ${t('agreedDelivery', { date: x.deliveryOn })}` : ''}
        {x.late && (
          <Tag color="red" style={{ marginLeft: 4 }}>
            {t('intermediaryLateMark')}
          </Tag>
        )}
      </div>
    ));
  const total = { projectId: '', projectTitle: t('allProjects'), projectCode: null, services: [], ...time.total };
  return (
    <Card size="small" title={t('intermediaryTimeCard')} style={{ marginTop: 16 }}>
      <Table<TProjectTime>
        rowKey={(p) => p.projectId || 'total'}
        size="small"
        pagination={false}
        dataSource={[...time.byProject, total]}
        scroll={{ x: 'max-content' }}
        data-testid="intermediary-time"
        columns={[
          {
            title: t('project'),
            render: (_, p) => (p.projectId ? <Link to={`/projects/${p.projectId}`}>{p.projectTitle}</Link> : <strong>{p.projectTitle}</strong>),
          },
          { title: t('intermediaries'), render: (_, p) => services(p) },
          { title: t('intermediaryServices'), dataIndex: 'count' },
          { title: t('intermediaryWorkdays'), dataIndex: 'workdays' },
          { title: t('intermediaryOpen'), dataIndex: 'open' },
          { title: t('intermediaryLate'), dataIndex: 'late' },
        ]}
      />
    </Card>
  );
}
