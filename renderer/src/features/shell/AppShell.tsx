import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Tabs, Tooltip, Typography, theme } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, useAppStoreApi } from '../../store';
import { KbPanel } from '../kb';
import { OverviewPanel } from '../overview';
import { ESCALATE_SHORTCUT, EscalationsPanel } from '../escalation';
import { PhrasePanel } from '../phrases';
import { LanguageSelect, SettingsPanel } from '../settings';
import { CALL_SHORTCUTS, LinePanel } from '../softphone';
import { CurrentVisit, HandoverCard, MassIncidentAlert, SAVE_VISIT_SHORTCUT, UnsavedDrafts, VisitsPanel } from '../visits';
import { CountdownStrip, DeadlineBoard } from '../deadlines';
import { PhoneRail } from './PhoneRail';
import { FirstRun } from './FirstRun';
import { ShortcutHelp } from './ShortcutHelp';
import { focusNextRegion, useGlobalShortcuts, type Shortcut } from './shortcuts';
import { StatusBar } from './StatusBar';

/** A workspace tab: later features (visit log, knowledge base, phrases…) add entries here. */
interface WorkspaceTab {
  readonly key: string;
  readonly labelKey: string;
  readonly render: () => ReactNode;
}

const TABS: readonly WorkspaceTab[] = [
  {
    key: 'overview',
    labelKey: 'tabs.overview',
    render: () => (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <FirstRun />
        <MassIncidentAlert />
        <UnsavedDrafts />
        <CurrentVisit />
        <PhrasePanel />
        <DeadlineBoard />
        <HandoverCard />
        <OverviewPanel />
      </Space>
    ),
  },
  { key: 'visits', labelKey: 'tabs.visits', render: () => <VisitsPanel /> },
  { key: 'kb', labelKey: 'tabs.kb', render: () => <KbPanel /> },
  { key: 'line', labelKey: 'tabs.line', render: () => <LinePanel /> },
  { key: 'settings', labelKey: 'tabs.settings', render: () => <SettingsPanel /> },
  { key: 'escalations', labelKey: 'tabs.escalations', render: () => <EscalationsPanel /> },
];

const regionStyle = { outline: 'none' } as const;

export function AppShell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const activeTab = useAppStore((s) => s.workspaceTab);
  const setActiveTab = useAppStore((s) => s.showTab);
  const [helpOpen, setHelpOpen] = useState(false);
  const locale = useAppStore((s) => s.settings?.locale);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const applyAgentEvent = useAppStore((s) => s.applyAgentEvent);
  const store = useAppStoreApi();

  const shortcuts = useMemo(() => {
    const list: (Shortcut & { label: string })[] = [
      ...TABS.map((tab, i) => ({ combo: `Alt+${i + 1}`, label: t('shortcuts.tab', { n: i + 1 }), run: () => setActiveTab(tab.key) })),
      {
        combo: 'Ctrl+K',
        label: t('kb.search'),
        run: () => {
          setActiveTab('kb');
          setTimeout(() => document.getElementById('kb-search')?.focus());
        },
      },
      { combo: 'F6', label: t('shortcuts.region'), run: () => focusNextRegion() },
      { combo: 'Ctrl+Shift+L', label: t('shortcuts.language'), run: () => void updateSettings({ locale: locale === 'zh-CN' ? 'en-US' : 'zh-CN' }) },
      // the status is read when the key is pressed: subscribing to it would re-render the whole
      // workspace on every call state change (measured: the bulk of the main-thread time during call setup)
      { combo: 'Alt+R', label: t('agent.setReady'), run: () => void (store.getState().agent.status === 'not-ready' && applyAgentEvent({ type: 'resume' })) },
      { combo: 'F1', label: t('shortcuts.help'), run: () => setHelpOpen(true) },
    ];
    return list;
  }, [t, locale, updateSettings, applyAgentEvent, store, setActiveTab]);
  useGlobalShortcuts(shortcuts);
  // call keys are handled by the phone panel; listed here so F1 shows every key in one place
  const help = useMemo(
    () => [
      ...shortcuts,
      { combo: CALL_SHORTCUTS.answer, label: t('phone.answer') },
      { combo: CALL_SHORTCUTS.hangup, label: t('phone.hangup') },
      { combo: CALL_SHORTCUTS.hold, label: `${t('phone.hold')} / ${t('phone.resume')}` },
      { combo: CALL_SHORTCUTS.mute, label: `${t('phone.mute')} / ${t('phone.unmute')}` },
      { combo: CALL_SHORTCUTS.transfer, label: t('phone.transferTarget') },
      { combo: SAVE_VISIT_SHORTCUT, label: t('visits.form.save') },
      { combo: ESCALATE_SHORTCUT, label: t('escalation.button') },
    ],
    [shortcuts, t],
  );

  const border = `1px solid ${token.colorBorderSecondary}`;
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: token.colorBgContainer, borderBottom: border, paddingInline: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('app.title')} <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </Typography.Title>
        <span style={{ flex: 1 }} />
        <LanguageSelect />
        <Tooltip title={t('shortcuts.open')}>
          <Button icon={<QuestionCircleOutlined />} aria-label={t('shortcuts.open')} onClick={() => setHelpOpen(true)} />
        </Tooltip>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={280} style={{ padding: 12, borderRight: border, overflow: 'auto', background: token.colorBgLayout }}>
          <aside data-region="phone-rail" tabIndex={-1} aria-label={t('nav.phoneRail')} style={regionStyle}>
            <PhoneRail />
          </aside>
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, overflow: 'auto', background: token.colorBgContainer }}>
          <main data-region="workspace" tabIndex={-1} aria-label={t('nav.workspace')} style={regionStyle}>
            <CountdownStrip />
            <Tabs
              activeKey={activeTab}
              onChange={setActiveTab}
              items={TABS.map((tab, i) => ({
                key: tab.key,
                label: (
                  <Tooltip title={`Alt+${i + 1}`} placement="bottom">
                    <span>{t(tab.labelKey)}</span>
                  </Tooltip>
                ),
                children: tab.render(),
              }))}
            />
          </main>
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ padding: '6px 16px', borderTop: border }}>
        <footer data-region="status-bar" tabIndex={-1} aria-label={t('nav.statusBar')} style={regionStyle}>
          <StatusBar />
        </footer>
      </Layout.Footer>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={help} />
    </Layout>
  );
}
