import { expect } from '@playwright/test';
import {
  configureLine,
  expectDoesNotHear,
  expectHears,
  followTransfersTo,
  hangUpFrom,
  passwordOf,
  registrationOf,
  startTestPbx,
  test,
  type Party,
  type Pbx,
  type SipBed,
} from './sip-harness';

// Customer 1002 hears the agent's 400 Hz; agent 1001 hears the customer's 1000 Hz; a third
// party 1003 (a colleague, the transfer target) speaks 700 Hz. Each case starts its own Kamailio
// and its own desks, so one failure cannot leave a call or a state behind for the next.
const AGENT_HZ = 400;
const CUSTOMER_HZ = 1000;
const THIRD_HZ = 700;

interface Desks {
  readonly pbx: Pbx;
  readonly agent: Party;
  readonly customer: Party;
}

const AGENT = { user: '1001', toneHz: AGENT_HZ };
const CUSTOMER = { user: '1002', toneHz: CUSTOMER_HZ };
/** Agent and customer; `trio` adds the third party (a colleague, the transfer target). */
const desks = (bed: SipBed): Promise<Desks> => bed.start({ agent: AGENT, customer: CUSTOMER });
const trio = (bed: SipBed) => bed.start({ agent: AGENT, customer: CUSTOMER, third: { user: '1003', toneHz: THIRD_HZ } });

