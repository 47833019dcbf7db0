import { expect } from '@playwright/test';
import { configureLine, registrationOf, test } from './sip-harness';
import { startWsRelay } from './ws-relay';

// A registration that lapses while the connection stays up: Kamailio grants 10 s bindings, and a
// relay between the desk and Kamailio stops passing the desk's refreshes on. The desk must show
// the lapse (not a stale 已注册) and register again by itself once the PBX answers again.
test('a lapsed registration is shown, and the desk registers again by itself when the PBX answers', async ({ bed }) => {
  test.setTimeout(120_000);
  const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, [], { maxExpires: 10 });
  const relay = await startWsRelay(pbx.wsUrl);
  bed.adopt(() => relay.close());
  await configureLine(agent, { ...pbx, wsUrl: relay.url });
  await expect(registrationOf(agent)).toHaveText('已注册');

  relay.dropRegisters = true;
  // the refresh (at 90 % of 10 s) goes unanswered; at 10 s the binding is gone
  await expect(agent.page.getByTestId('registration-error')).toContainText('注册已失效', { timeout: 20_000 });
  await expect(registrationOf(agent)).toHaveText('重新连接中…');
  expect(relay.dropped).toBeGreaterThan(0);

  relay.dropRegisters = false;
  // recovers once sip.js gives up on the unanswered refresh (its 32 s transaction timeout) and the retry gets through
  await expect(registrationOf(agent)).toHaveText('已注册', { timeout: 60_000 });
});
