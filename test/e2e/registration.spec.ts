import { expect } from '@playwright/test';
import { configureLine, registrationOf, test } from './sip-harness';
import { startWsRelay } from './ws-relay';

// A registration that lapses while the connection stays up: Kamailio grants 10 s bindings, and a
// relay between the desk and Kamailio stops passing the desk's refreshes on. The desk must show
// the lapse (not a stale 已注册) and register again by itself once the PBX answers again.
test('a lapsed registration is shown, and the desk registers again by itself when the PBX answers', async ({ bed }) => {
  test.setTimeout(150_000);
  const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, [], { maxExpires: 10 });
  const relay = await startWsRelay(pbx.wsUrl);
  bed.adopt(() => relay.close());
  await configureLine(agent, { ...pbx, wsUrl: relay.url });
  await expect(registrationOf(agent)).toHaveText('已注册');

  // start dropping just after a refresh went through: the next one (at 90 % of 10 s) goes
  // unanswered and the binding expires about 10 s after the last one that was answered
  const registers = () => relay.fromDesk.filter((m) => m.startsWith('REGISTER ')).length;
  const sent = registers();
  await expect.poll(registers, { timeout: 15_000 }).toBeGreaterThan(sent);
  relay.dropRegisters = true;
  await expect(agent.page.getByTestId('registration-error')).toContainText('注册已失效', { timeout: 35_000 });
  await expect(registrationOf(agent)).toHaveText('重新连接中…');
  expect(relay.dropped).toBeGreaterThan(0);

  relay.dropRegisters = false;
  // recovers once sip.js gives up on the unanswered refresh (its 32 s transaction timeout) and the retry gets through
  await expect(registrationOf(agent)).toHaveText('已注册', { timeout: 60_000 });
});

// Closing the desk during a call asks first; when it does close, the call is hung up and the line
// unregistered (an un-REGISTER seen on the wire), not left for the PBX to find out.
test('closing the desk during a call asks; closing anyway hangs up and unregisters', async ({ bed }) => {
  test.setTimeout(60_000);
  const { pbx, agent, customer } = await bed.start({ agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });
  const relay = await startWsRelay(pbx.wsUrl);
  bed.adopt(() => relay.close());
  await configureLine(agent, { ...pbx, wsUrl: relay.url });
  await expect(registrationOf(agent)).toHaveText('已注册');
  await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
  await customer.page.getByRole('button', { name: '呼叫' }).click();
  await agent.page.getByRole('button', { name: '接听' }).click();
  await expect(customer.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');

  const asked = new Promise<string>((resolve) => agent.page.once('dialog', (d) => (resolve(d.type()), void d.dismiss())));
  await agent.page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected'); // stayed
  expect(agent.page.isClosed()).toBe(false);

  agent.page.once('dialog', (d) => void d.accept());
  await agent.page.close({ runBeforeUnload: true });
  await expect(customer.page.getByTestId('call-card')).toHaveCount(0); // the BYE came
  await expect.poll(() => relay.fromDesk.some((m) => m.startsWith('REGISTER ') && /expires=0|Expires: 0/i.test(m))).toBe(true);
});

// Saving the line reconnects it, which would end the call: during a call the desk asks first, and
// "later" keeps both the call and what was typed.
test('saving the line settings during a call asks first; "later" keeps the call and the typed values', async ({ bed }) => {
  test.setTimeout(60_000);
  const { agent, customer } = await bed.start({ agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });
  await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
  await customer.page.getByRole('button', { name: '呼叫' }).click();
  await agent.page.getByRole('button', { name: '接听' }).click();
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
  // the call's visit pops up on the 工作台 first; then the agent goes to the line
  await expect(agent.page.getByTestId('wrap-up-form')).toBeVisible();

  await agent.page.getByRole('tab', { name: '线路' }).click();
  await agent.page.getByLabel('显示名称').fill('王工 8 号');
  await agent.page.getByRole('button', { name: '保存并连接' }).click();
  await expect(agent.page.getByRole('dialog')).toContainText('有 1 个通话进行中：保存线路会重新注册并挂断通话');
  await agent.page.getByRole('button', { name: '通话结束后再保存' }).click();
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
  await expect(agent.page.getByLabel('显示名称')).toHaveValue('王工 8 号');

  await agent.page.getByRole('button', { name: '保存并连接' }).click();
  await agent.page.getByRole('button', { name: '挂断并保存' }).click();
  await expect(agent.page.getByTestId('call-card')).toHaveCount(0);
  await expect(registrationOf(agent)).toHaveText('已注册');
});
