import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { TeamChannelContext, type TeamChannel } from './features/escalation';
import { TeamMailContext } from './features/team';
import { ChatChannelContext, type ChatChannel } from './features/chat';
import { AppShell } from './features/shell';
import { SoftphoneContext, type SoftphoneController } from './features/softphone';
import { ApiContext } from './platform/api-context';
import type { AgentApi } from '../../shared/ipc-contract';
import type { Appearance } from '../../shared/appearance';
import { deskTheme } from './desk-theme';
import { StoreContext, useAppStore, type AppStore } from './store';

/** Keeps i18next, Ant Design's locale, <html lang> and the phrase library in step with the stored setting. */
function LocaleSync({ i18n }: { i18n: i18n }) {
  const locale = useAppStore((s) => s.settings?.locale);
  const loadPhrases = useAppStore((s) => s.loadPhrases);
  useEffect(() => {
    if (!locale) return;
    void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
    void loadPhrases(locale);
  }, [i18n, locale, loadPhrases]);
  return null;
}

/** No animations and no click ripple: on a thin desk they cost call setup time (see README, bench:calls). */
const WAVE = { disabled: true };
const DEFAULT_APPEARANCE: Appearance = { fontSize: 'standard', theme: 'light', density: 'standard' };

/** Ant Design's theme for the desk's appearance setting (text size, light / dark, density). */
function useDeskTheme(): ThemeConfig {
  const appearance = useAppStore((s) => s.settings?.appearance ?? DEFAULT_APPEARANCE);
  const { fontSize, theme, density } = appearance;
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme; // global.css follows it for the few plain elements
  }, [theme]);
  return useMemo(() => deskTheme({ fontSize, theme, density }), [fontSize, theme, density]);
}
const BUTTON = { autoInsertSpace: false };

function Providers({ i18n, children }: { i18n: i18n; children: React.ReactNode }) {
  const locale = useAppStore((s) => s.settings?.locale ?? 'zh-CN');
  const theme = useDeskTheme();
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={locale === 'en-US' ? enUS : zhCN} button={BUTTON} theme={theme} wave={WAVE}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
      <LocaleSync i18n={i18n} />
    </I18nextProvider>
  );
}

export interface AppProps {
  readonly api: AgentApi;
  readonly store: AppStore;
  readonly softphone: SoftphoneController;
  readonly team: TeamChannel;
  /** The online channel (absent in tests that render parts without it). */
  readonly chat?: ChatChannel | undefined;
  readonly i18n: i18n;
}

/** Every context the features read: contract API, store, softphone, team channel, i18n, antd. */
export function AppProviders({ api, store, softphone, team, chat, i18n, children }: AppProps & { children: React.ReactNode }) {
  return (
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <SoftphoneContext.Provider value={softphone}>
          <TeamChannelContext.Provider value={team}>
            <TeamMailContext.Provider value={team.send}>
              <ChatChannelContext.Provider value={chat ?? null}>
                <Providers i18n={i18n}>{children}</Providers>
              </ChatChannelContext.Provider>
            </TeamMailContext.Provider>
          </TeamChannelContext.Provider>
        </SoftphoneContext.Provider>
      </StoreContext.Provider>
    </ApiContext.Provider>
  );
}

export function App(props: AppProps) {
  return (
    <AppProviders {...props}>
      <AppShell />
    </AppProviders>
  );
}
