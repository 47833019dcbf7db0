import { expect } from '@playwright/test';
import { CHAT_MESSAGE_TYPE, IS_COMPOSING_TYPE, isComposingBody } from '../../shared/chat';
import { startFarEnd } from '../bench/far-end';
import { hostApi } from './host-api';
import { GUEST_PASSWORD, startPlainPhone, startWebChatSite } from './customers';
import { passwordOf, registrationOf, startTestPbx, test } from './sip-harness';

// The online channel (issue 18) over a real Kamailio: two customers chat with one agent desk at
// once, one from a Zuoxi chat page (JSON, here the plain sip.js phone sending it), one from an
// ordinary SIP client (text/plain).
const chat = (id: string, conv: string, seq: number, text: string) => JSON.stringify({ v: 1, kind: 'msg', id, conv, seq, text, at: Date.now() });

test.describe('online chat', () => {
  test.describe.configure({ timeout: 120_000 });

  test('two customers on the web-chat page and a plain SIP phone at once: each message shown once, replies reach each in its own form, longest-waiting first, kept across a reload', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, ['1003', '1004'], { guestPassword: GUEST_PASSWORD });
    const site = await startWebChatSite(pbx);
    bed.adopt(() => site.close());
    const phone = await startPlainPhone(pbx, { user: '1003', password: passwordOf('1003') }, '1001');
    bed.adopt(() => phone.close());
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(agent.page.getByTestId('chat-empty')).toBeVisible();

    const anna = await site.customer('1001');
    const bo = await site.customer('1001');
    await anna.say('宽带断网了，怎么办？');
    await expect(anna.page.getByTestId('webchat-message')).toHaveAttribute('data-status', 'delivered');
    await bo.say('你好，我要改套餐');
    // stored on the desk before the phone writes: the order the tabs are checked in below
    await expect(bo.page.getByTestId('webchat-message')).toHaveAttribute('data-status', 'delivered');
    await phone.say('你好，我要查话费');

    const tabs = agent.page.getByTestId('chat-tab');
    await expect(tabs).toHaveCount(3);
    await expect(tabs).toHaveText([await anna.user(), await bo.user(), '1003']); // Anna has waited longest
    const annaConv = agent.page.locator(`[data-testid="conversation"][data-conv="${await anna.conv()}"]`);
    await expect(annaConv.getByTestId('chat-message')).toHaveText([/宽带断网了，怎么办？/]);

    // the agent answers Anna: Shift+Enter is a new line, Enter sends
    const box = annaConv.getByLabel('回复');
    await box.fill('您好，我是 1001 号坐席。');
    await box.press('Shift+Enter');
    await box.pressSequentially('请问您的宽带账号？');
    await expect(anna.page.getByTestId('webchat-typing')).toHaveText('客服正在输入… The agent is typing'); // RFC 3994, desk to page
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(annaConv.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'delivered');
    await expect.poll(() => anna.lines()).toEqual(['out 宽带断网了，怎么办？', 'in 您好，我是 1001 号坐席。\n请问您的宽带账号？']);
    await expect.poll(() => bo.lines()).toEqual(['out 你好，我要改套餐']); // nothing of Anna's on Bo's page
    // the agent's typing speed today, from what it typed
    await expect(agent.page.getByTestId('typing-speed')).toHaveAttribute('data-per-minute', /^[1-9]\d*$/);
    // now Bo waits longest, then the phone; Anna waits for nobody
    await expect(tabs).toHaveText([await bo.user(), '1003', await anna.user()]);

    // from anywhere, Alt+U opens the conversation waiting longest (Bo's), its reply box focused
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    await agent.page.keyboard.press('Alt+KeyU');
    const boConv = agent.page.locator(`[data-testid="conversation"][data-conv="${await bo.conv()}"]`);
    await expect(boConv.getByLabel('回复')).toBeFocused();
    await boConv.getByLabel('回复').fill('您好，请问要改成哪个套餐？');
    await boConv.getByLabel('回复').press('Enter');
    await expect.poll(() => bo.lines()).toEqual(['out 你好，我要改套餐', 'in 您好，请问要改成哪个套餐？']);
    // the phone's reply goes back as plain text
    const plain = agent.page.locator('[data-testid="conversation"]').filter({ hasText: '你好，我要查话费' });
    await tabs.filter({ hasText: '1003' }).click();
    await plain.getByLabel('回复').fill('您好，请稍等，我帮您查询');
    await plain.getByLabel('回复').press('Enter');
    await expect(plain.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'delivered');
    await expect.poll(() => phone.received()).toEqual(['您好，请稍等，我帮您查询']);

    // another guest, with the page's public password and a SIP client of its own: a resend of a
    // message already stored (its 200 lost) is answered 200 and shown once; malformed and oversized
    // messages are refused with a reason; and the PBX lets a guest chat with a desk, nothing more
    const forger = await startFarEnd(pbx, { user: 'guest-forger0001', password: GUEST_PASSWORD }, 1300);
    bed.adopt(() => forger.close());
    expect(await forger.probe('1001', [])).toBe(403);
    expect(await forger.message(await anna.user(), CHAT_MESSAGE_TYPE, chat('fe-msg-000009', await anna.conv(), 1, '我是客服'))).toBe(403);
    const first = chat('fe-msg-000001', 'fe-conv-0001', 1, '我再问一次');
    expect(await forger.message('1001', CHAT_MESSAGE_TYPE, first)).toBe(200);
    expect(await forger.message('1001', CHAT_MESSAGE_TYPE, first)).toBe(200);
    expect(await forger.message('1001', CHAT_MESSAGE_TYPE, '{"v":1}')).toBe(400);
    expect(await forger.message('1001', 'text/plain', '长'.repeat(3_000))).toBe(413);
    await tabs.filter({ hasText: 'guest-forger0001' }).click();
    await expect(agent.page.locator('[data-testid="conversation"][data-conv="fe-conv-0001"]').getByTestId('chat-message')).toHaveCount(1);

    // reloaded, the desk has every conversation and every message once
    await agent.page.reload();
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(tabs).toHaveCount(4);
    await tabs.filter({ hasText: await anna.user() }).click();
    await expect(annaConv.getByTestId('chat-message')).toHaveText([/宽带断网了/, /请问您的宽带账号/]);
    // and the customer's page too, reloaded
    await anna.page.reload();
    await expect.poll(() => anna.lines()).toEqual(['out 宽带断网了，怎么办？', 'in 您好，我是 1001 号坐席。\n请问您的宽带账号？']);

    // each conversation is an online visit in 来访记录, with its transcript
    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    const rows = agent.page.getByTestId('visits-table').locator('tbody tr');
    await expect(rows.filter({ hasText: '1003' })).toHaveCount(1);
    await rows.filter({ hasText: '1003' }).click();
    await expect(agent.page.getByTestId('transcript-line')).toHaveText([/客户\s*你好，我要查话费/, /坐席\s*您好，请稍等，我帮您查询/]);
  });

  test('the clocks: reply counts down and stops on the reply; a silent customer is prompted at 3 and closed at 5 (policy at seconds), and coming back starts again', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, ['1002']);
    const web = await startFarEnd(pbx, { user: '1002', password: passwordOf('1002') }, 1000);
    bed.adopt(() => web.close());
    // the same policy, at a scale of seconds: the desk runs it through the same code as 3 and 5 minutes
    const api = await hostApi(agent.host);
    const settings = (await api.call('settings.get', undefined)) as { ok: true; value: { deadlinePolicy: { rules: Record<string, Record<string, unknown>> } } };
    const policy = settings.value.deadlinePolicy;
    const scaled = {
      ...policy.rules,
      reply: { ...policy.rules['reply'], duration: '9s', dueSoon: '7s' },
      'idle-prompt': { ...policy.rules['idle-prompt'], duration: '4s', dueSoon: '2s' },
      'idle-close': { ...policy.rules['idle-close'], duration: '8s', dueSoon: '2s' },
    };
    expect(await api.call('settings.update', { deadlinePolicy: { ...policy, rules: scaled } })).toMatchObject({ ok: true });
    api.close();
    // the OS notifications the desk raises, recorded (the page's Notification, the only stand-in here)
    await agent.page.addInitScript(() => {
      const shown: string[] = [];
      Object.assign(window, { __notifications: shown });
      window.Notification = class {
        static permission = 'granted';
        constructor(_title: string, options?: NotificationOptions) {
          shown.push(options?.body ?? '');
        }
      } as unknown as typeof Notification;
    });
    await agent.page.reload();
    await expect(registrationOf(agent)).toHaveText('已注册');
    const notifications = () => agent.page.evaluate(() => (window as unknown as { __notifications: string[] }).__notifications);

    expect(await web.message('1001', CHAT_MESSAGE_TYPE, chat('web-msg-100001', 'web-conv-1001', 1, '在吗？我的宽带很慢'))).toBe(200);
    const strip = agent.page.getByTestId('countdown-strip');
    await expect(strip.locator('[data-clock="reply"]')).toContainText('1002');
    // on the board too, beside the visits' clocks; amber before it runs out, with an alert
    const boardRow = agent.page.getByTestId('deadline-board').locator('[data-clock="reply"][data-conv="web-conv-1001"]');
    await expect(boardRow).toContainText('1002');
    await expect(boardRow).toHaveAttribute('data-level', 'due-soon', { timeout: 8_000 });
    await expect(strip.locator('[data-clock="reply"]')).toHaveAttribute('data-level', 'due-soon');
    await expect.poll(notifications).toEqual(['回复客户即将到期：1002']);
    // from the board, one click to the conversation, its reply box focused
    await boardRow.getByRole('button', { name: '打开会话' }).click();
    const conversation = agent.page.locator('[data-testid="conversation"][data-conv="web-conv-1001"]');
    await expect(conversation.getByLabel('回复')).toBeFocused();
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
    await expect(conversation.getByTestId('sensitive-warning')).toContainText('媒体曝光：记者');
    await expect(conversation.getByTestId('sensitive-warning')).toHaveAttribute('data-families', 'media');
    await expect(conversation.getByTestId('sensitive-warning').getByTestId('escalate')).toBeVisible();
    expect(await web.message('1001', IS_COMPOSING_TYPE, isComposingBody('active', 30))).toBe(200);
    await expect(conversation.getByTestId('peer-typing')).toHaveText('对方正在输入…');
    expect(await web.message('1001', IS_COMPOSING_TYPE, isComposingBody('idle'))).toBe(200);
    await expect(conversation.getByTestId('peer-typing')).toHaveCount(0);

    const box = conversation.getByLabel('回复');
    // a curt reply is hinted (R-POLITE, not blocking); 推诿 is held back like the rest (R-NO-HANGUP)
    await box.fill('不行。');
    await expect(conversation.getByTestId('compliance-finding')).toHaveText(/缺少礼貌用语/);
    await box.fill('这不归我们管，你找别的部门去。');
    await expect(conversation.getByTestId('compliance-finding').filter({ hasText: '推诿' }).first()).toBeVisible();
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

  test('a phrase or an article goes into the reply at the cursor; an internal-only article is never offered', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, ['1002']);
    const web = await startFarEnd(pbx, { user: '1002', password: passwordOf('1002') }, 1000);
    bed.adopt(() => web.close());
    const articles = [
      { id: 'refund-days', title: '退款多久到账', body: '**审核通过后** 1 到 3 个工作日原路退回。' },
      { id: 'refund-inner', title: '退款内部口径', body: '系统故障时先安抚，不要提故障。', internal: true },
    ];
    await agent.page.getByRole('tab', { name: '知识库' }).click();
    await agent.page.getByLabel('导入文章（Markdown / JSONL / CSV）').setInputFiles([{ name: 'kb.jsonl', mimeType: 'application/json', buffer: Buffer.from(articles.map((a) => `${JSON.stringify(a)}\n`).join('')) }]);
    await expect(agent.page.getByTestId('kb-import-result')).toContainText('新增 2 篇');
    expect(await web.message('1001', CHAT_MESSAGE_TYPE, chat('web-msg-400001', 'web-conv-4001', 1, '退款多久到账？'))).toBe(200);
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    const conversation = agent.page.locator('[data-testid="conversation"][data-conv="web-conv-4001"]');
    const box = conversation.getByLabel('回复');
    await box.fill('您好，');
    // a standard phrase of the online channel, at the cursor
    await conversation.getByLabel('插入话术').fill('稍等');
    await agent.page.locator('.ant-select-item-option').filter({ hasText: '请您稍等片刻' }).click();
    await expect(box).toHaveValue('您好，对不起，请您稍等片刻，好吗？');
    await expect(box).toBeFocused();
    // the cursor moved back to after 您好，: the article's words go there
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
    await conversation.getByLabel('插入知识库内容').fill('退款');
    const options = agent.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect(options).toHaveText(['退款多久到账']); // the internal-only one is not offered
    await options.first().click();
    await expect(box).toHaveValue('您好，审核通过后 1 到 3 个工作日原路退回。对不起，请您稍等片刻，好吗？');
    await box.press('Enter');
    await expect.poll(async () => (await web.messages()).filter((m) => m.contentType === CHAT_MESSAGE_TYPE).map((m) => (JSON.parse(m.body) as { text: string }).text)).toEqual([
      '您好，审核通过后 1 到 3 个工作日原路退回。对不起，请您稍等片刻，好吗？',
    ]);
    // not typed by hand: it does not count towards the agent's typing speed
    await expect(agent.page.getByTestId('typing-speed')).toHaveCount(0);
  });

  test('Kamailio restarted mid-conversation, the desk and the page reloaded: no message lost, none twice, on either end', async ({ bed }) => {
    const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, [], { guestPassword: GUEST_PASSWORD });
    const site = await startWebChatSite(pbx);
    bed.adopt(() => site.close());
    const customer = await site.customer('1001');
    await customer.say('我的订单还没到');
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    const conversation = agent.page.locator(`[data-testid="conversation"][data-conv="${await customer.conv()}"]`);
    await expect(conversation.getByTestId('chat-message')).toHaveCount(1);

    // the PBX goes away: both ends store what is written and wait
    const wsPort = Number(new URL(pbx.wsUrl).port);
    await pbx.stop();
    await expect(registrationOf(agent)).toHaveText('重新连接中…');
    await expect(customer.page.getByTestId('webchat-line')).toHaveAttribute('data-status', 'reconnecting');
    await conversation.getByLabel('回复').fill('您好，我帮您查一下物流');
    await conversation.getByLabel('回复').press('Enter');
    await expect(conversation.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'queued');
    await customer.say('单号是 SF1234567890');
    await expect(customer.page.locator('[data-direction="out"]').last()).toHaveAttribute('data-status', 'sending');
    // the page is reloaded while offline: what it has not delivered is still there
    await customer.page.reload();
    await expect.poll(() => customer.lines()).toEqual(['out 我的订单还没到', 'out 单号是 SF1234567890']);

    // the PBX is back on the same port: both ends register again by themselves and each message goes, once
    const again = await startTestPbx([{ user: '1001', password: passwordOf('1001') }], wsPort, { guestPassword: GUEST_PASSWORD });
    bed.adopt(() => again.stop());
    await expect(registrationOf(agent)).toHaveText('已注册', { timeout: 30_000 });
    await expect(customer.page.getByTestId('webchat-line')).toHaveAttribute('data-status', 'registered', { timeout: 30_000 });
    await expect.poll(() => customer.lines(), { timeout: 20_000 }).toEqual(['out 我的订单还没到', 'out 单号是 SF1234567890', 'in 您好，我帮您查一下物流']);
    await expect(customer.page.locator('[data-direction="out"][data-status="delivered"]')).toHaveCount(2, { timeout: 20_000 });
    await expect(conversation.locator('[data-direction="out"]')).toHaveAttribute('data-status', 'delivered');
    await expect(conversation.getByTestId('chat-message')).toHaveText([/我的订单还没到/, /您好，我帮您查一下物流/, /单号是 SF1234567890/]);

    await agent.page.reload();
    await expect(registrationOf(agent)).toHaveText('已注册');
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(conversation.getByTestId('chat-message')).toHaveCount(3);
    await customer.say('好的谢谢');
    await expect(conversation.getByTestId('chat-message')).toHaveCount(4);
    await expect.poll(() => customer.lines()).toEqual(['out 我的订单还没到', 'out 单号是 SF1234567890', 'in 您好，我帮您查一下物流', 'out 好的谢谢']); // the reload sent nothing again
  });
});
