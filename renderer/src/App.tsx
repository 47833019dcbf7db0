import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { AppShell } from './features/shell';
import { StoreContext, useAppStore, type AppStore } from './store';

/** Keeps i18next, Ant Design's locale and <html lang> in step with the stored setting. */
function LocaleSync({ i18n }: { i18n: i18n }) {
  const locale = useAppStore((s) => s.settings?.locale);
  useEffect(() => {
    if (!locale) return;
    void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
  }, [i18n, locale]);
  return null;
}

function Providers({ i18n, children }: { i18n: i18n; children: React.ReactNode }) {
  const locale = useAppStore((s) => s.settings?.locale ?? 'zh-CN');
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={locale === 'en-US' ? enUS : zhCN}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
      <LocaleSync i18n={i18n} />
    </I18nextProvider>
  );
}

export function App({ store, i18n }: { store: AppStore; i18n: i18n }) {
  return (
    <StoreContext.Provider value={store}>
      <Providers i18n={i18n}>
        <AppShell />
      </Providers>
    </StoreContext.Provider>
  );
}
