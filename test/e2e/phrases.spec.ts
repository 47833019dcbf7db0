import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { agentAndCustomer, type Party, test } from './sip-harness';

// Scripted phrases on a real call through Kamailio: the panel follows the call, the wrap-up form
// blocks a forbidden reply with the standard wording to use, a kept one needs a reason the lead sees,
// sensitive words raise the warning, and hanging up without the closing phrase asks first.
// Each case has its own PBX, desks and call.

/** The customer calls the agent, who answers on the 工作台 tab. */
async function callInHand(agent: Party, customer: Party): Promise<void> {
  await agent.page.getByRole('tab', { name: '工作台' }).click();
  await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
  await customer.page.getByRole('button', { name: '呼叫' }).click();
  await agent.page.getByRole('button', { name: '接听' }).click();
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
}

/**
 * On a connected call: the greeting from 开头, then hold with the waiting phrase, then resume;
 * the panel follows each step. 开头 is picked only once the panel has moved to 通话中 (the move
 * would undo the pick, and re-renders the list under the click on a loaded machine).
 */
async function greetHoldResume(agent: Party): Promise<void> {
  const panel = agent.page.getByTestId('phrase-panel');
    await expect(panel).toHaveAttribute('data-phase', 'during');
    await panel.getByText('开头', { exact: true }).click();
    await panel.getByRole('button', { name: /欢迎致电/ }).first().click();
    await expect(agent.page.getByTestId('phrase-copied')).toContainText('欢迎致电');
    await agent.page.getByRole('button', { name: '保持' }).click();
    await expect(panel).toHaveAttribute('data-phase', 'waiting');
    await panel.getByRole('button', { name: '对不起，请您稍等片刻，好吗？' }).click();
    await agent.page.getByRole('button', { name: '恢复' }).click();
    await expect(panel).toHaveAttribute('data-phase', 'during');
}

