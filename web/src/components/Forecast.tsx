/**
 * The forecast (issue 17) where a project's schedule is shown: the likely finish (P50, P90) and
 * the chance of keeping within the ceiling in a line above it, and the P50–P90 band on the Gantt.
 */
import { Space, Typography } from 'antd';
import type { Forecast, HistoryEntry, ProjectDetail } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../queries';
import { DAY } from '../schedule';
import { Schedule } from './Timeline';

/** The midnight (Beijing) starting a date, in epoch ms. */
const startOf = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

export function ForecastedSchedule({ project, history }: { project: ProjectDetail; history?: HistoryEntry[] }) {
  const { t } = useI18n();
  const forecast = useApi<Forecast>(project.status === 'active' ? `/api/projects/${encodeURIComponent(project.projectId)}/forecast` : null);
  const f = project.status === 'active' ? forecast.data : undefined;
  const band = f ? { from: startOf(f.finish.p50), to: startOf(f.finish.p90) + DAY, label: t('forecastBand') } : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {f ? <ForecastLine forecast={f} /> : null}
      <Schedule project={project} history={history} band={band} />
    </Space>
  );
}

function ForecastLine({ forecast: f }: { forecast: Forecast }) {
  const { t } = useI18n();
  const observed = f.basis.items.reduce((sum, b) => sum + b.observations, 0);
  return (
    <div data-testid="forecast">
      <Typography.Text strong>{t('forecastTitle')}：</Typography.Text>
      <Typography.Text>{t('forecastFinish', { p50: f.finish.p50, p90: f.finish.p90 })}</Typography.Text>
      <Typography.Text>；{t('forecastChance', { limit: f.ceiling.limit, pct: Math.round(f.ceiling.probability * 100) })}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{t('forecastBasis', { n: observed, runs: f.runs })}</Typography.Text>
      </div>
    </div>
  );
}
