/**
 * The project page every role shares (each sees what the API lets it see): the actions the
 * caller may take now, the timeline, every review with its clock and card, tolerance
 * commitments, the stage application (form, materials, what was tolerated), results,
 * ratings and the history. A department's review page is this page with its item in focus.
 */
import { IntermediaryServices, SatisfiedMaterials } from '../components/SharedMaterials';
import { Alert, Breadcrumb, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { HistoryEntry, ProjectDetail, ReviewView } from '../api';
import { ActionPanel } from '../components/ActionPanel';
import { Async, CARD_URGENCY, CardTag, formatInstant, ResponsiveTable, usePhone } from '../components/common';
import { useApi } from '../queries';
import { MaterialFiles } from '../components/MaterialFiles';
import { LegalDocuments } from '../components/LegalDocuments';
import { History } from '../components/History';
import { ForecastedSchedule } from '../components/Forecast';
import { Holders } from '../components/Holders';
import { Migration } from '../components/Migration';
import { JointAcceptance } from '../components/JointAcceptance';
import { Todo } from '../components/Todo';
import { statusLabel, useI18n } from '../i18n';
import { useDefinitions, useSession } from '../session';
import { useTitles } from '../titles';

export function ProjectPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const focus = params.get('item') ?? undefined;
  const { t, lang } = useI18n();
  const { user } = useSession();
  const defs = useDefinitions();
  const project = useApi<ProjectDetail>(`/api/projects/${encodeURIComponent(id ?? '')}`);
  const history = useApi<{ entries: HistoryEntry[] }>(`/api/projects/${encodeURIComponent(id ?? '')}/history`);
  const p = project.data;
  const titles = useTitles(p?.definition);
  useEffect(() => {
    if (p) void defs.load(p.definition.id, p.definition.version).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p?.definition.id, p?.definition.version]);

  const home = user?.role === 'coordinator' ? '/workbench' : user?.role === 'department' ? '/inbox' : user?.role === 'agent' ? '/agent' : '/progress';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          {
            title: (
              <Link to={home}>
                {t(
                  user?.role === 'coordinator'
                    ? 'navWorkbench'
                    : user?.role === 'department'
                      ? 'navInbox'
                      : user?.role === 'agent'
                        ? 'navAgent'
                        : 'navProgress',
                )}
              </Link>
            ),
          },
          { title: p?.title ?? id },
        ]}
      />
      <Async state={project}>
        {(p) => (
          <>
            <Card>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap align="center">
                  <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
                    {p.title}
                  </Typography.Title>
                  <Tag>{statusLabel(t, p.status)}</Tag>
                  <CardTag card={p.worstCard} />
                </Space>
                <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                  <Descriptions.Item label={t('projectCode')}>{p.projectCode ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('projectId')}>{p.projectId}</Descriptions.Item>
                  <Descriptions.Item label={t('enterprise')}>{p.enterpriseName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('stage')}>
                    {titles.stage(p.currentStageId, p.stages.find((s) => s.stageId === p.currentStageId)?.title)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('definition')}>
                    {p.definition.id} v{p.definition.version}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('registeredAt')}>{formatInstant(p.registeredAt, lang)}</Descriptions.Item>
                  <Descriptions.Item label={t('nextDue')}>{formatInstant(p.nextDueAt, lang)}</Descriptions.Item>
                </Descriptions>
              </Space>
            </Card>
            <Holders projectId={p.projectId} />
            {user?.role === 'coordinator' && p.status === 'active' ? <Migration projectId={p.projectId} /> : null}
            {user?.role === 'enterprise' ? <Todo project={p} /> : null}
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('actionsNow')}</h2>} data-testid="actions">
              <ActionPanel project={p} />
            </Card>
            {p.joint && p.joint.length > 0 ? <JointAcceptance project={p} /> : null}
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('timeline')}</h2>}>
              <ForecastedSchedule project={p} history={history.data?.entries} />
            </Card>
            <Reviews project={p} focus={focus} />
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Application project={p} />
                  <SatisfiedMaterials project={p} />
                  <IntermediaryServices project={p} />
                  <MaterialFiles project={p} />
                </Space>
              </Col>
              <Col xs={24} lg={12}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Commitments project={p} />
                  <Promises project={p} />
                  <Results project={p} />
                  <LegalDocuments project={p} />
                  <Deliveries project={p} />
                  {p.ratings.length > 0 ? (
                    <Card size="small" title={t('ratings')}>
                      {p.ratings.map((r) => (
                        <div key={`${r.stageId}|${r.at}`}>
                          {titles.stage(r.stageId, p.stages.find((s) => s.stageId === r.stageId)?.title)}: {r.score}/5 {r.comment}
                        </div>
                      ))}
                    </Card>
                  ) : null}
                </Space>
              </Col>
            </Row>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('history')}</h2>}>
              <Async state={history}>{(h) => <History entries={h.entries} definition={p.definition} />}</Async>
            </Card>
          </>
        )}
      </Async>
    </Space>
  );
}

