import { expect } from '@playwright/test';
import { CHAT_MESSAGE_TYPE } from '../../shared/chat';
import { startFarEnd } from '../bench/far-end';
import { hostApi } from './host-api';
import { passwordOf, registrationOf, test } from './sip-harness';

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
    await expect.poll(async () => (await web.messages()).filter((m) => m.contentType === CHAT_MESSAGE_TYPE).map((m) => JSON.parse(m.body) as { conv: string; seq: number; text: string })).toEqual([
      expect.objectContaining({ conv: 'web-conv-0001', seq: 1, text: '您好，我是 1001 号坐席。\n请问您的宽带账号？' }),
    ]);
    // now only 1003 waits: it comes first
    await expect(tabs).toHaveText(['1003', '1002']);

    // 1003 is a plain SIP client: its reply goes back as text
    await tabs.filter({ hasText: '1003' }).click();
    const plain = agent.page.locator('[data-testid="conversation"]').filter({ hasText: '你好，我要查话费' });
    await plain.getByLabel('回复').fill('您好，请稍等，我帮您查询');
    await plain.getByLabel('回复').press('Enter');
    await expect.poll(async () => (await phone.messages()).map((m) => `${m.contentType} ${m.body}`)).toEqual(['text/plain;charset=utf-8 您好，请稍等，我帮您查询']);

    // reloaded, the desk has both conversations and every message once
    await agent.page.reload();
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(tabs).toHaveCount(2);
    await tabs.filter({ hasText: '1002' }).click();
    await expect(agent.page.locator('[data-testid="conversation"][data-conv="web-conv-0001"]').getByTestId('chat-message')).toHaveText([/宽带断网了/, /请问您的宽带账号/]);
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
});
