/**
 * A joint acceptance (联合验收) on the project page: the site visit (proposed, agreed), each
 * department's part with its answer, status and findings, the rectification rounds, and the
 * joint acceptance's own clock with the rectification days it leaves out.
 */
import { Alert, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import type { ProjectDetail } from '../api';
import { statusLabel, useI18n } from '../i18n';
import { useDefinitions } from '../session';
import { useTitles } from '../titles';
import { CardTag, formatInstant, ResponsiveTable } from './common';

type TJoint = NonNullable<ProjectDetail['joint']>[number];
type TPart = TJoint['parts'][number];

const PART_COLOUR: Record<TPart['status'], string> = { awaiting: 'default', passed: 'green', rectify: 'orange', reinspect: 'blue' };

export function JointAcceptance({ project }: { project: ProjectDetail }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  const defs = useDefinitions();
  return (
    <>
      {(project.joint ?? []).map((j) => (
        <Card
          key={j.stageId}
          data-testid="joint-acceptance"
          title={
            <h2 style={{ fontSize: 16, margin: 0 }}>
              {t('jointAcceptance')} · {titles.stage(j.stageId, project.stages.find((s) => s.stageId === j.stageId)?.title)}
            </h2>
          }
          extra={<Tag data-testid="joint-status">{statusLabel(t, j.status)}</Tag>}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={t('visitDate')}>{j.visitDate ?? (j.proposal ? `${t('proposedVisit')}: ${j.proposal.date}` : '—')}</Descriptions.Item>
              <Descriptions.Item label={t('jointClock')}>
                <Space wrap>
                  <CardTag card={j.clock.card} />
                  <span data-testid="joint-clock">
                    {t('jointClockText', {
                      elapsed: j.clock.elapsed,
                      remaining: j.clock.remaining,
                      promised: j.clock.promisedLimit,
                      legal: j.clock.legalLimit,
                      rect: j.clock.rectificationDays,
                    })}
                  </span>
                  <Typography.Text type="secondary">{formatInstant(j.clock.promisedDueAt, lang, false)}</Typography.Text>
                </Space>
              </Descriptions.Item>
            </Descriptions>
            {j.clock.paused ? <Alert type="warning" showIcon message={t('jointClockPaused')} /> : null}
            <ResponsiveTable<TPart>
              rowKey={(p) => p.itemId}
              cardTitle={(p) => titles.item(p.itemId, p.title)}
              size="small"
              testId="joint-parts"
              dataSource={j.parts}
              pagination={false}
              columns={[
                { title: t('item'), key: 'item', render: (_, p) => titles.item(p.itemId, p.title) },
                { title: t('departmentPart'), key: 'department', render: (_, p) => defs.departmentName(p.departmentId) },
                {
                  title: t('visitDate'),
                  key: 'answer',
                  render: (_, p) =>
                    p.answer === null
                      ? t('answer_none')
                      : p.answer.kind === 'confirmed'
                        ? t('answer_confirmed')
                        : t('answer_counter', { date: p.answer.date ?? '', reason: p.answer.reason ?? '' }),
                },
                { title: t('status'), key: 'status', render: (_, p) => <Tag color={PART_COLOUR[p.status]}>{t(`part_${p.status}`)}</Tag> },
                {
                  title: t('findings'),
                  key: 'findings',
                  render: (_, p) => (
                    <List
                      size="small"
                      dataSource={p.inspections}
                      locale={{ emptyText: '—' }}
                      renderItem={(i) => (
                        <List.Item style={{ padding: '2px 0' }}>
                          {formatInstant(i.at, lang)} · {t(`outcome_${i.outcome}`)}: {i.findings}
                          {i.rectifyDueAt ? ` (${t('rectifyBy', { due: formatInstant(i.rectifyDueAt, lang, false) })})` : ''}
                        </List.Item>
                      )}
                    />
                  ),
                },
              ]}
            />
            {j.rectifications.length > 0 ? (
              <List
                header={<strong>{t('rectifications')}</strong>}
                size="small"
                dataSource={j.rectifications}
                renderItem={(r, n) => (
                  <List.Item data-testid="joint-rectification">
                    {n + 1}. {r.items.map((itemId) => titles.item(itemId)).join('、')} · {t('rectifyBy', { due: formatInstant(r.dueAt, lang, false) })} ·{' '}
                    {r.reportedAt ? t('reportedAt', { at: formatInstant(r.reportedAt, lang) }) : t('notReported')}
                  </List.Item>
                )}
              />
            ) : null}
            {j.status === 'passed' ? (
              <Alert
                type="success"
                showIcon
                message={`${t('jointResult')}: ${j.result.title}${j.concludedAt ? ` · ${formatInstant(j.concludedAt, lang)}` : ''}`}
              />
            ) : null}
          </Space>
        </Card>
      ))}
    </>
  );
}
