/**
 * 体外循环 back-fill flags for coordinators (GET /api/supervision/backfill): decisions signed
 * long before they were recorded, bursts of overdue decisions, approvals with no file opened,
 * each with its evidence and links to the projects.
 */
import { Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { BackfillFlag, BackfillReport } from '../api';
import { Async, formatInstant } from '../components/common';
import { useI18n } from '../i18n';
import { useApi } from '../queries';

const RULES = ['signedBeforeRecorded', 'overdueBurst', 'approvedUnopened'] as const;

export function BackfillPage() {
  const { t, lang } = useI18n();
  const state = useApi<BackfillReport>('/api/supervision/backfill');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('backfillTitle')}
        </Typography.Title>
        <Space>
          <Link to="/supervision">{t('navSupervision')}</Link>
          <Button onClick={state.reload} loading={state.loading}>
            {t('refresh')}
          </Button>
        </Space>
      </Space>
      <Async state={state}>
        {(r) => (
          <>
            <Row gutter={16}>
              {RULES.map((rule) => (
                <Col xs={24} md={8} key={rule}>
                  <Card size="small">
                    <Statistic title={t(`backfill_${rule}`)} value={r.byRule[rule] ?? 0} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Typography.Text type="secondary">
              {t('backfillThresholds', {
                lag: r.thresholds.statedLagWorkdays,
                n: r.thresholds.burstMinDecisions,
                minutes: r.thresholds.burstWindowMinutes,
              })}{' '}
              · {t('generatedAt')} {formatInstant(r.generatedAt, lang)}
            </Typography.Text>
            <Table<BackfillFlag>
              rowKey={(f) => `${f.rule}:${f.decisions.map((d) => `${d.projectId}#${d.seq}`).join(',')}`}
              size="small"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              dataSource={r.flags}
              scroll={{ x: 900 }}
              data-testid="backfill-table"
              locale={{ emptyText: t('backfillNone') }}
              columns={[
                { title: t('backfillRule'), dataIndex: 'rule', width: 150, render: (rule: string) => <Tag color="orange">{t(`backfill_${rule}`)}</Tag> },
                { title: t('department'), render: (_, f) => f.departmentName ?? f.departmentId, width: 140 },
                { title: t('backfillItem'), dataIndex: 'itemTitle', width: 180 },
                {
                  title: t('backfillDecisions'),
                  render: (_, f) => (
                    <Space direction="vertical" size={0}>
                      {f.decisions.map((d) => (
                        <span key={`${d.projectId}#${d.seq}`}>
                          <Link to={`/projects/${encodeURIComponent(d.projectId)}`}>{d.projectTitle}</Link> · {formatInstant(d.recordedAt, lang)}
                          {d.signedOn ? ` · ${t('backfillSignedOn')} ${d.signedOn}` : ''}
                        </span>
                      ))}
                    </Space>
                  ),
                },
                { title: t('backfillEvidence'), dataIndex: 'evidence' },
              ]}
            />
          </>
        )}
      </Async>
    </Space>
  );
}
