import { expect } from '@playwright/test';
import { CHAT_MESSAGE_TYPE } from '../../shared/chat';
import { startFarEnd } from '../bench/far-end';
import { passwordOf, test } from './sip-harness';

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
});
