/** Entry: providers (server state, language, antd locale, session, definitions), the router and the shell. */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Shell } from './Shell';
import { I18nProvider, useI18n } from './i18n';
import { queryClient } from './queries';
import { DefinitionsProvider, SessionProvider } from './session';

/**
 * antd's defaults below WCAG 2.1 AA (1.4.3: 4.5:1 on white and on the grey page): links
 * (#1677ff) 4.1:1, secondary text (45 % black) 3.4:1, a table's empty line (25 %) 1.8:1, an
 * outlined danger button (#ff4d4f) 3.3:1, warning text (#faad14) 1.9:1, success text (#52c41a)
 * 2.3:1. The same hues, darker; the seeds of warning and success stay (their tints derive from them).
 */
const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    colorLink: '#1f5fbf',
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorError: '#cf1322',
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
  },
  components: { Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' } },
};

function Localised() {
  const { lang } = useI18n();
  // The page's language for screen readers and hyphenation (WCAG 3.1.1), also when a remembered choice applies at start.
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <DefinitionsProvider>
            <Shell />
          </DefinitionsProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <I18nProvider>
          <Localised />
        </I18nProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
