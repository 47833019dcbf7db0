import { expect, test } from '@playwright/test';
import { configureLine, expectDoesNotHear, expectHears, registrationOf, startParty, startTestPbx, type Party, type Pbx } from './sip-harness';

// Customer 1002 hears the agent's 400 Hz; agent 1001 hears the customer's 1000 Hz.
const AGENT_HZ = 400;
const CUSTOMER_HZ = 1000;

test.describe('softphone against a real Kamailio with real audio', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });

  let pbx: Pbx;
  let agent: Party;
  let customer: Party;

  test.beforeAll(async () => {
    pbx = await startTestPbx([
      { user: '1001', password: 'agent-pw-1001' },
      { user: '1002', password: 'cust-pw-1002' },
    ]);
    [agent, customer] = await Promise.all([
      startParty({ name: 'agent', user: '1001', password: 'agent-pw-1001', toneHz: AGENT_HZ }),
      startParty({ name: 'customer', user: '1002', password: 'cust-pw-1002', toneHz: CUSTOMER_HZ }),
    ]);
  });

  test.afterAll(async () => {
    await Promise.all([agent?.close(), customer?.close()]);
    await pbx?.stop();
  });

  const callCard = (p: Party) => p.page.getByTestId('call-card');

  async function callAgentAndAnswer(answerWith: 'click' | 'keyboard' = 'click') {
    await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
    await customer.page.getByRole('button', { name: '呼叫' }).click();
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'ringing');
    if (answerWith === 'click') await agent.page.getByRole('button', { name: '接听' }).click();
    else await agent.page.keyboard.press('Alt+KeyA');
    await expect(callCard(agent)).toHaveAttribute('data-call-phase', 'connected');
    await expect(callCard(customer)).toHaveAttribute('data-call-phase', 'connected');
  }

  async function hangUp(by: Party) {
    await by.page.getByRole('button', { name: '挂断' }).click();
    await expect(callCard(agent)).toHaveCount(0);
    await expect(callCard(customer)).toHaveCount(0);
  }

  test('a wrong password gives a clear authentication error, and the right one registers', async () => {
    await configureLine(agent, pbx, 'not-the-password');
    await expect(registrationOf(agent)).toHaveText('注册失败');
    await expect(agent.page.getByTestId('registration-error')).toContainText('认证失败');

    await configureLine(agent, pbx);
    await configureLine(customer, pbx);
    await expect(registrationOf(agent)).toHaveText('已注册');
    await expect(registrationOf(customer)).toHaveText('已注册');
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

  test('Kamailio killed and restarted: the desks re-register by themselves and the next call works (answered and hung up by keyboard)', async () => {
    const wsPort = Number(new URL(pbx.wsUrl).port);
    await pbx.stop();
    await expect(registrationOf(agent)).toHaveText('重新连接中…');
    await expect(agent.page.getByTestId('registration-error')).toContainText('无法连接 SIP 服务器');
    pbx = await startTestPbx(
      [
        { user: '1001', password: 'agent-pw-1001' },
        { user: '1002', password: 'cust-pw-1002' },
      ],
      wsPort,
    );
    await expect(registrationOf(agent)).toHaveText('已注册', { timeout: 20_000 });
    await expect(registrationOf(customer)).toHaveText('已注册', { timeout: 20_000 });
    await callAgentAndAnswer('keyboard');
    await expectHears(agent, CUSTOMER_HZ);
    await agent.page.keyboard.press('Alt+KeyH');
    await expect(callCard(agent)).toHaveCount(0);
    await expect(callCard(customer)).toHaveCount(0);
  });
});
