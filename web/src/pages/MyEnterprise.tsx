/**
 * An enterprise's own entry in the directory (我的企业, GET /api/enterprises/:id): its name, credit
 * code, address and contacts, and whether the centre has confirmed it. An enterprise not yet listed
 * asks to be (POST /api/enterprises, pending until a coordinator confirms it); only then may
 * projects be registered for it.
 */
import { Alert, App, Button, Card, Descriptions, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, type Enterprise } from '../api';
import { Async } from '../components/common';
import { useI18n } from '../i18n';
import { useApi } from '../queries';
import { useSession } from '../session';
import { EnterpriseForm } from './Enterprises';

export function MyEnterprise() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const [asking, setAsking] = useState(false);
  const entry = useApi<Enterprise>(`/api/enterprises/${encodeURIComponent(user?.enterpriseId ?? '')}`);
  const unlisted = entry.error instanceof ApiError && entry.error.status === 404;

  const title = <h1 style={{ fontSize: 18, margin: 0 }}>{t('myEnterprise')}</h1>;
  if (unlisted) {
    return (
      <Card title={title}>
        <Alert type="info" showIcon message={t('notListedYet')} style={{ marginBottom: 12 }} />
        <Button type="primary" onClick={() => setAsking(true)}>
          {t('askToBeListed')}
        </Button>
        {asking ? (
          <EnterpriseForm
            title={t('askToBeListed')}
            onClose={() => setAsking(false)}
            onSaved={async (e) => {
              message.success(t('askedToBeListed', { name: e.name }));
              setAsking(false);
              entry.reload();
            }}
          />
        ) : null}
      </Card>
    );
  }
  return (
    <Card title={title}>
      <Async state={entry}>
        {(e) => (
          <>
            {e.status === 'pending' ? <Alert type="warning" showIcon message={t('waitingForConfirmation')} style={{ marginBottom: 12 }} /> : null}
            <Descriptions column={1} bordered size="small" data-testid="my-enterprise">
              <Descriptions.Item label={t('enterpriseName')}>{e.name}</Descriptions.Item>
              <Descriptions.Item label={t('creditCode')}>{e.creditCode}</Descriptions.Item>
              <Descriptions.Item label={t('address')}>{e.address}</Descriptions.Item>
              <Descriptions.Item label={t('contacts')}>
                {e.contacts.map((c) => [c.name, c.phone, c.email].filter(Boolean).join(' ')).join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('status')}>
                <Tag color={e.status === 'pending' ? 'gold' : undefined}>{t(`enterprise_${e.status}`)}</Tag>
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Async>
    </Card>
  );
}
