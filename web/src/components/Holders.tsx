/**
 * "Who holds it now" (issue 17): one plain sentence per open thread of the project — who must
 * act, under which rule, by when, whom to call — in the page's language, from the service.
 */
import { Alert } from 'antd';
import type { Holder } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../queries';

export function Holders({ projectId }: { projectId: string }) {
  const { t, lang } = useI18n();
  const state = useApi<{ holders: Holder[]; asOf: string }>(`/api/projects/${encodeURIComponent(projectId)}/holders`);
  // The sentences lead the page but never hold it up: nothing is shown until they arrive (or when they fail).
  if (!state.data) return null;
  const { holders } = state.data;
  return (
    <section aria-label={t('holdersTitle')} data-testid="holders">
      <Alert
        type={holders.some((h) => h.workdaysLeft !== null && h.workdaysLeft < 0) ? 'warning' : 'info'}
        showIcon
        message={<strong>{t('holdersTitle')}</strong>}
        description={
          holders.length === 0 ? (
            t('holdersNone')
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {holders.map((h) => (
                <li key={`${h.thread}|${h.stageId}|${h.itemId ?? ''}|${h.materialId ?? ''}`} data-holder={h.holder.role}>
                  {h.sentence[lang]}
                </li>
              ))}
            </ul>
          )
        }
      />
    </section>
  );
}
