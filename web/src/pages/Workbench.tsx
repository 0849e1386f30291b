/**
 * Coordinator workbench (帮办中心): every project with filters and search, and the queue of
 * what waits for the centre — intakes, results to issue, red cards, expired tolerance
 * commitments (统一督办) and bad ratings to follow up (好差评).
 */
import { Button, Card, Col, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ProjectSummary, Supervision, Task } from '../api';
import { AtRisk } from '../components/AtRisk';
import { Async, CardTag, formatInstant } from '../components/common';
import { useApi } from '../queries';
import { statusLabel, useI18n } from '../i18n';
import { useDefinitions } from '../session';

const PAGE_SIZE = 20;

export function Workbench() {
  const { t, lang } = useI18n();
  const defs = useDefinitions();
  const [filter, setFilter] = useState<{ stage?: string; status?: string; card?: string; department?: string; text?: string }>({});
  // The service pages by token (newest first): the pages visited are a stack of their tokens.
  const [pages, setPages] = useState<string[]>([]);
  const changeFilter = (change: (f: typeof filter) => typeof filter) => {
    setPages([]);
    setFilter(change);
  };
  const query = useMemo(() => {
    const q = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
    for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
    const token = pages.at(-1);
    if (token) q.set('pageToken', token);
    return `/api/projects?${q}`;
  }, [filter, pages]);
  const projects = useApi<{ projects: ProjectSummary[]; total: number; nextPageToken?: string }>(query);
  const tasks = useApi<{ tasks: Task[] }>('/api/tasks');
  const supervision = useApi<Supervision>('/api/supervision');

  const stageOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const d of defs.list) for (const s of d.versions.at(-1)?.stages ?? []) seen.set(s.id, lang === 'zh' ? s.title.zh : s.title.en);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [defs.list, lang]);
  const departmentOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const d of defs.list) for (const dep of d.versions.at(-1)?.departments ?? []) seen.set(dep.id, lang === 'zh' ? dep.name.zh : dep.name.en);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [defs.list, lang]);
  const stageName = (id: string) => stageOptions.find((s) => s.value === id)?.label ?? id;

  const queue = (tasks.data?.tasks ?? []).filter((k) =>
    ['decideIntake', 'issueResults', 'redCard', 'expiredCommitment', 'acceptSuppliedMaterial'].includes(k.kind),
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card
            title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('projects')}</h1>}
            extra={
              <Button onClick={projects.reload} loading={projects.loading}>
                {t('refresh')}
              </Button>
            }
          >
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search
                aria-label={t('search')}
                placeholder={t('search')}
                allowClear
                onSearch={(text) => changeFilter((f) => ({ ...f, text: text.trim() || undefined }))}
                style={{ width: 200 }}
              />
              <Select
                aria-label={t('filterStage')}
                placeholder={t('filterStage')}
                allowClear
                style={{ width: 130 }}
                options={stageOptions}
                onChange={(stage) => changeFilter((f) => ({ ...f, stage }))}
              />
              <Select
                aria-label={t('filterStatus')}
                placeholder={t('filterStatus')}
                allowClear
                style={{ width: 110 }}
                options={['active', 'complete', 'rejected', 'withdrawn'].map((s) => ({ value: s, label: statusLabel(t, s) }))}
                onChange={(status) => changeFilter((f) => ({ ...f, status }))}
              />
              <Select
                aria-label={t('filterCard')}
                placeholder={t('filterCard')}
                allowClear
                style={{ width: 110 }}
                options={['green', 'yellow', 'red'].map((c) => ({ value: c, label: t(`card_${c}`) }))}
                onChange={(card) => changeFilter((f) => ({ ...f, card }))}
              />
              <Select
                aria-label={t('filterDepartment')}
                placeholder={t('filterDepartment')}
                allowClear
                style={{ width: 160 }}
                options={departmentOptions}
                onChange={(department) => changeFilter((f) => ({ ...f, department }))}
              />
            </Space>
            <Async state={projects}>
              {(data) => (
                <Table<ProjectSummary>
                  rowKey="id"
                  size="small"
                  loading={projects.loading}
                  dataSource={data.projects}
                  pagination={false}
                  footer={() => (
                    <Space>
                      <Typography.Text type="secondary">
                        {t('totalProjects')}: {data.total}
                      </Typography.Text>
                      <Button size="small" disabled={pages.length === 0} onClick={() => setPages((p) => p.slice(0, -1))}>
                        {t('previousPage')}
                      </Button>
                      <Button size="small" disabled={!data.nextPageToken} onClick={() => setPages((p) => [...p, data.nextPageToken!])}>
                        {t('nextPage')}
                      </Button>
                    </Space>
                  )}
                  locale={{ emptyText: t('noData') }}
                  scroll={{ x: 930 }}
                  columns={[
                    { title: t('title'), dataIndex: 'title', render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link> },
                    { title: t('projectCode'), dataIndex: 'projectCode', width: 210, render: (c: string | null) => c ?? '—' },
                    // The directory's name (the id stays in the payload for filters); '—' only for a project from before the directory.
                    { title: t('enterprise'), dataIndex: 'enterpriseName', width: 200, ellipsis: true, render: (n: string | null) => n ?? '—' },
                    { title: t('stage'), dataIndex: 'stageId', width: 100, render: stageName },
                    { title: t('status'), dataIndex: 'status', width: 80, render: (s: string) => statusLabel(t, s) },
                    { title: t('worstCard'), dataIndex: 'worstCard', width: 100, render: (c: string) => <CardTag card={c} /> },
                    { title: t('nextDue'), dataIndex: 'nextDueAt', width: 140, render: (d: string | null) => formatInstant(d, lang) },
                  ]}
                />
              )}
            </Async>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <AtRisk />
          <Card
            title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('queue')}</h2>}
            extra={
              <Button onClick={tasks.reload} loading={tasks.loading}>
                {t('refresh')}
              </Button>
            }
          >
            <Typography.Paragraph type="secondary">{t('queueHelp')}</Typography.Paragraph>
            <Async state={tasks}>
              {() => (
                <Table<Task>
                  rowKey={(k) => `${k.kind}|${k.projectId}|${k.stageId}|${k.itemId}|${k.materialId}`}
                  size="small"
                  dataSource={queue}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  locale={{ emptyText: t('noData') }}
                  data-testid="coordinator-queue"
                  columns={[
                    { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: string) => <Tag>{t(`action_${k}`)}</Tag> },
                    { title: t('project'), render: (_, k) => <ProjectLink {...k} /> },
                    { title: t('cardLabel'), dataIndex: 'card', width: 90, render: (c: string | null, k) => <CardTag card={c} paused={k.paused} /> },
                    { title: t('due'), dataIndex: 'dueAt', width: 120, render: (d: string | null) => formatInstant(d, lang, false) },
                  ]}
                />
              )}
            </Async>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('badRatings')}
            </Typography.Title>
            <Async state={supervision}>
              {(s) => (
                <Table
                  rowKey={(r) => `${r.projectId}|${r.stageId}|${r.at}`}
                  size="small"
                  dataSource={s.ratings.bad}
                  pagination={false}
                  locale={{ emptyText: t('noData') }}
                  columns={[
                    { title: t('project'), render: (_, r) => <ProjectLink {...r} /> },
                    { title: t('score'), dataIndex: 'score', width: 60 },
                    { title: t('comment'), dataIndex: 'comment' },
                  ]}
                />
              )}
            </Async>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** A project's title as a link, with its enterprise's name and its project code under it. */
function ProjectLink({
  projectId,
  projectTitle,
  enterpriseName,
  projectCode,
}: {
  projectId: string;
  projectTitle: string;
  enterpriseName: string | null;
  projectCode: string | null;
}) {
  return (
    <>
      <Link to={`/projects/${projectId}`}>{projectTitle}</Link>
      {[enterpriseName, projectCode].map((line) =>
        line ? (
          <div key={line}>
            <Typography.Text type="secondary">{line}</Typography.Text>
          </div>
        ) : null,
      )}
    </>
  );
}
