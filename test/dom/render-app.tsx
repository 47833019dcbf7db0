import { render } from '@testing-library/react';
import { App, AppProviders } from '../../renderer/src/App';
import { TeamChannel } from '../../renderer/src/features/escalation';
import { SoftphoneController } from '../../renderer/src/features/softphone';
import { sealedSender } from '../../renderer/src/features/team';
import { createI18n } from '../../renderer/src/i18n';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';

/** Renders the whole shell (or only `part`, inside all the app's providers) over a fake API, loaded the way main.tsx loads it. */
export async function renderApp(now: () => number = () => 1_700_000_000_000, part?: React.ReactNode) {
  const api = fakeApi();
  const store = createAppStore({ api, now });
  await Promise.all([store.getState().loadSettings(), store.getState().loadInfo()]);
  const i18n = createI18n(store.getState().settings!.locale);
  const softphone = new SoftphoneController(store, api);
  const team = new TeamChannel(store, api, sealedSender(api, softphone));
  const props = { api, store, softphone, team, i18n };
  const view = render(part ? <AppProviders {...props}>{part}</AppProviders> : <App {...props} />);
  return { api, store, softphone, team, i18n, view };
}
