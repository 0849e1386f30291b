/**
 * The project as a timeline (Gantt): per item, the planned window (预排工期, light) and the
 * actual review (dark: from dispatch to decision, or to now while running), grouped by stage,
 * with today's line. ECharts custom series on a time axis.
 */
import ReactECharts from 'echarts-for-react';
import { useMemo } from 'react';
import type { HistoryEntry, ProjectDetail } from '../api';
import { useI18n, statusLabel } from '../i18n';
import { DECIDED, intermediaryRows, scheduleRows, stageGovernmentDays, type ScheduleRow } from '../schedule';
import { useTitles } from '../titles';

/** A shaded span of the time axis: the forecast's P50–P90 finish (issue 17). */
export interface GanttBand {
  from: number;
  to: number;
  label: string;
}

type TBarApi = { value: (i: number) => number; coord: (v: number[]) => number[]; size: (v: number[]) => number[] };

/** An intermediary service's bar: the planned window above the row's middle, the agreed one below, like an item's. */
function intermediaryBar(above: boolean, style: { fill: string; stroke: string; lineDash: number[] }) {
  return (_params: unknown, api: TBarApi) => {
    const start = api.coord([api.value(1), api.value(0)]);
    const end = api.coord([api.value(2), api.value(0)]);
    const h = (api.size([0, 1])[1] ?? 20) * 0.36;
    const y = (start[1] ?? 0) - (above ? h : 0);
    return { type: 'rect', shape: { x: start[0], y, width: Math.max(3, (end[0] ?? 0) - (start[0] ?? 0)), height: h }, style };
  };
}

