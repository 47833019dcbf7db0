/**
 * Renderer entry: connect to the host, load what the shell needs, render, then announce readiness
 * (`<html data-zuoxi-ready>` and a `zuoxi:ready` event) so tests and tools wait for the app, not a timer.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import './global.css';
import { BootError, type BootFailure } from './BootError';
import { watchWrapUp } from './features/agent-state';
import { SoftphoneController } from './features/softphone';
import { announceEscalation, TeamChannel } from './features/escalation';
import { watchDeadlines } from './features/deadlines';
import { trackScript } from './features/phrases';
import { ChatChannel, runIdleClose, watchReplyClocks } from './features/chat';
import { recordCalls } from './features/recording';
import { openMailbox, publishDirectory, recordMonitoring, reportPresence, reportSummaries, sealedSender } from './features/team';
import { trackVisits } from './features/visits';
import { createI18n } from './i18n';
import { BridgeUnavailableError, connectBridge } from './platform/bridge';
import { notify } from './platform/notify';
import { createAppStore } from './store';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const i18n = createI18n();
  try {
    const api = await connectBridge();
    const store = createAppStore({ api, now: Date.now });
    await Promise.all([store.getState().loadSettings(), store.getState().loadInfo()]);
    const locale = store.getState().settings?.locale;
    if (locale) await i18n.changeLanguage(locale);
    const softphone = new SoftphoneController(store, api);
    const send = sealedSender(api, softphone);
    const chat = new ChatChannel(store, api, softphone);
    const team = new TeamChannel(store, api, send, announceEscalation(store, (e) => i18n.t('escalation.notify', { agent: e.payload.agent, reason: i18n.t(`escalation.reasons.${e.payload.reason}`) })));
    root.render(
      <StrictMode>
        <App api={api} store={store} softphone={softphone} team={team} chat={chat} i18n={i18n} />
      </StrictMode>,
    );
    trackVisits(store, api);
    trackScript(store, api);
    watchWrapUp(store, { alert: (kind, then) => notify(i18n.t('app.title'), i18n.t(`deadlines.wrapUpAlert.${kind}.${then}`), 'wrap-up') });
    watchDeadlines(store, api, {
      notify,
      escalate: (input) => void team.escalate(input),
      text: (kind, d) => i18n.t(`deadlines.notify.${kind}`, { clock: i18n.t(`deadlines.clock.${d.clock}`), customer: d.customerName || d.customerNumber }),
      summary: (count) => i18n.t('deadlines.notify.many', { count }),
    });
    void store.getState().loadTeam();
    const publisher = publishDirectory(store, api, send);
    openMailbox(store, api, softphone, { escalation: (e, from) => team.received(e, from), presence: (entry) => publisher.behind(entry) });
    reportPresence(store, send);
    reportSummaries(store, send);
    recordMonitoring(store, api);
    recordCalls(store, api, softphone);
    void team.start();
    chat.start();
    runIdleClose(store, chat);
    watchReplyClocks(store, (kind, peer, conv) => notify(i18n.t('app.title'), i18n.t(`deadlines.notify.${kind}`, { clock: i18n.t('deadlines.clock.reply'), customer: peer }), `chat-reply-${conv}`));
    softphone.watchEnvironment();
    softphone.guardLeaving();
    void softphone.connectSaved();
    requestAnimationFrame(() => {
      document.documentElement.dataset['zuoxiReady'] = 'true';
      window.dispatchEvent(new Event('zuoxi:ready'));
    });
  } catch (e) {
    const failure: BootFailure =
      e instanceof BridgeUnavailableError ? { kind: e.reason } : { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
    // a new launch address pasted into this page changes only the fragment: start over with it
    window.addEventListener('hashchange', () => location.reload(), { once: true });
    root.render(
      <I18nextProvider i18n={i18n}>
        <BootError failure={failure} />
      </I18nextProvider>,
    );
  }
}

void boot();
