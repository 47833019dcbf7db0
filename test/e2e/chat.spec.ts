import { expect } from '@playwright/test';
import { CHAT_MESSAGE_TYPE, IS_COMPOSING_TYPE, isComposingBody } from '../../shared/chat';
import { startFarEnd } from '../bench/far-end';
import { hostApi } from './host-api';
import { passwordOf, registrationOf, startTestPbx, test } from './sip-harness';

// The online channel (issue 18) over a real Kamailio: two customers chat with one agent desk at
// once, one from a Zuoxi chat page (JSON, here the plain sip.js phone sending it), one from an
// ordinary SIP client (text/plain).
const chat = (id: string, conv: string, seq: number, text: string) => JSON.stringify({ v: 1, kind: 'msg', id, conv, seq, text, at: Date.now() });

test.describe('online chat', () => {
  test.describe.configure({ timeout: 120_000 });

  test('two customers at once: each message shown once, replies reach each in its own form, longest-waiting first, kept across a reload', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, ['1002', '1003']);
    const web = await startFarEnd(pbx, { user: '1002', password: passwordOf('1002') }, 1000);
    bed.adopt(() => web.close());
    const phone = await startFarEnd(pbx, { user: '1003', password: passwordOf('1003') }, 1300);
    bed.adopt(() => phone.close());
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(agent.page.getByTestId('chat-empty')).toBeVisible();

    const first = chat('web-msg-000001', 'web-conv-0001', 1, '宽带断网了，怎么办？');
    expect(await web.message('1001', CHAT_MESSAGE_TYPE, first)).toBe(200);
    expect(await phone.message('1001', 'text/plain;charset=utf-8', '你好，我要查话费')).toBe(200);
    // the same message again (a resend after a lost answer): answered 200, shown once
    expect(await web.message('1001', CHAT_MESSAGE_TYPE, first)).toBe(200);
    // malformed and oversized messages are refused with a reason
    expect(await web.message('1001', CHAT_MESSAGE_TYPE, '{"v":1}')).toBe(400);
    expect(await phone.message('1001', 'text/plain', '长'.repeat(3_000))).toBe(413);

    const tabs = agent.page.getByTestId('chat-tab');
    await expect(tabs).toHaveText(['1002', '1003']); // both wait; 1002 has waited longer
    const web1 = agent.page.locator('[data-testid="conversation"][data-conv="web-conv-0001"]');
    await expect(web1.getByTestId('chat-message')).toHaveCount(1);
    await expect(web1.getByTestId('chat-message')).toContainText('宽带断网了，怎么办？');

    // the agent answers 1002: Shift+Enter is a new line, Enter sends
    const box = web1.getByLabel('回复');
    await box.fill('您好，我是 1001 号坐席。');
    await box.press('Shift+Enter');
    await box.pressSequentially('请问您的宽带账号？');
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(web1.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'delivered');
    // the agent's typing speed today, from what it typed
    await expect(agent.page.getByTestId('typing-speed')).toHaveAttribute('data-per-minute', /^[1-9]\d*$/);
    await expect.poll(async () => (await web.messages()).filter((m) => m.contentType === CHAT_MESSAGE_TYPE).map((m) => JSON.parse(m.body) as { conv: string; seq: number; text: string })).toEqual([
      expect.objectContaining({ conv: 'web-conv-0001', seq: 1, text: '您好，我是 1001 号坐席。\n请问您的宽带账号？' }),
    ]);
    // now only 1003 waits: it comes first
    await expect(tabs).toHaveText(['1003', '1002']);

    // from anywhere, Alt+U opens the conversation waiting longest, its reply box focused
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    await agent.page.keyboard.press('Alt+KeyU');
    const plain = agent.page.locator('[data-testid="conversation"]').filter({ hasText: '你好，我要查话费' });
    await expect(plain.getByLabel('回复')).toBeFocused();
    // 1003 is a plain SIP client: its reply goes back as text
    await plain.getByLabel('回复').fill('您好，请稍等，我帮您查询');
    await plain.getByLabel('回复').press('Enter');
    await expect.poll(async () => (await phone.messages()).map((m) => `${m.contentType} ${m.body}`)).toEqual(['text/plain;charset=utf-8 您好，请稍等，我帮您查询']);

    // reloaded, the desk has both conversations and every message once
    await agent.page.reload();
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(tabs).toHaveCount(2);
    await tabs.filter({ hasText: '1002' }).click();
    await expect(agent.page.locator('[data-testid="conversation"][data-conv="web-conv-0001"]').getByTestId('chat-message')).toHaveText([/宽带断网了/, /请问您的宽带账号/]);

    // each conversation is an online visit in 来访记录, with its transcript
    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    const rows = agent.page.getByTestId('visits-table').locator('tbody tr');
    await expect(rows.filter({ hasText: '1003' })).toHaveCount(1);
    await rows.filter({ hasText: '1002' }).click();
    await expect(agent.page.getByTestId('transcript-line')).toHaveText([/客户\s*宽带断网了，怎么办？/, /坐席\s*您好，我是 1001 号坐席。\s*请问您的宽带账号？/]);
  });

  test('the clocks: reply counts down and stops on the reply; a silent customer is prompted at 3 and closed at 5 (policy at seconds), and coming back starts again', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, ['1002']);
    const web = await startFarEnd(pbx, { user: '1002', password: passwordOf('1002') }, 1000);
    bed.adopt(() => web.close());
    // the same policy, at a scale of seconds: the desk runs it through the same code as 3 and 5 minutes
    const api = await hostApi(agent.host);
    const settings = (await api.call('settings.get', undefined)) as { ok: true; value: { deadlinePolicy: { rules: Record<string, Record<string, unknown>> } } };
    const policy = settings.value.deadlinePolicy;
    const scaled = { ...policy.rules, 'idle-prompt': { ...policy.rules['idle-prompt'], duration: '4s', dueSoon: '2s' }, 'idle-close': { ...policy.rules['idle-close'], duration: '8s', dueSoon: '2s' } };
    expect(await api.call('settings.update', { deadlinePolicy: { ...policy, rules: scaled } })).toMatchObject({ ok: true });
    api.close();
    await agent.page.reload();
    await expect(registrationOf(agent)).toHaveText('已注册');

    expect(await web.message('1001', CHAT_MESSAGE_TYPE, chat('web-msg-100001', 'web-conv-1001', 1, '在吗？我的宽带很慢'))).toBe(200);
    const strip = agent.page.getByTestId('countdown-strip');
    await expect(strip.locator('[data-clock="reply"]')).toContainText('1002');
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    const conversation = agent.page.locator('[data-testid="conversation"][data-conv="web-conv-1001"]');
    await conversation.getByLabel('回复').fill('您好，请问您的宽带账号是多少？');
    await conversation.getByLabel('回复').press('Enter');
    // the reply clock stops; the 3/5 clocks run
    await expect(strip.locator('[data-clock="reply"]')).toHaveCount(0);
    await expect(strip.locator('[data-clock="idle-close"]')).toContainText('1002');

    const texts = async () => (await web.messages()).filter((m) => m.contentType === CHAT_MESSAGE_TYPE).map((m) => (JSON.parse(m.body) as { text: string }).text);
    await expect.poll(texts, { timeout: 15_000 }).toEqual(['您好，请问您的宽带账号是多少？', expect.stringContaining('请问您还在线吗')]);
    await expect.poll(texts, { timeout: 15_000 }).toEqual(['您好，请问您的宽带账号是多少？', expect.stringContaining('请问您还在线吗'), expect.stringContaining('感谢您的咨询')]);
    await expect(agent.page.getByTestId('chat-empty')).toBeVisible();
    await expect(strip.locator('[data-clock^="idle"]')).toHaveCount(0);

    // the customer comes back (R-CALLBACK-DROP): the same conversation opens again, its reply clock running
    expect(await web.message('1001', CHAT_MESSAGE_TYPE, chat('web-msg-100002', 'web-conv-1001', 2, '刚才断网了'))).toBe(200);
    await expect(conversation.getByTestId('chat-message')).toHaveCount(5);
    await expect(strip.locator('[data-clock="reply"]')).toContainText('1002');
  });

  test('a reply with a forbidden phrase is held back until fixed or sent with a reason; the customer\'s sensitive words warn; typing shows', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, ['1002']);
    const web = await startFarEnd(pbx, { user: '1002', password: passwordOf('1002') }, 1000);
    bed.adopt(() => web.close());
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    // RFC 3994: the customer types
    expect(await web.message('1001', IS_COMPOSING_TYPE, isComposingBody('active', 30))).toBe(200);
    await expect(agent.page.getByTestId('peer-typing')).toHaveCount(0); // no conversation yet to show it in
    expect(await web.message('1001', CHAT_MESSAGE_TYPE, chat('web-msg-200001', 'web-conv-2001', 1, '你们怎么回事，再不处理我就找记者'))).toBe(200);
    const conversation = agent.page.locator('[data-testid="conversation"][data-conv="web-conv-2001"]');
    // the customer's sensitive words raise the warning with the one-click escalation
    await expect(conversation.getByTestId('sensitive-warning')).toContainText('记者');
    await expect(conversation.getByTestId('sensitive-warning').getByTestId('escalate')).toBeVisible();
    expect(await web.message('1001', IS_COMPOSING_TYPE, isComposingBody('active', 30))).toBe(200);
    await expect(conversation.getByTestId('peer-typing')).toHaveText('对方正在输入…');
    expect(await web.message('1001', IS_COMPOSING_TYPE, isComposingBody('idle'))).toBe(200);
    await expect(conversation.getByTestId('peer-typing')).toHaveCount(0);

    const box = conversation.getByLabel('回复');
    await box.fill('喂，什么事？');
    await expect(conversation.getByTestId('compliance-finding')).toContainText('喂，什么事');
    await box.press('Enter');
    const gate = agent.page.getByTestId('compliance-gate');
    await expect(gate).toContainText('喂，什么事');
    await agent.page.getByRole('button', { name: '返回修改' }).click();
    await expect(gate).toHaveCount(0);
    await expect(box).toHaveValue('喂，什么事？'); // nothing sent, nothing lost
    await expect(conversation.locator('[data-direction="out"]')).toHaveCount(0);
    // sent anyway, with a reason the lead sees
    await box.press('Enter');
    await agent.page.getByLabel('确需保留时请填写原因（组长可见）：').fill('客户原话复述');
    await agent.page.getByRole('button', { name: '填写原因后保存' }).click();
    await expect(conversation.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'delivered');
    const got = await web.messages();
    expect(got.filter((m) => m.contentType === CHAT_MESSAGE_TYPE).map((m) => (JSON.parse(m.body) as { text: string }).text)).toEqual(['喂，什么事？']);
    // and the agent's own typing went to the customer's page as isComposing
    expect(got.some((m) => m.contentType === IS_COMPOSING_TYPE && m.body.includes('<state>active</state>'))).toBe(true);

    // the customer is silent now: the 3-minute prompt is one click away, and then not offered again
    await conversation.getByTestId('send-prompt').click();
    await expect(conversation.getByTestId('send-prompt')).toHaveCount(0);
    await expect.poll(async () => (await web.messages()).filter((m) => m.contentType === CHAT_MESSAGE_TYPE).map((m) => (JSON.parse(m.body) as { text: string }).text)).toEqual(['喂，什么事？', expect.stringContaining('请问您还在线吗')]);
  });

  test('Kamailio restarted mid-conversation and the desk reloaded: no message lost, none twice', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, ['1002']);
    const web = await startFarEnd(pbx, { user: '1002', password: passwordOf('1002') }, 1000);
    const first = chat('web-msg-300001', 'web-conv-3001', 1, '我的订单还没到');
    expect(await web.message('1001', CHAT_MESSAGE_TYPE, first)).toBe(200);
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    const conversation = agent.page.locator('[data-testid="conversation"][data-conv="web-conv-3001"]');
    await expect(conversation.getByTestId('chat-message')).toHaveCount(1);

    // the PBX goes away; the agent's reply is stored and waits
    const wsPort = Number(new URL(pbx.wsUrl).port);
    await pbx.stop();
    await web.close();
    await expect(registrationOf(agent)).toHaveText('重新连接中…');
    await conversation.getByLabel('回复').fill('您好，我帮您查一下物流');
    await conversation.getByLabel('回复').press('Enter');
    await expect(conversation.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'queued');

    // the PBX is back, the customer's page too: the desk re-registers and the reply goes, once
    const again = await startTestPbx(['1001', '1002'].map((user) => ({ user, password: passwordOf(user) })), wsPort);
    bed.adopt(() => again.stop());
    const back = await startFarEnd(again, { user: '1002', password: passwordOf('1002') }, 1000);
    bed.adopt(() => back.close());
    await expect(registrationOf(agent)).toHaveText('已注册', { timeout: 20_000 });
    const replies = async () => (await back.messages()).map((m) => (JSON.parse(m.body) as { id: string; text: string }).text);
    await expect.poll(replies, { timeout: 20_000 }).toEqual(['您好，我帮您查一下物流']);
    await expect(conversation.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'delivered');
    // the customer's page never heard the 200 for its first message and sends it again: shown once
    expect(await back.message('1001', CHAT_MESSAGE_TYPE, first)).toBe(200);

    await agent.page.reload();
    await expect(registrationOf(agent)).toHaveText('已注册');
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(conversation.getByTestId('chat-message')).toHaveText([/我的订单还没到/, /您好，我帮您查一下物流/]);
    expect(await back.message('1001', CHAT_MESSAGE_TYPE, chat('web-msg-300002', 'web-conv-3001', 2, '好的谢谢'))).toBe(200);
    await expect(conversation.getByTestId('chat-message')).toHaveCount(3);
    expect(await replies()).toEqual(['您好，我帮您查一下物流']); // the reload sent nothing again
  });
});
