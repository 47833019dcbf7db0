import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Layout, Splitter, Tabs, Tooltip, Typography, theme } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DESK_TAB, useAppStore, useAppStoreApi } from '../../store';
import { RAIL_PX, clampPx } from '../../../../shared/desk-layout';
import { readyMoves } from '../../../../shared/agent-state';
import { KbPanel, LINK_SUGGESTION_SHORTCUT } from '../kb';
import { byUrgency } from '../../../../shared/chat';
import { CHAT_URGENT_SHORTCUT, ChatPanel, showConversation } from '../chat';
import { ESCALATE_SHORTCUT, EscalationsPanel } from '../escalation';
import { PHRASES_SHORTCUT, focusPhrases } from '../phrases';
import { LanguageSelect, SettingsPanel } from '../settings';
import { CALL_SHORTCUTS, LinePanel, focusDialBox } from '../softphone';
import { SAVE_VISIT_SHORTCUT, VisitsPanel } from '../visits';
import { CountdownStrip } from '../deadlines';
import { DeskLayout } from './DeskLayout';
import { PhoneRail } from './PhoneRail';
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
  { key: DESK_TAB, labelKey: 'tabs.overview', render: () => <DeskLayout /> },
  { key: 'visits', labelKey: 'tabs.visits', render: () => <VisitsPanel /> },
  { key: 'kb', labelKey: 'tabs.kb', render: () => <KbPanel /> },
  { key: 'line', labelKey: 'tabs.line', render: () => <LinePanel /> },
  { key: 'settings', labelKey: 'tabs.settings', render: () => <SettingsPanel /> },
  { key: 'escalations', labelKey: 'tabs.escalations', render: () => <EscalationsPanel /> },
  { key: 'chat', labelKey: 'tabs.chat', render: () => <ChatPanel /> },
];


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
      {
        combo: 'Alt+R',
        label: t('agent.setReady'),
        // from wrap-up or NotReady back to Ready, then to the dial box for the next call
        run: () =>
          void (async () => {
            const moves = readyMoves(store.getState().agent);
            if (moves.length === 0) return;
            for (const move of moves) await applyAgentEvent(move);
            if (store.getState().agent.status === 'ready') focusDialBox();
          })(),
      },
      {
        combo: PHRASES_SHORTCUT,
        label: t('phrases.focus'),
        run: () => {
          setActiveTab(DESK_TAB);
          setTimeout(focusPhrases);
        },
      },
      {
        combo: CHAT_URGENT_SHORTCUT,
        label: t('chat.urgent'),
        run: () => {
          const s = store.getState();
          const urgent = byUrgency(s.conversations, s.transcripts)[0];
          if (urgent) showConversation(s, urgent.id);
          else setActiveTab('chat');
        },
      },
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
      { combo: LINK_SUGGESTION_SHORTCUT, label: t('kb.linkSuggestion') },
    ],
    [shortcuts, t],
  );

  const border = `1px solid ${token.colorBorderSecondary}`;
  const railPx = useAppStore((s) => s.settings?.deskLayout.railPx ?? RAIL_PX.standard);
  const rememberRail = ([rail]: number[]) => {
    const current = store.getState().settings?.deskLayout;
    if (current && rail !== undefined && clampPx(rail, RAIL_PX) !== current.railPx) void updateSettings({ deskLayout: { ...current, railPx: clampPx(rail, RAIL_PX) } });
  };
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, height: 48, lineHeight: '48px', background: token.colorBgContainer, borderBottom: border, paddingInline: 16 }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: token.fontSizeHeading4 }}>
          {t('app.title')} <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </Typography.Title>
        <span style={{ flex: 1 }} />
        <LanguageSelect />
        <Tooltip title={t('shortcuts.open')}>
          <Button icon={<QuestionCircleOutlined />} aria-label={t('shortcuts.open')} onClick={() => setHelpOpen(true)} />
        </Tooltip>
      </Layout.Header>
      <Splitter className="shell-split" onResizeEnd={rememberRail}>
        <Splitter.Panel defaultSize={railPx} min={RAIL_PX.min} max={RAIL_PX.max}>
          <aside className="shell-rail" data-region="phone-rail" tabIndex={-1} aria-label={t('nav.phoneRail')} style={{ background: token.colorBgLayout }}>
            <PhoneRail />
          </aside>
        </Splitter.Panel>
        <Splitter.Panel>
          <main className="shell-workspace" data-region="workspace" tabIndex={-1} aria-label={t('nav.workspace')} style={{ background: token.colorBgContainer }}>
            <CountdownStrip />
            <Tabs
              className="workspace-tabs"
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
        </Splitter.Panel>
      </Splitter>
      <Layout.Footer style={{ padding: '4px 16px', borderTop: border }}>
        <footer data-region="status-bar" tabIndex={-1} aria-label={t('nav.statusBar')}>
          <StatusBar />
        </footer>
      </Layout.Footer>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={help} />
    </Layout>
  );
}