test.describe('softphone against a real Kamailio with real audio', () => {
  test.describe.configure({ timeout: 60_000 });

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

  async function callAgentAndAnswer({ agent, customer }: Desks, answerWith: 'click' | 'keyboard' = 'click') {
    await dial(customer, '1001');
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'ringing');
    await expect(agent.page.getByTestId('ring-countdown')).toHaveAttribute('data-level', 'ok');
    await expect(agent.page.getByTestId('ring-countdown')).toContainText(/请在 1[0-5] 秒内接听（第 [12]\/3 声）/);
    if (answerWith === 'click') await agent.page.getByRole('button', { name: '接听' }).click();
    else await agent.page.keyboard.press('Alt+KeyA');
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'connected');
    await expect(callCard(customer)).toHaveAttribute('data-call-phase', 'connected');
  }

  async function hangUp({ agent, customer }: Desks, by: Party) {
    await hangUpFrom(by);
    await expect(callCard(agent)).toHaveCount(0);
    await expect(callCard(customer)).toHaveCount(0);
  }

  test('a wrong password gives a clear authentication error, and the right one registers', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await configureLine(agent, d.pbx, 'not-the-password');
    await expect(registrationOf(agent)).toHaveText('注册失败');
    await expect(agent.page.getByTestId('registration-error')).toContainText('认证失败');
    await expect(registrationOf(customer)).toHaveText('已注册');
    await configureLine(agent, d.pbx);
    await expect(registrationOf(agent)).toHaveText('已注册');
  });

  test('customer calls the agent, the agent answers, and each hears the other', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await callAgentAndAnswer(d);
    await expect(agent.page.getByTestId('agent-status')).toHaveText('通话中');
    await expectHears(agent, CUSTOMER_HZ);
    await expectHears(customer, AGENT_HZ);
  });

  test('hold silences both directions and resume brings the audio back', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await callAgentAndAnswer(d);
    await agent.page.getByRole('button', { name: '保持' }).click();
    await expect(callCard(agent)).toHaveAttribute('data-call-held', 'true');
    await expectDoesNotHear(customer, AGENT_HZ);
    await expectDoesNotHear(agent, CUSTOMER_HZ);
    await agent.page.getByRole('button', { name: '恢复' }).click();
    await expect(callCard(agent)).toHaveAttribute('data-call-held', 'false');
    await expectHears(customer, AGENT_HZ);
    await expectHears(agent, CUSTOMER_HZ);
  });

  test('mute stops the agent’s microphone reaching the customer, unmute restores it', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await callAgentAndAnswer(d);
    await agent.page.getByRole('button', { name: '静音', exact: true }).click();
    await expectDoesNotHear(customer, AGENT_HZ);
    await expectHears(agent, CUSTOMER_HZ);
    await agent.page.getByRole('button', { name: '取消静音' }).click();
    await expectHears(customer, AGENT_HZ);
  });

  test('a pasted number with spaces or dashes dials; the call card counts talk time; keypad digits by SIP INFO reach the far end', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await agent.page.getByRole('tab', { name: '线路' }).click();
    await dial(customer, ' 10-0 1 ');
    await agent.page.getByRole('button', { name: '接听' }).click();
    await expect(callCard(customer)).toHaveAttribute('data-call-phase', 'connected');
    await expect(callCard(customer)).toHaveAttribute('data-remote', '1001');
    await expect(callCard(agent).getByTestId('talk-timer')).toHaveText(/^0:0[1-9]$/);

    await customer.page.getByRole('tab', { name: '线路' }).click();
    const info = customer.page.getByRole('radio', { name: 'SIP INFO' });
    await info.click();
    await expect(info).toBeChecked();
    const pad = callCard(customer).getByTestId('dtmf-keypad');
    await pad.getByRole('button', { name: '按键 1' }).click();
    await pad.getByRole('button', { name: '按键 2' }).click();
    await pad.press('#'); // the key itself, while the pad has focus
    await expect(callCard(customer).getByTestId('dtmf-sent')).toHaveText('已发送按键: 12#');
    await expect(agent.page.getByTestId('dtmf-received')).toHaveText('收到按键: 12#');
    await customer.page.getByLabel('按键 (DTMF)').fill('0*');
    await customer.page.getByLabel('按键 (DTMF)').press('Enter');
    await expect(agent.page.getByTestId('dtmf-received')).toHaveText('收到按键: 12#0*');
  });

  test('hang-up ends the call on both sides and puts the agent in wrap-up', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await callAgentAndAnswer(d);
    await hangUp(d, customer);
    await expect(agent.page.getByTestId('last-call')).toHaveAttribute('data-end-reason', 'remote-hangup');
    await expect(agent.page.getByTestId('agent-status')).toHaveText('话后处理');
  });

  test('after wrap-up the agent is Ready again; NotReady refuses calls with 480, a rejected call is 486', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await callAgentAndAnswer(d);
    await hangUp(d, customer);
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

  test('call waiting: a second call rings during a call; hold-and-answer, then back to the first', async ({ bed }) => {
    const d = await trio(bed);
    const { agent, customer, third } = d;
    await ready(agent);
    await callAgentAndAnswer(d);
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
    await hangUp(d, agent);
    await Promise.all([ready(agent), ready(third)]);
  });

  test('blind transfer: the customer ends up talking to the third party', async ({ bed }) => {
    const d = await trio(bed);
    const { agent, customer, third } = d;
    await followTransfersTo(customer, '100[0-9]'); // the customer's phone follows the agent's transfer
    await callAgentAndAnswer(d);
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

  test('attended transfer: consult the third party, then hand the customer over (REFER with Replaces)', async ({ bed }) => {
    const d = await trio(bed);
    const { agent, customer, third } = d;
    await followTransfersTo(customer, '100[0-9]');
    await callAgentAndAnswer(d);
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

  test('network change mid-call restarts ICE and the audio keeps flowing; RFC 4733 digits are played out', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await callAgentAndAnswer(d);
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
    await hangUp(d, agent);
    await ready(agent);
  });

  test('headset devices: microphone level shown, earpiece chosen by label and applied to the call, remembered', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await agent.page.getByRole('tab', { name: '线路' }).click();
    await agent.page.getByRole('button', { name: '检测麦克风' }).click();
    await expect.poll(async () => Number(await agent.page.getByTestId('mic-level').getAttribute('data-percent'))).toBeGreaterThan(50);
    await agent.page.getByRole('button', { name: '停止检测' }).click();
    const outputs = await agent.page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default'));
    const earpiece = outputs.at(-1)!;
    await agent.page.getByLabel('听筒 / 扬声器').click();
    // antd renders the visible options as items with a title (its role=option list is a hidden a11y mirror)
    await agent.page.locator(`.ant-select-item-option[title="${earpiece.label}"]`).click();
    await callAgentAndAnswer(d);
    await expect.poll(() => agent.page.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-zuoxi-remote-audio]')?.sinkId)).toBe(earpiece.deviceId);
    await expectHears(agent, CUSTOMER_HZ);
    await hangUp(d, customer);
    await ready(agent);
    await agent.page.reload();
    await agent.page.getByRole('tab', { name: '线路' }).click();
    await expect(agent.page.getByLabel('听筒 / 扬声器').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')).toContainText(earpiece.label);
    await expect(registrationOf(agent)).toHaveText('已注册');
  });

  test('Kamailio killed mid-call: the call is kept, the desks re-register by themselves, and the next call works (keyboard)', async ({ bed }) => {
    const d = await desks(bed);
    const { agent, customer } = d;
    await callAgentAndAnswer(d);
    await expectHears(agent, CUSTOMER_HZ);
    const wsPort = Number(new URL(d.pbx.wsUrl).port);
    await d.pbx.stop();
    await expect(registrationOf(agent)).toHaveText('重新连接中…');
    await expect(agent.page.getByTestId('registration-error')).toContainText('无法连接 SIP 服务器');
    // media flows peer to peer: the conversation goes on while the proxy is down
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'connected');
    await expectHears(agent, CUSTOMER_HZ);
    await expectHears(customer, AGENT_HZ);
    const again = await startTestPbx(['1001', '1002', '1003'].map((user) => ({ user, password: passwordOf(user) })), wsPort);
    bed.adopt(() => again.stop());
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
    await callAgentAndAnswer(d, 'keyboard');
    await expectHears(agent, CUSTOMER_HZ);
    await agent.page.keyboard.press('Alt+KeyH');
    // no closing phrase used: the desk asks, and Enter confirms
    await expect(agent.page.getByRole('button', { name: '仍要挂断' })).toBeFocused();
    await agent.page.keyboard.press('Enter');
    await expect(callCard(agent)).toHaveCount(0);
    await expect(callCard(customer)).toHaveCount(0);
  });
});
