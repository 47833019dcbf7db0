import { expect, test } from '@playwright/test';
import { configureLine, expectDoesNotHear, expectHears, hangUpFrom, registrationOf, startParty, startTestPbx, type Party, type Pbx } from './sip-harness';

// Customer 1002 hears the agent's 400 Hz; agent 1001 hears the customer's 1000 Hz; a third
// party 1003 (a colleague, the transfer target) speaks 700 Hz.
const AGENT_HZ = 400;
const CUSTOMER_HZ = 1000;
const THIRD_HZ = 700;
const ACCOUNTS = [
  { user: '1001', password: 'agent-pw-1001' },
  { user: '1002', password: 'cust-pw-1002' },
  { user: '1003', password: 'third-pw-1003' },
];

test.describe('softphone against a real Kamailio with real audio', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });

  let pbx: Pbx;
  let agent: Party;
  let customer: Party;
  let third: Party;

  test.beforeAll(async () => {
    pbx = await startTestPbx(ACCOUNTS);
    [agent, customer, third] = await Promise.all([
      startParty({ name: 'agent', ...ACCOUNTS[0]!, toneHz: AGENT_HZ }),
      startParty({ name: 'customer', ...ACCOUNTS[1]!, toneHz: CUSTOMER_HZ }),
      startParty({ name: 'third', ...ACCOUNTS[2]!, toneHz: THIRD_HZ }),
    ]);
  });

  test.afterAll(async () => {
    await Promise.all([agent?.close(), customer?.close(), third?.close()]);
    await pbx?.stop();
  });

  const callCard = (p: Party) => p.page.getByTestId('call-card');
  const cardWith = (p: Party, remote: string) => p.page.locator(`[data-testid="call-card"][data-remote="${remote}"]`);

  async function dial(from: Party, target: string) {
    await from.page.getByLabel('号码或 SIP 地址').fill(target);
    await from.page.getByRole('button', { name: '呼叫' }).click();
  }

  /** Ends wrap-up if the desk is in it, so the next inbound call rings. */
  async function ready(p: Party) {
    const finish = p.page.getByRole('button', { name: '完成话后处理' });
    if (await finish.isVisible()) await finish.click();
    await expect(p.page.getByTestId('agent-status')).toHaveText('就绪');
  }

  async function callAgentAndAnswer(answerWith: 'click' | 'keyboard' = 'click') {
    await dial(customer, '1001');
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'ringing');
    await expect(agent.page.getByTestId('ring-countdown')).toHaveAttribute('data-level', 'ok');
    await expect(agent.page.getByTestId('ring-countdown')).toContainText(/请在 1[0-5] 秒内接听（第 [12]\/3 声）/);
    if (answerWith === 'click') await agent.page.getByRole('button', { name: '接听' }).click();
    else await agent.page.keyboard.press('Alt+KeyA');
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'connected');
    await expect(callCard(customer)).toHaveAttribute('data-call-phase', 'connected');
  }

  async function hangUp(by: Party) {
    await hangUpFrom(by);
    await expect(callCard(agent)).toHaveCount(0);
    await expect(callCard(customer)).toHaveCount(0);
  }

  test('a wrong password gives a clear authentication error, and the right one registers', async () => {
    await configureLine(agent, pbx, 'not-the-password');
    await expect(registrationOf(agent)).toHaveText('注册失败');
    await expect(agent.page.getByTestId('registration-error')).toContainText('认证失败');

    await configureLine(agent, pbx);
    await configureLine(customer, pbx);
    await configureLine(third, pbx);
    await expect(registrationOf(agent)).toHaveText('已注册');
    await expect(registrationOf(customer)).toHaveText('已注册');
    await expect(registrationOf(third)).toHaveText('已注册');
  });

  test('customer calls the agent, the agent answers, and each hears the other', async () => {
    await callAgentAndAnswer();
    await expect(agent.page.getByTestId('agent-status')).toHaveText('通话中');
    await expectHears(agent, CUSTOMER_HZ);
    await expectHears(customer, AGENT_HZ);
  });

  test('hold silences both directions and resume brings the audio back', async () => {
    await agent.page.getByRole('button', { name: '保持' }).click();
    await expect(callCard(agent)).toHaveAttribute('data-call-held', 'true');
    await expectDoesNotHear(customer, AGENT_HZ);
    await expectDoesNotHear(agent, CUSTOMER_HZ);
    await agent.page.getByRole('button', { name: '恢复' }).click();
    await expect(callCard(agent)).toHaveAttribute('data-call-held', 'false');
    await expectHears(customer, AGENT_HZ);
    await expectHears(agent, CUSTOMER_HZ);
  });

  test('mute stops the agent’s microphone reaching the customer, unmute restores it', async () => {
    await agent.page.getByRole('button', { name: '静音', exact: true }).click();
    await expectDoesNotHear(customer, AGENT_HZ);
    await expectHears(agent, CUSTOMER_HZ);
    await agent.page.getByRole('button', { name: '取消静音' }).click();
    await expectHears(customer, AGENT_HZ);
  });

  test('DTMF by SIP INFO reaches the far end', async () => {
    await customer.page.getByRole('tab', { name: '线路' }).click();
    const info = customer.page.getByRole('radio', { name: 'SIP INFO' });
    await info.click();
    await expect(info).toBeChecked();
    await customer.page.getByLabel('按键 (DTMF)').fill('12#');
    await customer.page.getByRole('button', { name: '发送' }).click();
    await expect(agent.page.getByTestId('dtmf-received')).toHaveText('收到按键: 12#');
  });

  test('hang-up ends the call on both sides and puts the agent in wrap-up', async () => {
    await hangUp(customer);
    await expect(agent.page.getByTestId('last-call')).toHaveAttribute('data-end-reason', 'remote-hangup');
    await expect(agent.page.getByTestId('agent-status')).toHaveText('话后处理');
  });

  test('after wrap-up the agent is Ready again; NotReady refuses calls with 480, a rejected call is 486', async () => {
    await agent.page.getByRole('button', { name: '完成话后处理' }).click();
    await expect(agent.page.getByTestId('agent-status')).toHaveText('就绪');

    await agent.page.getByRole('button', { name: '选择未就绪原因' }).click();
    await agent.page.getByRole('menuitem', { name: '小休' }).click();
    await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
    await customer.page.getByRole('button', { name: '呼叫' }).click();
    await expect(customer.page.getByTestId('last-call')).toHaveAttribute('data-end-reason', 'unanswered');
    await expect(customer.page.getByTestId('last-call')).toContainText('480');
    await expect(callCard(agent)).toHaveCount(0);

    await agent.page.getByRole('button', { name: '置为就绪' }).click();
    await customer.page.getByRole('button', { name: '呼叫' }).click();
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'ringing');
    await agent.page.getByRole('button', { name: '拒接' }).click();
    await expect(customer.page.getByTestId('last-call')).toHaveAttribute('data-end-reason', 'busy');
    await expect(agent.page.getByTestId('agent-status')).toHaveText('就绪');
  });

  test('call waiting: a second call rings during a call; hold-and-answer, then back to the first', async () => {
    await ready(agent);
    await callAgentAndAnswer();
    await dial(third, '1001');
    await expect(cardWith(agent, '1003')).toHaveAttribute('data-call-phase', 'ringing');
    await expect(cardWith(agent, '1003')).toContainText('呼叫等待');
    await agent.page.getByRole('button', { name: '保持当前并接听' }).click();
    await expect(cardWith(agent, '1003')).toHaveAttribute('data-call-phase', 'connected');
    await expect(cardWith(agent, '1002')).toHaveAttribute('data-call-held', 'true');
    await expectHears(agent, THIRD_HZ, '1003');
    await expectHears(third, AGENT_HZ);
    await expectDoesNotHear(customer, AGENT_HZ);

    await hangUpFrom(third);
    await expect(callCard(agent)).toHaveCount(1);
    await expect(agent.page.getByTestId('agent-status')).toHaveText('通话中');
    await cardWith(agent, '1002').getByRole('button', { name: '恢复' }).click();
    await expect(cardWith(agent, '1002')).toHaveAttribute('data-call-held', 'false');
    await expectHears(customer, AGENT_HZ);
    await hangUp(agent);
    await Promise.all([ready(agent), ready(third)]);
  });

  test('blind transfer: the customer ends up talking to the third party', async () => {
    await callAgentAndAnswer();
    await agent.page.getByLabel('转接到（号码）').fill('1003');
    await agent.page.getByRole('button', { name: '直接转' }).click();
    await expect(agent.page.getByTestId('last-call')).toHaveAttribute('data-end-reason', 'transferred');
    await expect(callCard(agent)).toHaveCount(0);
    await expect(cardWith(third, '1002')).toHaveAttribute('data-call-phase', 'ringing');
    await third.page.getByRole('button', { name: '接听' }).click();
    await expect(cardWith(customer, '1003')).toHaveAttribute('data-call-phase', 'connected');
    await expectHears(customer, THIRD_HZ, '1003');
    await expectHears(third, CUSTOMER_HZ);
    await hangUpFrom(customer);
    await expect(callCard(third)).toHaveCount(0);
    await Promise.all([ready(agent), ready(third)]);
  });

  test('attended transfer: consult the third party, then hand the customer over (REFER with Replaces)', async () => {
    await callAgentAndAnswer();
    await dial(agent, '1003');
    await expect(cardWith(agent, '1002')).toHaveAttribute('data-call-held', 'true');
    await third.page.getByRole('button', { name: '接听' }).click();
    await expect(cardWith(agent, '1003')).toHaveAttribute('data-call-phase', 'connected');
    await expectHears(agent, THIRD_HZ, '1003');
    await expectDoesNotHear(customer, AGENT_HZ);

    await cardWith(agent, '1002').getByRole('button', { name: '咨询后转给 1003' }).click();
    await expect(callCard(agent)).toHaveCount(0);
    await expect(agent.page.getByTestId('last-call')).toHaveAttribute('data-end-reason', 'transferred');
    await expect(callCard(customer)).toHaveCount(1);
    await expect(cardWith(customer, '1003')).toHaveAttribute('data-call-phase', 'connected');
    await expect(callCard(third)).toHaveCount(1);
    await expect(cardWith(third, '1002')).toHaveAttribute('data-call-phase', 'connected');
    await expectHears(customer, THIRD_HZ, '1003');
    await expectHears(third, CUSTOMER_HZ, '1002');
    await hangUpFrom(third);
    await expect(callCard(customer)).toHaveCount(0);
    await Promise.all([ready(agent), ready(third)]);
  });

  test('network change mid-call restarts ICE and the audio keeps flowing; RFC 4733 digits are played out', async () => {
    await callAgentAndAnswer();
    const ufrag = () => agent.page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed').map((pc) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1]).join());
    const before = await ufrag();
    await agent.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(agent.page.getByTestId('ice-restarts')).toContainText('1 次');
    expect(await ufrag()).not.toBe(before);
    await expectHears(agent, CUSTOMER_HZ);
    await expectHears(customer, AGENT_HZ);

    // RFC 4733: both ends negotiated telephone-event and the agent's DTMF sender plays each digit out
    await agent.page.getByRole('tab', { name: '线路' }).click();
    await agent.page.getByRole('radio', { name: 'RFC 4733' }).click();
    await agent.page.evaluate(() => {
      const w = window as unknown as { __pcs: RTCPeerConnection[]; __tones: string };
      w.__tones = '';
      for (const pc of w.__pcs) {
        if (pc.connectionState === 'closed') continue;
        for (const s of pc.getSenders()) s.dtmf?.addEventListener('tonechange', (e) => (w.__tones += (e as RTCDTMFToneChangeEvent).tone || '|'));
      }
    });
    await agent.page.getByLabel('按键 (DTMF)').fill('5#');
    await agent.page.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => agent.page.evaluate(() => (window as unknown as { __tones: string }).__tones)).toBe('5#|');
    const negotiated = await customer.page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.some((pc) => pc.connectionState !== 'closed' && /telephone-event\/8000/.test(pc.currentLocalDescription?.sdp ?? '')));
    expect(negotiated).toBe(true);
    await hangUp(agent);
    await ready(agent);
  });

  test('headset devices: microphone level shown, earpiece chosen by label and applied to the call, remembered', async () => {
    await agent.page.getByRole('tab', { name: '线路' }).click();
    await agent.page.getByRole('button', { name: '检测麦克风' }).click();
    await expect.poll(async () => Number(await agent.page.getByTestId('mic-level').getAttribute('data-percent'))).toBeGreaterThan(50);
    await agent.page.getByRole('button', { name: '停止检测' }).click();
    const outputs = await agent.page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default'));
    const earpiece = outputs.at(-1)!;
    await agent.page.getByLabel('听筒 / 扬声器').click();
    // antd renders the visible options as items with a title (its role=option list is a hidden a11y mirror)
    await agent.page.locator(`.ant-select-item-option[title="${earpiece.label}"]`).click();
    await callAgentAndAnswer();
    await expect.poll(() => agent.page.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-zuoxi-remote-audio]')?.sinkId)).toBe(earpiece.deviceId);
    await expectHears(agent, CUSTOMER_HZ);
    await hangUp(customer);
    await ready(agent);
    await agent.page.reload();
    await agent.page.getByRole('tab', { name: '线路' }).click();
    await expect(agent.page.getByLabel('听筒 / 扬声器').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')).toContainText(earpiece.label);
    await expect(registrationOf(agent)).toHaveText('已注册');
  });

  test('Kamailio killed mid-call: the call is kept, the desks re-register by themselves, and the next call works (keyboard)', async () => {
    await callAgentAndAnswer();
    await expectHears(agent, CUSTOMER_HZ);
    const wsPort = Number(new URL(pbx.wsUrl).port);
    await pbx.stop();
    await expect(registrationOf(agent)).toHaveText('重新连接中…');
    await expect(agent.page.getByTestId('registration-error')).toContainText('无法连接 SIP 服务器');
    // media flows peer to peer: the conversation goes on while the proxy is down
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'connected');
    await expectHears(agent, CUSTOMER_HZ);
    await expectHears(customer, AGENT_HZ);
    pbx = await startTestPbx(ACCOUNTS, wsPort);
    await expect(registrationOf(agent)).toHaveText('已注册', { timeout: 20_000 });
    await expect(registrationOf(customer)).toHaveText('已注册', { timeout: 20_000 });
    // the kept call still hangs up cleanly through the restarted proxy
    await agent.page.keyboard.press('Alt+KeyH');
    // no closing phrase used: the desk asks, and Enter confirms
    await expect(agent.page.getByRole('button', { name: '仍要挂断' })).toBeFocused();
    await agent.page.keyboard.press('Enter');
    await expect(callCard(agent)).toHaveCount(0);
    await expect(callCard(customer)).toHaveCount(0);
    await ready(agent);
    await callAgentAndAnswer('keyboard');
    await expectHears(agent, CUSTOMER_HZ);
    await agent.page.keyboard.press('Alt+KeyH');
    // no closing phrase used: the desk asks, and Enter confirms
    await expect(agent.page.getByRole('button', { name: '仍要挂断' })).toBeFocused();
    await agent.page.keyboard.press('Enter');
    await expect(callCard(agent)).toHaveCount(0);
    await expect(callCard(customer)).toHaveCount(0);
  });
});