const RUNNING = ['inReview', 'correction', 'specialProcedure'];
/** For the cards on a phone: running reviews by card (red first) and days left, then those not started, then the decided. */
const urgency = (r: ReviewView) => [RUNNING.includes(r.status) ? 0 : r.clock ? 2 : 1, CARD_URGENCY[r.clock?.card ?? ''] ?? 3, r.clock?.remaining ?? Infinity];
function byUrgency(a: ReviewView, b: ReviewView): number {
  const [x, y] = [urgency(a), urgency(b)];
  return x.map((v, i) => v - y[i]!).find((d) => d !== 0) ?? 0;
}

function Reviews({ project, focus }: { project: ProjectDetail; focus?: string }) {
  const { t, lang } = useI18n();
  const defs = useDefinitions();
  const titles = useTitles(project.definition);
  const phone = usePhone();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reviews')}</h2>} styles={phone ? { body: { padding: 8 } } : undefined}>
      <ResponsiveTable<ReviewView>
        rowKey={(r) => r.itemId}
        cardTitle={(r) => titles.item(r.itemId, r.title)}
        size="small"
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={phone ? [...project.reviews].sort(byUrgency) : project.reviews}
        rowClassName={(r) => (r.itemId === focus ? 'ant-table-row-selected' : '')}
        testId="reviews"
        columns={[
          { title: t('stage'), dataIndex: 'stageId', width: 90, render: (s: string) => titles.stage(s, project.stages.find((x) => x.stageId === s)?.title) },
          {
            title: t('item'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <span>{titles.item(r.itemId, v)}</span>
                {r.correction ? (
                  <Typography.Text type="warning">
                    {t('correctionAsked')} {r.correction.materials.map((m) => titles.material(m)).join('、')}：{r.correction.reason}
                  </Typography.Text>
                ) : null}
                {r.special ? (
                  <Typography.Text type="secondary">
                    {t(`special_${r.special.kind}`)} · {t('specialRunning')} {formatInstant(r.special.endsAt, lang, false)}
                  </Typography.Text>
                ) : null}
                {r.conditions ? (
                  <Typography.Text type="secondary">
                    {t('conditions')}：{r.conditions}
                  </Typography.Text>
                ) : null}
                {r.reason ? (
                  <Typography.Text type="danger">
                    {t('reason')}：{r.reason}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          { title: t('department'), dataIndex: 'departmentId', width: 130, render: (d: string) => defs.departmentName(d) },
          { title: t('status'), dataIndex: 'status', width: 90, render: (s: string) => <span data-review-status={s}>{statusLabel(t, s)}</span> },
          { title: t('cardLabel'), width: 110, render: (_, r) => (r.clock ? <CardTag card={r.clock.card} paused={r.clock.paused} /> : '—') },
          {
            title: t('remaining'),
            width: 80,
            render: (_, r) => (r.clock && ['inReview', 'correction', 'specialProcedure'].includes(r.status) ? r.clock.remaining : '—'),
          },
          { title: t('promisedDue'), width: 130, render: (_, r) => formatInstant(r.clock?.promisedDueAt, lang, false) },
          { title: t('legalDue'), width: 110, render: (_, r) => formatInstant(r.clock?.legalDueAt, lang, false) },
          {
            title: `${t('promisedLimit')}/${t('legalLimit')}`,
            width: 100,
            render: (_, r) => `${r.promisedLimit}/${r.legalLimit}${r.clock?.extensionDays ? ` +${r.clock.extensionDays}` : ''}`,
          },
        ]}
      />
    </Card>
  );
}

function Application({ project }: { project: ProjectDetail }) {
  const { t, text, lang } = useI18n();
  const defs = useDefinitions();
  const doc = defs.doc(project.definition.id, project.definition.version) ?? defs.doc(project.definition.id);
  const titles = useTitles(project.definition);
  const submitted = project.stages.filter((s) => s.submittedAt);
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('form')}</h2>}>
      {submitted.length === 0 ? <Empty description={t('noData')} /> : null}
      {submitted.map((s) => {
        const fields = doc?.stages.find((d) => d.id === s.stageId)?.form.fields ?? [];
        const missing = new Map(s.missing.map((m) => [m.materialId, m.kind]));
        return (
          <div key={s.stageId} style={{ marginBottom: 12 }}>
            <Typography.Title level={5}>
              {titles.stage(s.stageId, s.title)} · {statusLabel(t, s.status)}
              {s.acceptance ? ` · ${t(`acceptance_${s.acceptance}`)}` : ''}
            </Typography.Title>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('submittedAt')}>{formatInstant(s.submittedAt, lang)}</Descriptions.Item>
              {s.acceptedAt ? <Descriptions.Item label={t('acceptedAt')}>{formatInstant(s.acceptedAt, lang)}</Descriptions.Item> : null}
              {Object.entries(s.form ?? {}).map(([k, v]) => (
                <Descriptions.Item key={k} label={text(fields.find((f) => f.id === k)?.label, k)}>
                  {String(v)}
                </Descriptions.Item>
              ))}
            </Descriptions>
            {s.returnNotice ? <Alert style={{ marginTop: 8 }} type="warning" showIcon message={s.returnNotice} /> : null}
            {s.refusal ? (
              <Alert
                style={{ marginTop: 8 }}
                type="error"
                showIcon
                message={`${t('refusal')}：${s.refusal.label}`}
                description={
                  <>
                    <div>{s.refusal.reason}</div>
                    <div>{s.refusal.rights}</div>
                  </>
                }
              />
            ) : null}
            <div style={{ marginTop: 8 }}>
              <Typography.Text strong>{t('handedIn')}：</Typography.Text>
              <Space wrap size={[4, 4]}>
                {s.materials.map((m) => (
                  <Tag key={m}>{titles.material(m)}</Tag>
                ))}
                {[...missing].map(([m, kind]) => (
                  <Tag key={`missing-${m}`} color={kind === 'tolerable' ? 'gold' : 'red'}>
                    {titles.material(m)}（{t(kind === 'tolerable' ? 'tolerated' : 'missingMark')}）
                  </Tag>
                ))}
              </Space>
            </div>
          </div>
        );
      })}
    </Card>
  );
}

