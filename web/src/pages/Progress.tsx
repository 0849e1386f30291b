/** The enterprise's progress page: each of its projects as a timeline (a Gantt, or a vertical timeline on a phone), with what to do now. */
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { HistoryEntry, ProjectDetail, ProjectSummary } from '../api';
import { ActionPanel } from '../components/ActionPanel';
import { Async, CardTag, usePhone } from '../components/common';
import { useApi } from '../queries';
import { Schedule } from '../components/Timeline';
import { Holders } from '../components/Holders';
import { Todo } from '../components/Todo';
import { statusLabel, useI18n } from '../i18n';
import { useTitles } from '../titles';

export function Progress() {
  const { t } = useI18n();
  const projects = useApi<{ projects: ProjectSummary[] }>('/api/projects');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('myProjects')}
        </Typography.Title>
        <Button onClick={projects.reload} loading={projects.loading}>
          {t('refresh')}
        </Button>
      </Space>
      <Async state={projects}>
        {(data) => (data.projects.length === 0 ? <Empty description={t('noData')} /> : data.projects.map((p) => <ProjectProgress key={p.id} id={p.id} />))}
      </Async>
    </Space>
  );
}

function ProjectProgress({ id }: { id: string }) {
  const { t } = useI18n();
  const project = useApi<ProjectDetail>(`/api/projects/${encodeURIComponent(id)}`);
  const history = useApi<{ entries: HistoryEntry[] }>(`/api/projects/${encodeURIComponent(id)}/history`);
  const titles = useTitles(project.data?.definition);
  const phone = usePhone();
  return (
    <Card
      data-testid={`progress-${id}`}
      styles={phone ? { body: { padding: 12 } } : undefined}
      title={
        <Space wrap style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
          <Link to={`/projects/${id}`}>
            <h2 style={{ fontSize: 16, margin: 0, display: 'inline' }}>{project.data?.title ?? id}</h2>
          </Link>
          {project.data ? (
            <>
              <Tag>{statusLabel(t, project.data.status)}</Tag>
              <Tag color="blue">
                {titles.stage(project.data.currentStageId, project.data.stages.find((s) => s.stageId === project.data!.currentStageId)?.title)}
              </Tag>
              <CardTag card={project.data.worstCard} />
              {project.data.projectCode ? (
                <Typography.Text type="secondary">
                  {t('projectCode')}：{project.data.projectCode}
                </Typography.Text>
              ) : null}
            </>
          ) : null}
        </Space>
      }
      extra={<Link to={`/projects/${id}`}>{t('open')}</Link>}
    >
      <Async state={project}>
        {(p) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Holders projectId={p.projectId} />
            <Todo project={p} />
            <ActionPanel project={p} />
            <Schedule project={p} history={history.data?.entries} />
          </Space>
        )}
      </Async>
    </Card>
  );
}
