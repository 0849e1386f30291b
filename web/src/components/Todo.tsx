/** What the enterprise must do now, in words, from the actions the API allows it. */
import { Alert } from 'antd';
import type { ProjectDetail } from '../api';
import { useI18n } from '../i18n';
import { useTitles } from '../titles';
import { formatInstant } from './common';

export function Todo({ project }: { project: ProjectDetail }) {
  const { t, lang } = useI18n();
  const titles = useTitles(project.definition);
  const lines: string[] = [];
  for (const a of project.actions) {
    const stage = titles.stage(a.stageId, project.stages.find((s) => s.stageId === a.stageId)?.title);
    const item = titles.item(a.itemId, project.reviews.find((r) => r.itemId === a.itemId)?.title);
    if (a.type === 'submitApplication') lines.push(t('todo_submitApplication', { stage }));
    if (a.type === 'answerCorrection') {
      const r = project.reviews.find((x) => x.itemId === a.itemId);
      lines.push(
        `${t('todo_answerCorrection', { item })}${r?.correction ? `：${r.correction.materials.map((m) => titles.material(m)).join('、')}（${r.correction.reason}）` : ''}`,
      );
    }
    if (a.type === 'supplyMaterial' && a.materialId) {
      const c = project.commitments.find((x) => x.itemId === a.itemId && x.materialId === a.materialId);
      lines.push(t('todo_supplyMaterial', { material: titles.material(a.materialId), due: formatInstant(c?.dueAt, lang, false) }));
    }
    if (a.type === 'rate') lines.push(t('todo_rate', { stage }));
  }
  return (
    <Alert
      type={lines.length > 0 ? 'warning' : 'info'}
      showIcon
      message={t('todo')}
      data-testid="todo"
      description={
        lines.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : (
          t('todoNone')
        )
      }
    />
  );
}