test.describe('scripted phrases and compliance on a real call', () => {
  test.describe.configure({ timeout: 60_000 });

  test('the panel follows the call: greeting, during, waiting while held', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    const panel = agent.page.getByTestId('phrase-panel');
    await expect(panel).toHaveAttribute('data-phase', 'opening');
    // pinyin initials come from a chunk loaded on first use (under the page's CSP)
    await panel.getByLabel('搜索话术').fill('qnsd');
    await expect(panel.getByTestId('phrase')).toHaveCount(1);
    await expect(panel.getByTestId('phrase')).toContainText('对不起，请您稍等片刻，好吗？');
    await panel.getByLabel('搜索话术').fill('');
    await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
    await customer.page.getByRole('button', { name: '呼叫' }).click();
    await agent.page.getByRole('button', { name: '接听' }).click();
    await greetHoldResume(agent);
  });

  test('a forbidden reply is blocked with the phrase to say instead; a kept link needs a reason, logged for the lead', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await callInHand(agent, customer);
    const form = agent.page.getByTestId('wrap-up-form');
    await form.getByLabel('处理结果').fill('我也没办法，您自己再试试吧');
    await expect(form.getByTestId('compliance-finding')).toContainText('不可以说的话：“我也没办法”');
    await agent.page.keyboard.press('Control+KeyS');
    const gate = agent.page.getByTestId('compliance-gate');
    await expect(gate).toContainText('请改用：对不起，刚才因为线路忙，让您久等了！');
    await expect(agent.page.getByRole('button', { name: '填写原因后保存' })).toBeDisabled();
    await agent.page.getByRole('button', { name: '返回修改' }).click();
    await expect(form.getByText('已保存')).toHaveCount(0);

    await form.getByLabel('处理结果').fill('已派单，详情见 http://bit.ly/abc');
    await agent.page.keyboard.press('Control+KeyS');
    await expect(gate).toContainText('非官方链接：“http://bit.ly/abc”');
    await gate.getByLabel('确需保留时请填写原因（组长可见）：').fill('客户坚持要这个地址');
    await agent.page.getByRole('button', { name: '填写原因后保存' }).click();
    await expect(form.getByText('已保存')).toBeVisible();
    await expect(form.getByTestId('visit-overrides')).toContainText('非官方链接“http://bit.ly/abc” · 原因：客户坚持要这个地址');
  });

  test('sensitive words in the customer\'s words raise the warning with the calming script', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await callInHand(agent, customer);
    const form = agent.page.getByTestId('wrap-up-form');
    await form.getByLabel('客户诉求').fill('客户说再不处理就找记者曝光');
    await expect(form.getByTestId('sensitive-warning')).toContainText('敏感词预警（媒体曝光：记者、曝光）');
    await expect(form.getByTestId('sensitive-warning')).toContainText('安抚话术：');
  });

  test('hanging up without the closing phrase asks; after it, the call ends at once, the checklist is kept and the week\'s statistics show it', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await callInHand(agent, customer);
    const panel = agent.page.getByTestId('phrase-panel');
    await greetHoldResume(agent);

    await agent.page.getByTestId('call-card').getByRole('button', { name: '挂断', exact: true }).click();
    await expect(agent.page.getByTestId('closing-reminder')).toContainText('感谢您的来电');
    await agent.page.getByRole('button', { name: '返回通话' }).click();
    await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
    await panel.getByText('结束', { exact: true }).click();
    await panel.getByRole('button', { name: '感谢您的来电，若有问题请再次来电，谢谢，再见！' }).click();
    await agent.page.getByTestId('call-card').getByRole('button', { name: '挂断', exact: true }).click();
    await expect(agent.page.getByTestId('call-card')).toHaveCount(0);
    await expect(customer.page.getByTestId('call-card')).toHaveCount(0);
    const checklist = agent.page.getByTestId('visit-checklist');
    await expect(checklist.locator('[data-check="greeting"]')).toHaveAttribute('data-done', 'true');
    await expect(checklist.locator('[data-check="waiting"]')).toHaveAttribute('data-done', 'true');
    await expect(checklist.locator('[data-check="confirmed"]')).toHaveAttribute('data-done', 'false');
    await expect(checklist.locator('[data-check="closing"]')).toHaveAttribute('data-done', 'true');

    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    await agent.page.getByRole('button', { name: '统计' }).click();
    const report = agent.page.getByTestId('visit-report');
    await expect(report.locator('tr', { hasText: '开头语使用率' })).toContainText('100.0%');
    await expect(report.locator('tr', { hasText: '保持时等待语使用率' })).toContainText('100.0%');
    await expect(report.locator('tr', { hasText: '确认理解率' })).toContainText('0.0%');
    await expect(report.locator('tr', { hasText: '结束语使用率' })).toContainText('100.0%');
    await expect(report.locator('tr', { hasText: '合规例外（附原因）' })).toContainText('0');
  });

  test('the company edits a phrase in settings: the panel shows it, and the export carries it', async ({ bed }) => {
    const { agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } });
    const page = agent.page;
    await page.getByRole('tab', { name: '设置' }).click();
    const editor = page.getByTestId('phrase-library');
    await editor.getByRole('row', { name: /开头语 \/ 问候/ }).getByRole('button', { name: '编辑' }).click();
    await page.getByLabel(/^标准话术（每行一种说法/).fill('您好，{company}热线，{agentId}号为您服务，请讲。');
    await page.locator('.ant-modal').getByRole('button', { name: /确 ?定|OK/ }).click();
    await expect(editor.getByRole('row', { name: /开头语 \/ 问候/ })).toContainText('请讲。');
    const [download] = await Promise.all([page.waitForEvent('download'), editor.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toBe('phrases-zh-CN.json');
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { phrases: { id: string; say: string[] }[] };
    expect(exported.phrases.find((p) => p.id === 'greeting')?.say).toEqual(['您好，{company}热线，{agentId}号为您服务，请讲。']);
    await page.getByRole('tab', { name: '工作台' }).click();
    await page.getByTestId('phrase-panel').getByText('开头', { exact: true }).click();
    await expect(page.getByTestId('phrase-panel')).toContainText('热线，1001号为您服务，请讲。');
  });
});
