/** The frame around every page: header with role, language switch and logout; routes per role. */
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/common';
import { useI18n } from './i18n';
import { Inbox } from './pages/Inbox';
import { Login } from './pages/Login';
import { Progress } from './pages/Progress';
import { ProjectPage } from './pages/Project';
import { Register } from './pages/Register';
import { SupervisionPage } from './pages/Supervision';
import { Workbench } from './pages/Workbench';
import { useSession } from './session';
import type { Role } from './api';

const HOME: Record<Role, string> = { coordinator: '/workbench', department: '/inbox', enterprise: '/progress' };

export function Shell() {
  const { user, restoring, logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  if (restoring) return <Loading />;
  if (!user) return <Login />;

  const nav =
    user.role === 'coordinator'
      ? [
          { key: '/workbench', label: <Link to="/workbench">{t('navWorkbench')}</Link> },
          { key: '/register', label: <Link to="/register">{t('navRegister')}</Link> },
          { key: '/supervision', label: <Link to="/supervision">{t('navSupervision')}</Link> },
        ]
      : user.role === 'department'
        ? [{ key: '/inbox', label: <Link to="/inbox">{t('navInbox')}</Link> }]
        : [{ key: '/progress', label: <Link to="/progress">{t('navProgress')}</Link> }];
  const selected = nav.map((n) => n.key).filter((k) => location.pathname.startsWith(k));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap', fontSize: 16 }}>
          {t('appTitle')}
        </Typography.Text>
        <nav aria-label={t('appTitle')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={nav} />
        </nav>
        <Space>
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            {t(`role_${user.role}`)} · {user.displayName}
          </Typography.Text>
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={`${t('language')}: ${t('switchTo')}`}>
            {t('switchTo')}
          </Button>
          <Button size="small" onClick={logout}>
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <main>
          <Routes>
            <Route path="/projects/:id" element={<ProjectPage />} />
            {user.role === 'coordinator' && (
              <>
                <Route path="/workbench" element={<Workbench />} />
                <Route path="/register" element={<Register />} />
                <Route path="/supervision" element={<SupervisionPage />} />
              </>
            )}
            {user.role === 'department' && <Route path="/inbox" element={<Inbox />} />}
            {user.role === 'enterprise' && <Route path="/progress" element={<Progress />} />}
            <Route path="*" element={<Navigate to={HOME[user.role]} replace />} />
          </Routes>
        </main>
      </Layout.Content>
    </Layout>
  );
}