export function Gantt({ project, history, height, band }: { project: ProjectDetail; history?: HistoryEntry[]; height?: number; band?: GanttBand }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  const option = useMemo(() => {
    const now = Date.now();
    // An intermediary's row says so in its label, with the agreed delivery day: never read as a review.
    const labelOf = (r: ScheduleRow) =>
      r.intermediary
        ? `${r.stage} · [${t('intermediaries')}] ${r.item}${r.deliveryOn ? ` · ${t('agreedDelivery', { date: r.deliveryOn })}` : ''}`
        : `${r.stage} · ${r.item}`;
    const rows = [...scheduleRows(project, history, titles, now), ...intermediaryRows(project, titles)].map((r) => ({ ...r, label: labelOf(r) }));
    const labels = rows.map((r) => r.label);
    // Kinds: 0 planned, 1 actual review, 2 intermediary (agreed), 3 intermediary (planned).
    const data = rows.flatMap((r, i) => [
      ...(r.planned ? [{ value: [i, r.planned[0], r.planned[1], r.intermediary ? 3 : 0], row: r }] : []),
      ...(r.actual ? [{ value: [i, r.actual[0], r.actual[1], r.intermediary ? 2 : 1], row: r }] : []),
    ]);
    const CARD_COLOURS: Record<string, string> = { green: '#389e0d', yellow: '#d48806', red: '#cf1322' };
    return {
      animation: false,
      grid: { left: 250, right: 24, top: 30, bottom: 30 },
      legend: {
        bottom: 0,
        data: [
          t('planned'),
          t('actual'),
          ...(rows.some((r) => r.intermediary && r.planned) ? [t('intermediaryPlanned')] : []),
          ...(rows.some((r) => r.intermediary && r.actual) ? [t('intermediaryTime')] : []),
        ],
      },
      tooltip: {
        formatter: (p: { data: { value: number[]; row: (typeof rows)[number] } }) => {
          const [, a, b, kind] = p.data.value as [number, number, number, number];
          const fmt = (x: number) => new Date(x).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' });
          const r = p.data.row;
          const what = [t('planned'), t('actual'), t('intermediaryTime'), t('intermediaryPlanned')][kind];
          const intermediary = r.intermediary
            ? `<br/>${t('notGovernmentTime')}${r.provider ? `<br/>${r.provider} · ${t('agreedDelivery', { date: r.deliveryOn ?? '' })}` : ''}`
            : '';
          return `${r.label}<br/>${what}: ${fmt(a)} – ${fmt(b - 1)}${intermediary}<br/>${t('status')}: ${statusLabel(t, r.status)}${
            r.card ? `<br/>${t('cardLabel')}: ${t(`card_${r.card}`)}` : ''
          }${r.remaining !== undefined && kind === 1 && !DECIDED.has(r.status) ? `<br/>${t('remaining')}: ${r.remaining}` : ''}`;
        },
      },
      xAxis: { type: 'time', position: 'top', axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 236, overflow: 'truncate' } },
      series: [
        {
          name: t('planned'),
          type: 'custom',
          itemStyle: { color: '#91caff' },
          encode: { x: [1, 2], y: 0 },
          renderItem: (params: unknown, api: { value: (i: number) => number; coord: (v: number[]) => number[]; size: (v: number[]) => number[] }) => {
            const kind = api.value(3);
            const start = api.coord([api.value(1), api.value(0)]);
            const end = api.coord([api.value(2), api.value(0)]);
            const h = (api.size([0, 1])[1] ?? 20) * 0.36;
            const y = (start[1] ?? 0) + (kind === 0 ? -h : 0);
            return {
              type: 'rect',
              shape: { x: start[0], y, width: Math.max(2, (end[0] ?? 0) - (start[0] ?? 0)), height: h },
              style: { fill: kind === 0 ? '#91caff' : '#1f5fbf' },
            };
          },
          data: data.filter((d) => d.value[3] === 0),
          markLine: {
            symbol: 'none',
            silent: true,
            label: { formatter: t('today'), position: 'start' },
            lineStyle: { color: '#cf1322', type: 'dashed' },
            data: [{ xAxis: now }],
          },
          ...(band
            ? {
                markArea: {
                  silent: true,
                  itemStyle: { color: 'rgba(212, 136, 6, 0.18)' },
                  label: { formatter: band.label, position: 'insideTop', color: '#874d00' },
                  data: [[{ xAxis: band.from }, { xAxis: band.to }]],
                },
              }
            : {}),
        },
        {
          name: t('actual'),
          type: 'custom',
          itemStyle: { color: '#1f5fbf' },
          encode: { x: [1, 2], y: 0 },
          renderItem: (params: unknown, api: { value: (i: number) => number; coord: (v: number[]) => number[]; size: (v: number[]) => number[] }) => {
            const start = api.coord([api.value(1), api.value(0)]);
            const end = api.coord([api.value(2), api.value(0)]);
            const h = (api.size([0, 1])[1] ?? 20) * 0.36;
            return {
              type: 'rect',
              shape: { x: start[0], y: start[1], width: Math.max(3, (end[0] ?? 0) - (start[0] ?? 0)), height: h },
              style: { fill: '#1f5fbf' },
            };
          },
          data: data.filter((d) => d.value[3] === 1).map((d) => ({ ...d, itemStyle: { color: CARD_COLOURS[d.row.card ?? ''] ?? '#1f5fbf' } })),
        },
        {
          // 中介服务 as planned: a light grey outline above the row, apart from government time.
          name: t('intermediaryPlanned'),
          type: 'custom',
          itemStyle: { color: '#d9d9d9' },
          encode: { x: [1, 2], y: 0 },
          renderItem: intermediaryBar(true, { fill: '#f0f0f0', stroke: '#8c8c8c', lineDash: [2, 2] }),
          data: data.filter((d) => d.value[3] === 3),
        },
        {
          // 中介服务: the intermediary's agreed window, hatched grey, apart from government time.
          name: t('intermediaryTime'),
          type: 'custom',
          itemStyle: { color: '#8c8c8c' },
          encode: { x: [1, 2], y: 0 },
          renderItem: intermediaryBar(false, { fill: '#bfbfbf', stroke: '#595959', lineDash: [4, 2] }),
          data: data.filter((d) => d.value[3] === 2),
        },
      ],
    };
  }, [project, history, t, lang, titles, band]);
  const governmentDays = stageGovernmentDays(project);
  const rowsCount =
    new Set([...(project.plan?.items.map((i) => i.itemId) ?? []), ...project.reviews.map((r) => r.itemId)]).size +
    (project.intermediaries ?? []).filter((x) => x.provider || project.plan?.intermediaries?.some((w) => w.serviceId === x.serviceId)).length;
  return (
    <figure style={{ margin: 0 }} aria-label={t('timeline')}>
      {/* The time axis names months in the chart's own locale, fixed when it is created: re-create it per language. */}
      <ReactECharts
        key={lang}
        opts={{ locale: lang === 'zh' ? 'ZH' : 'EN' }}
        option={option}
        style={{ height: height ?? Math.max(220, 70 + rowsCount * 26), width: '100%' }}
        notMerge
      />
      {governmentDays.length > 0 && (
        <figcaption data-testid="stage-government-days" style={{ fontSize: 12, color: '#595959' }}>
          {governmentDays.map((s) => (
            <div key={s.stageId}>
              {t('stageGovernmentDays', {
                stage: titles.stage(s.stageId, project.stages.find((x) => x.stageId === s.stageId)?.title),
                days: s.days,
                intermediary: s.intermediary,
              })}
            </div>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
