/**
 * The sign-off dialog's record of a round (承办 → 审核 → 批准): each signature with its step's
 * Chinese name, who signed (a colleague's name where the caller's department lists it) and when,
 * then the step that is due.
 */
import { Typography } from 'antd';
import type { Colleague, ReviewView } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../queries';
import { useSession } from '../session';
import { formatInstant } from './common';

type Round = NonNullable<ReviewView['signoff']>;

/** The colleagues' names by username, for a department user (the signers are of the item's department). */
export function useColleagueNames(): (username: string) => string {
  const { user } = useSession();
  const colleagues = useApi<{ colleagues: Colleague[] }>(user?.role === 'department' ? '/api/colleagues' : null);
  const names = new Map((colleagues.data?.colleagues ?? []).map((c) => [c.username, c.displayName]));
  return (username) => (names.has(username) ? `${names.get(username)}（${username}）` : username);
}

export function SignoffRound({ round }: { round: Round }) {
  const { t, lang } = useI18n();
  const who = useColleagueNames();
  return (
    <>
      <ol data-testid="signoff-signatures">
        {round.signatures.map((sig) => (
          <li key={`${sig.step}|${sig.userId}`}>
            <Typography.Text strong>{t(`signoffStep_${sig.step}`)}</Typography.Text> · {who(sig.userId)} · {formatInstant(sig.at, lang)}
            {sig.note ? ` · ${sig.note}` : ''}
          </li>
        ))}
      </ol>
      {round.status === 'signing' ? (
        <Typography.Paragraph type="secondary" data-testid="signoff-due">
          {t('signoffDue', { step: t(`signoffStep_${round.due}`) })}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
