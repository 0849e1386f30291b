/** Log in with the accounts of the main job (data/dev-credentials.json); the app adapts to the role. */
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../components/common';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export function Login() {
  const { login } = useSession();
  const { t, lang, setLang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 8, boxSizing: 'border-box' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
              {t('appTitle')}
            </Typography.Title>
            <Button
              size="small"
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
              aria-label={`${t('language')}: ${t('switchTo')}`}
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
            >
              {t('switchTo')}
            </Button>
          </Space>
          <Typography.Text type="secondary">{t('appSubtitle')}</Typography.Text>
          <Typography.Title level={2} style={{ marginTop: 8, fontSize: 20 }}>
            {t('loginTitle')}
          </Typography.Title>
          {error ? <Alert type="error" role="alert" showIcon message={t('loginFailed')} description={errorText(t, error)} /> : null}
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('username') }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('password') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('login')}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('loginHint')}
          </Typography.Text>
        </Space>
      </Card>
    </main>
  );
}
