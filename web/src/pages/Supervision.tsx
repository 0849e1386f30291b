/**
 * 电子监察 supervision dashboard (GET /api/supervision): cards per department, early completion
 * rate (提前办结率), working days used vs promised vs legal, projects per stage; CSV export.
 */
import { App, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { Link } from 'react-router';
import type { Stat, Supervision } from '../api';
import { downloadCsv } from '../api';
import { Async, errorText, formatInstant } from '../components/common';
import { IntermediaryTime } from '../components/IntermediaryTime';
import { useApi } from '../queries';
import { useI18n } from '../i18n';
import { useDefinitions } from '../session';
import { useTitles } from '../titles';

const YELLOW = '#d48806';
const RED = '#cf1322';

export function SupervisionPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const defs = useDefinitions();
  const state = useApi<Supervision>('/api/supervision');
  const titles = useTitles();
  const exportCsv = () =>
    downloadCsv('/api/supervision?format=csv', `supervision-${new Date().toISOString().slice(0, 10)}.csv`).catch((e: unknown) =>
      message.error(errorText(t, e)),
    );
  const stageTitle = (id: string) => {
    for (const d of defs.list) for (const s of d.versions.at(-1)?.stages ?? []) if (s.id === id) return lang === 'zh' ? s.title.zh : s.title.en;
    return id;
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('supervisionTitle')}
        </Typography.Title>
        <Space>
          <Button onClick={state.reload} loading={state.loading}>
            {t('refresh')}
          </Button>
          <Button type="primary" onClick={exportCsv}>
            {t('exportCsv')}
          </Button>
        </Space>
      </Space>
      <Async state={state}>
        {(s) => {
          const deps = s.byDepartment.map((d) => defs.departmentName(d.key));
          const pct = (d: Stat) => (d.earlyCompletionRate === null ? null : Math.round(d.earlyCompletionRate * 1000) / 10);
          const totals = s.byDepartment.reduce(
            (a, d) => ({ completed: a.completed + d.completed, early: a.early + d.early, yellow: a.yellow + d.yellowCards, red: a.red + d.redCards }),
            { completed: 0, early: 0, yellow: 0, red: 0 },
          );
          return (
            <>
              <Row gutter={16}>
                <Col span={6}>
                  <Card size="small">
                    <Statistic title={t('totalProjects')} value={s.projects.total} />
                  </Card>
                </Col>
                <Col span={6}>
                  <Card size="small">
                    <Statistic
                      title={t('earlyRate')}
                      value={totals.completed ? Math.round((totals.early / totals.completed) * 1000) / 10 : '—'}
                      suffix={totals.completed ? '%' : ''}
                    />
                  </Card>
                </Col>
                <Col span={6}>
                  <Card size="small" data-testid="card-totals">
                    <Statistic title={`${t('yellowCards')} / ${t('redCards')}`} value={`${totals.yellow} / ${totals.red}`} />
                  </Card>
                </Col>
                <Col span={6}>
                  <Card size="small">
                    <Statistic title={t('ratingAverage')} value={s.ratings.average ?? '—'} precision={s.ratings.average === null ? undefined : 1} />
                  </Card>
                </Col>
              </Row>
              {s.backfill && (
                <Card size="small" data-testid="card-backfill">
                  <Space size="large" wrap>
                    <Statistic title={t('backfillCard')} value={s.backfill.total} />
                    {(['signedBeforeRecorded', 'overdueBurst', 'approvedUnopened'] as const).map((rule) => (
                      <Statistic key={rule} title={t(`backfill_${rule}`)} value={s.backfill!.byRule[rule] ?? 0} />
                    ))}
                    <Link to="/supervision/backfill">{t('backfillTitle')}</Link>
                  </Space>
                </Card>
              )}
              <Row gutter={16}>
                <Col xs={24} lg={12}>
                  <Card size="small" title={t('cardsByDepartment')}>
                    <ReactECharts
                      style={{ height: 260 }}
                      notMerge
                      option={{
                        animation: false,
                        aria: { enabled: true },
                        tooltip: { trigger: 'axis' },
                        legend: { top: 0 },
                        grid: { left: 110, right: 16, top: 30, bottom: 24 },
                        xAxis: { type: 'value', minInterval: 1 },
                        yAxis: { type: 'category', data: deps },
                        series: [
                          { name: t('yellowCards'), type: 'bar', stack: 'cards', itemStyle: { color: YELLOW }, data: s.byDepartment.map((d) => d.yellowCards) },
                          {
                            name: t('redCards'),
                            type: 'bar',
                            stack: 'cards',
                            itemStyle: { color: RED, decal: { symbol: 'rect' } },
                            data: s.byDepartment.map((d) => d.redCards),
                          },
                        ],
                      }}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={12}>
                  <Card size="small" title={t('earlyRate')}>
                    <ReactECharts
                      style={{ height: 260 }}
                      notMerge
                      option={{
                        animation: false,
                        aria: { enabled: true },
                        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
                        grid: { left: 110, right: 16, top: 16, bottom: 24 },
                        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                        yAxis: { type: 'category', data: deps },
                        series: [
                          {
                            name: t('earlyRate'),
                            type: 'bar',
                            itemStyle: { color: '#389e0d' },
                            label: { show: true, position: 'right', formatter: '{c}%' },
                            data: s.byDepartment.map(pct),
                          },
                        ],
                      }}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={16}>
                  <Card size="small" title={t('daysUsed')}>
                    <ReactECharts
                      style={{ height: 300 }}
                      notMerge
                      option={{
                        animation: false,
                        aria: { enabled: true },
                        tooltip: { trigger: 'axis' },
                        legend: { top: 0 },
                        grid: { left: 48, right: 16, top: 30, bottom: 70 },
                        xAxis: {
                          type: 'category',
                          data: s.byItem.map((i) => titles.item(i.key, i.title)),
                          axisLabel: { rotate: 30, interval: 0, width: 90, overflow: 'truncate' },
                        },
                        yAxis: { type: 'value', name: t('workdays', { n: '' }).trim() },
                        series: [
                          { name: t('avgUsed'), type: 'bar', itemStyle: { color: '#1f5fbf' }, data: s.byItem.map((i) => i.avgWorkdaysUsed) },
                          { name: t('avgPromised'), type: 'bar', itemStyle: { color: '#91caff' }, data: s.byItem.map((i) => i.avgPromisedLimit) },
                          { name: t('avgLegal'), type: 'bar', itemStyle: { color: '#bfbfbf' }, data: s.byItem.map((i) => i.avgLegalLimit) },
                        ],
                      }}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={8}>
                  <Card size="small" title={t('projectsByStage')}>
                    <ReactECharts
                      style={{ height: 300 }}
                      notMerge
                      option={{
                        animation: false,
                        aria: { enabled: true },
                        tooltip: { trigger: 'item' },
                        legend: { bottom: 0 },
                        series: [
                          {
                            type: 'pie',
                            radius: ['35%', '65%'],
                            label: { formatter: '{b}: {c}' },
                            data: Object.entries(s.projects.byStage).map(([k, v]) => ({ name: stageTitle(k), value: v })),
                          },
                        ],
                      }}
                    />
                  </Card>
                </Col>
              </Row>
              <Card size="small" title={`${t('department')} · ${t('generatedAt')} ${formatInstant(s.generatedAt, lang)}`}>
                <Table<Stat>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={s.byDepartment}
                  scroll={{ x: 'max-content' }}
                  data-testid="supervision-table"
                  columns={[
                    { title: t('department'), dataIndex: 'key', render: (k: string) => defs.departmentName(k) },
                    { title: t('dispatched'), dataIndex: 'dispatched' },
                    { title: t('completed'), dataIndex: 'completed' },
                    { title: t('early'), dataIndex: 'early' },
                    { title: t('earlyRate'), render: (_, d) => (pct(d) === null ? '—' : `${pct(d)}%`) },
                    { title: t('warningCards'), dataIndex: 'warningCards' },
                    { title: t('yellowCards'), dataIndex: 'yellowCards' },
                    { title: t('redCards'), dataIndex: 'redCards' },
                    { title: t('violationCards'), render: (_, d) => `${d.violationYellowCards} / ${d.violationRedCards}` },
                    { title: t('reminders'), dataIndex: 'reminders' },
                    { title: t('supervisionOrders'), dataIndex: 'supervisionOrders' },
                    { title: t('avgUsed'), dataIndex: 'avgWorkdaysUsed' },
                    { title: t('avgPromised'), dataIndex: 'avgPromisedLimit' },
                    { title: t('avgLegal'), dataIndex: 'avgLegalLimit' },
                  ]}
                />
              </Card>
              <Card size="small" title={t('openSupervisionOrders')} style={{ marginTop: 16 }}>
                <Table<Supervision['openSupervisionOrders'][number]>
                  rowKey={(o) => `${o.projectId}|${o.itemId}`}
                  size="small"
                  pagination={false}
                  dataSource={s.openSupervisionOrders}
                  scroll={{ x: 'max-content' }}
                  data-testid="open-supervision-orders"
                  columns={[
                    { title: t('project'), render: (_, o) => <Link to={`/projects/${o.projectId}`}>{o.projectTitle}</Link> },
                    { title: t('item'), render: (_, o) => titles.item(o.itemId, o.title) },
                    { title: t('department'), dataIndex: 'departmentId', render: (k: string) => defs.departmentName(k) },
                    {
                      title: t('supervisionDeadline'),
                      render: (_, o) => `${formatInstant(o.deadlineAt, lang)}${o.overdue ? ` · ${t('supervisionOverdue')}` : ''}`,
                    },
                  ]}
                />
              </Card>
              {s.intermediaries && <IntermediaryTime time={s.intermediaries} />}
              <Card size="small" title={t('enterprise')} style={{ marginTop: 16 }}>
                <Table<Stat>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={s.byEnterprise}
                  scroll={{ x: 720 }}
                  data-testid="supervision-enterprises"
                  columns={[
                    // The directory's name; the key is the enterprise's credit code.
                    { title: t('enterpriseName'), dataIndex: 'title' },
                    { title: t('creditCode'), dataIndex: 'key', width: 190 },
                    { title: t('dispatched'), dataIndex: 'dispatched' },
                    { title: t('completed'), dataIndex: 'completed' },
                    { title: t('earlyRate'), render: (_, d) => (pct(d) === null ? '—' : `${pct(d)}%`) },
                    { title: t('yellowCards'), dataIndex: 'yellowCards' },
                    { title: t('redCards'), dataIndex: 'redCards' },
                    { title: t('avgUsed'), dataIndex: 'avgWorkdaysUsed' },
                  ]}
                />
              </Card>
            </>
          );
        }}
      </Async>
    </Space>
  );
}
