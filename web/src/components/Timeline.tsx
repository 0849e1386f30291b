/**
 * The project's schedule as a vertical timeline, for phones: per stage its items, each with
 * status, card, planned and actual dates, and where today falls. `Schedule` picks this or the
 * Gantt by the screen's width.
 */
import { Space, Tag, Timeline as AntTimeline, Typography } from 'antd';
import type { TimelineItemProps } from 'antd';
import type { HistoryEntry, ProjectDetail } from '../api';
import { statusLabel, useI18n } from '../i18n';
import { DAY, DECIDED, scheduleRows, type ScheduleRow } from '../schedule';
import { useTitles } from '../titles';
import { CardTag, formatInstant, usePhone } from './common';
import { Gantt, type GanttBand } from './Gantt';

/** The Gantt on wider screens (with the forecast's band when given), the vertical timeline on phones. */
export function Schedule({ project, history, band }: { project: ProjectDetail; history?: HistoryEntry[]; band?: GanttBand }) {
  return usePhone() ? <Timeline project={project} history={history} /> : <Gantt project={project} history={history} band={band} />;
}

export function Timeline({ project, history }: { project: ProjectDetail; history?: HistoryEntry[] }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  const now = Date.now();
  const rows = scheduleRows(project, history, titles, now);
  const day = (ms: number) => formatInstant(new Date(ms).toISOString(), lang, false);
  // A window ends at the midnight after its last day: shown as that last day.
  const span = ([a, b]: [number, number], open: boolean) => `${day(a)} – ${open ? t('ongoing') : day(b - (b - a >= DAY ? DAY : 0))}`;
  const when = (r: ScheduleRow) => r.actual?.[0] ?? r.planned?.[0] ?? Number.POSITIVE_INFINITY;

  const items: TimelineItemProps[] = [];
  let todayShown = false;
  const today = () => {
    todayShown = true;
    items.push({
      key: 'today',
      color: 'red',
      dot: <span aria-hidden="true">▶</span>,
      children: (
        <Typography.Text strong data-testid="timeline-today">
          {t('today')} {day(now)}
        </Typography.Text>
      ),
    });
  };
  for (const stage of project.stages) {
    const mine = rows.filter((r) => r.stageId === stage.stageId).sort((a, b) => when(a) - when(b));
    if (mine.length === 0) continue;
    items.push({
      key: `stage-${stage.stageId}`,
      color: 'gray',
      dot: <span aria-hidden="true">◆</span>,
      children: (
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {titles.stage(stage.stageId, stage.title)} · {statusLabel(t, stage.status)}
        </Typography.Title>
      ),
    });
    for (const r of mine) {
      if (!todayShown && when(r) > now) today();
      const running = r.actual !== undefined && !DECIDED.has(r.status);
      items.push({
        key: r.itemId,
        color: DECIDED.has(r.status) ? 'green' : running ? 'blue' : 'gray',
        children: (
          <div data-timeline-item={r.itemId}>
            <Space wrap size={[4, 4]}>
              <Typography.Text strong>{r.item}</Typography.Text>
              <Tag>{r.status ? statusLabel(t, r.status) : t('notStarted')}</Tag>
              {running && r.card ? <CardTag card={r.card} paused={r.paused} /> : null}
              {r.critical ? <Tag>{t('critical')}</Tag> : null}
            </Space>
            <dl style={{ margin: '4px 0 0', display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 8 }}>
              <dt>{t('planned')}</dt>
              <dd style={{ margin: 0 }}>{r.planned ? span(r.planned, false) : '—'}</dd>
              <dt>{t('actual')}</dt>
              <dd style={{ margin: 0 }}>{r.actual ? span(r.actual, running) : t('notStarted')}</dd>
              {running && r.remaining !== undefined ? (
                <>
                  <dt>{t('remaining')}</dt>
                  <dd style={{ margin: 0 }}>{r.remaining}</dd>
                </>
              ) : null}
            </dl>
          </div>
        ),
      });
    }
  }
  if (!todayShown) today();
  return (
    <section aria-label={t('timeline')} data-testid="timeline">
      <AntTimeline items={items} />
    </section>
  );
}
