/**
 * The frame around every page: header with role, language switch and logout (on a phone
 * folded into a menu drawer); routes per role.
 */
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading, usePhone } from './components/common';
import { useI18n } from './i18n';
import { Enterprises } from './pages/Enterprises';
import { Inbox } from './pages/Inbox';
import { Login } from './pages/Login';
import { MyEnterprise } from './pages/MyEnterprise';
import { Progress } from './pages/Progress';
import { ProjectPage } from './pages/Project';
import { Register } from './pages/Register';
import { SupervisionPage } from './pages/Supervision';
import { CreditRecords } from './pages/CreditRecords';
import { Parks } from './pages/Parks';
import { Providers } from './pages/Providers';
import { BackfillPage } from './pages/Backfill';
import { Workbench } from './pages/Workbench';
import { AgentHome } from './pages/Agent';
import { Delegations } from './pages/Delegations';
import { FollowUpCasePage, FollowUpCases } from './pages/FollowUp';
import { useSession } from './session';
import type { Role } from './api';

const HOME: Record<Role, string> = { coordinator: '/workbench', department: '/inbox', enterprise: '/progress', agent: '/agent' };

export function Shell() {
  const { user, restoring, logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const phone = usePhone();
  const [menuOpen, setMenuOpen] = useState(false);
  // A link followed from the drawer closes it.
  useEffect(() => setMenuOpen(false), [location.pathname]);
  if (restoring) return <Loading />;
  if (!user) return <Login />;

  const nav =
    user.role === 'coordinator'
      ? [
          { key: '/workbench', label: <Link to="/workbench">{t('navWorkbench')}</Link> },
          { key: '/register', label: <Link to="/register">{t('navRegister')}</Link> },
          { key: '/enterprises', label: <Link to="/enterprises">{t('navEnterprises')}</Link> },
          { key: '/supervision', label: <Link to="/supervision">{t('navSupervision')}</Link> },
          { key: '/credit-records', label: <Link to="/credit-records">{t('navCreditRecords')}</Link> },
          { key: '/providers', label: <Link to="/providers">{t('navProviders')}</Link> },
          { key: '/parks', label: <Link to="/parks">{t('navParks')}</Link> },
          { key: '/delegations', label: <Link to="/delegations">{t('navDelegations')}</Link> },
          { key: '/follow-up', label: <Link to="/follow-up">{t('navFollowUp')}</Link> },
        ]
      : user.role === 'department'
        ? [
            { key: '/inbox', label: <Link to="/inbox">{t('navInbox')}</Link> },
            { key: '/follow-up', label: <Link to="/follow-up">{t('navFollowUp')}</Link> },
          ]
        : user.role === 'agent'
          ? [{ key: '/agent', label: <Link to="/agent">{t('navAgent')}</Link> }]
          : [
              { key: '/progress', label: <Link to="/progress">{t('navProgress')}</Link> },
              { key: '/enterprise', label: <Link to="/enterprise">{t('navMyEnterprise')}</Link> },
              { key: '/credit-records', label: <Link to="/credit-records">{t('navCreditRecords')}</Link> },
              { key: '/providers', label: <Link to="/providers">{t('navProviders')}</Link> },
              { key: '/follow-up', label: <Link to="/follow-up">{t('navFollowUp')}</Link> },
            ];
  const selected = nav.map((n) => n.key).filter((k) => location.pathname.startsWith(k));

  const who = (
    <Typography.Text style={{ color: phone ? undefined : '#fff' }} data-testid="current-user">
      {t(`role_${user.role}`)} · {user.displayName}
    </Typography.Text>
  );
  // The switch is worded in the language it offers, and says so (lang), to be read in that language's voice (WCAG 3.1.2).
  const language = (
    <Button
      size={phone ? 'middle' : 'small'}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      aria-label={`${t('language')}: ${t('switchTo')}`}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
    >
      {t('switchTo')}
    </Button>
  );
  const logoutButton = (
    <Button size={phone ? 'middle' : 'small'} onClick={logout}>
      {t('logout')}
    </Button>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Focus moves to <main> itself: a #main in the address would be a change of route to the router, reloading the page's lists. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap', fontSize: 16, flex: phone ? 1 : undefined }} ellipsis={phone}>
          {t('appTitle')}
        </Typography.Text>
        {phone ? (
          <>
            <Button
              type="text"
              icon={<MenuOutlined style={{ color: '#fff', fontSize: 20 }} />}
              aria-label={t('menu')}
              aria-expanded={menuOpen}
              aria-controls="app-menu"
              onClick={() => setMenuOpen(true)}
              data-testid="menu-button"
            />
            <Drawer id="app-menu" open={menuOpen} onClose={() => setMenuOpen(false)} title={t('menu')} placement="right" width={300}>
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                {who}
                <nav aria-label={t('appTitle')}>
                  <Menu mode="inline" selectedKeys={selected} items={nav} style={{ borderInlineEnd: 'none' }} />
                </nav>
                <Space wrap>
                  {language}
                  {logoutButton}
                </Space>
              </Space>
            </Drawer>
          </>
        ) : (
          <>
            <nav aria-label={t('appTitle')} style={{ flex: 1, minWidth: 0 }}>
              <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={nav} />
            </nav>
            <Space>
              {who}
              {language}
              {logoutButton}
            </Space>
          </>
        )}
      </Layout.Header>
      {/* Layout.Content is the page's <main>; the skip link lands here. */}
      <Layout.Content id="main" tabIndex={-1} style={{ padding: phone ? 8 : 16, outline: 'none' }}>
        <Routes>
          <Route path="/projects/:id" element={<ProjectPage />} />
          {user.role === 'coordinator' && (
            <>
              <Route path="/workbench" element={<Workbench />} />
              <Route path="/register" element={<Register />} />
              <Route path="/enterprises" element={<Enterprises />} />
              <Route path="/supervision" element={<SupervisionPage />} />
              <Route path="/supervision/backfill" element={<BackfillPage />} />
            </>
          )}
          {user.role === 'department' && <Route path="/inbox" element={<Inbox />} />}
          {user.role === 'enterprise' && <Route path="/progress" element={<Progress />} />}
          {user.role === 'enterprise' && <Route path="/enterprise" element={<MyEnterprise />} />}
          {(user.role === 'coordinator' || user.role === 'enterprise') && <Route path="/credit-records" element={<CreditRecords />} />}
          {user.role === 'coordinator' && <Route path="/delegations" element={<Delegations />} />}
          {user.role !== 'agent' && <Route path="/providers" element={<Providers />} />}
          {user.role !== 'agent' && <Route path="/parks" element={<Parks />} />}
          {user.role === 'agent' && <Route path="/agent" element={<AgentHome />} />}
          {user.role !== 'agent' && <Route path="/follow-up" element={<FollowUpCases />} />}
          {user.role !== 'agent' && <Route path="/follow-up/:id" element={<FollowUpCasePage />} />}
          <Route path="*" element={<Navigate to={HOME[user.role]} replace />} />
        </Routes>
      </Layout.Content>
    </Layout>
  );
}