function Commitments({ project }: { project: ProjectDetail }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  if (project.commitments.length === 0) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('commitments')}</h2>}>
      <ResponsiveTable<ProjectDetail['commitments'][number]>
        rowKey={(c) => `${c.itemId}|${c.materialId}`}
        cardTitle={(c) => titles.material(c.materialId)}
        size="small"
        pagination={false}
        dataSource={project.commitments}
        columns={[
          { title: t('materials'), render: (_, c) => titles.material(c.materialId) },
          { title: t('item'), render: (_, c) => titles.item(c.itemId, project.reviews.find((r) => r.itemId === c.itemId)?.title) },
          { title: t('status'), dataIndex: 'status', render: (s: string) => statusLabel(t, s) },
          { title: t('due'), dataIndex: 'dueAt', render: (d: string) => formatInstant(d, lang, false) },
        ]}
      />
    </Card>
  );
}

/** 告知承诺: each written promise, its post-check due date and card (yellow 3 working days before it is due, red once overdue). */
function Promises({ project }: { project: ProjectDetail }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  if (!project.promises || project.promises.length === 0) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('promises')}</h2>}>
      <ResponsiveTable<NonNullable<ProjectDetail['promises']>[number]>
        testId="promises"
        rowKey={(p) => p.itemId}
        cardTitle={(p) => titles.item(p.itemId, project.reviews.find((r) => r.itemId === p.itemId)?.title)}
        size="small"
        pagination={false}
        dataSource={project.promises}
        columns={[
          { title: t('item'), render: (_, p) => titles.item(p.itemId, project.reviews.find((r) => r.itemId === p.itemId)?.title) },
          { title: t('status'), dataIndex: 'status', render: (s: string) => statusLabel(t, s) },
          { title: t('postCheckDue'), dataIndex: 'checkDueAt', render: (d: string | null) => formatInstant(d, lang, false) },
          { title: t('cardLabel'), dataIndex: 'card', render: (c: ProjectDetail['worstCard']) => <CardTag card={c} /> },
          { title: t('reason'), dataIndex: 'finding', render: (f: string | null) => f ?? '' },
        ]}
      />
    </Card>
  );
}

/** 送达 (行政许可法 art. 44): each decision's delivery, due within 10 working days, with its card. */
function Deliveries({ project }: { project: ProjectDetail }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  const deliveries = project.deliveries ?? [];
  if (deliveries.length === 0) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('deliveries')}</h2>} data-testid="deliveries">
      {deliveries.map((d) => (
        <div key={d.itemId}>
          {titles.item(d.itemId, project.reviews.find((r) => r.itemId === d.itemId)?.title)}:{' '}
          {d.delivery
            ? `${t('delivered')} ${formatInstant(d.delivery.at, lang)} (${t(`way_${d.delivery.way}`)})`
            : `${t('deliveryOpen')} · ${formatInstant(d.dueAt, lang)}`}{' '}
          <CardTag card={d.card} />
        </div>
      ))}
    </Card>
  );
}

function Results({ project }: { project: ProjectDetail }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  if (project.results.length === 0) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('results')}</h2>}>
      <ResponsiveTable<ProjectDetail['results'][number]>
        rowKey={(r) => r.resultId}
        cardTitle={(r) => titles.result(r.resultId, r.title)}
        size="small"
        pagination={false}
        dataSource={project.results}
        columns={[
          { title: t('title'), dataIndex: 'title', render: (v: string, r) => titles.result(r.resultId, v) },
          { title: t('stage'), dataIndex: 'stageId', render: (s: string) => titles.stage(s, project.stages.find((x) => x.stageId === s)?.title) },
          { title: t('issuedAt'), dataIndex: 'issuedAt', render: (d: string | null) => formatInstant(d, lang, false) },
        ]}
      />
    </Card>
  );
}
