/** The coordinator's projects at risk (issue 17): active projects most likely to miss their ceiling first, with the figure. */
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { ForecastRisks } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../queries';
import { Async, CARD_STYLE } from './common';

type Row = ForecastRisks['projects'][number];

export function AtRisk() {
  const { t } = useI18n();
  const risks = useApi<ForecastRisks>('/api/supervision/forecasts?limit=50');
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('atRiskTitle')}</h2>} style={{ marginBottom: 16 }}>
      <Async state={risks}>
        {(r) => (
          <Table<Row>
            rowKey="projectId"
            size="small"
            dataSource={r.projects}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            locale={{ emptyText: t('noData') }}
            data-testid="at-risk"
            columns={[
              { title: t('project'), render: (_, p) => <Link to={`/projects/${p.projectId}`}>{p.title}</Link> },
              {
                title: t('missCeiling'),
                dataIndex: 'missCeiling',
                width: 100,
                render: (m: number) => <Tag style={CARD_STYLE[m >= 0.5 ? 'red' : m >= 0.2 ? 'yellow' : 'green']}>{Math.round(m * 100)}%</Tag>,
              },
              { title: 'P50 / P90', width: 190, render: (_, p) => `${p.finish.p50} / ${p.finish.p90}` },
            ]}
          />
        )}
      </Async>
    </Card>
  );
}
