import { render } from '@testing-library/react';
import { App } from '../../renderer/src/App';
import { SoftphoneController } from '../../renderer/src/features/softphone';
import { createI18n } from '../../renderer/src/i18n';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';

/** Renders the whole shell over a fake API, loaded the way main.tsx loads it. */
export async function renderApp(now: () => number = () => 1_700_000_000_000) {
  const api = fakeApi();
  const store = createAppStore({ api, now });
  await Promise.all([store.getState().loadSettings(), store.getState().loadInfo()]);
  const i18n = createI18n(store.getState().settings!.locale);
  const softphone = new SoftphoneController(store, api);
  const view = render(<App api={api} store={store} softphone={softphone} i18n={i18n} />);
  return { api, store, softphone, i18n, view };
}
