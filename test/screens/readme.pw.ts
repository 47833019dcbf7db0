import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { dialFrom, test, type Party } from '../e2e/sip-harness';

// The README's screenshots: the agent desk at 1366×768 during a call, in Chinese and English,
// light and dark. `npm run screenshots` writes docs/screenshots/desk-<locale>-<theme>.png.
const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const ARTICLE = { id: 'refund-days', title: '退款多久到账', body: '审核通过后 1 到 3 个工作日原路退回。', similar: ['退钱几天到'] };

async function prepare(agent: Party): Promise<void> {
  const { page } = agent;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('tab', { name: '工作台' }).click(); // the bed leaves the desk on the line tab
  await page.getByLabel('公司名称（话术中的 {company}）').fill('坐席电信');
  await page.getByLabel('公司名称（话术中的 {company}）').press('Enter');
  await expect(page.getByLabel('公司名称（话术中的 {company}）')).toHaveCount(0);
  await page.getByRole('tab', { name: '知识库' }).click();
  await page.getByLabel('导入文章（Markdown / JSONL / CSV）').setInputFiles([{ name: 'kb.jsonl', mimeType: 'application/json', buffer: Buffer.from(`${JSON.stringify(ARTICLE)}\n`) }]);
  await expect(page.getByTestId('kb-import-result')).toContainText('新增 1 篇');
  await page.getByRole('tab', { name: '工作台' }).click();
}

/** The appearance and language, set the way an agent sets them (settings tab, Ctrl+Shift+L). */
async function look(page: Party['page'], locale: 'zh-CN' | 'en-US', theme: 'light' | 'dark'): Promise<void> {
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== locale) {
    await page.keyboard.press('Control+Shift+L');
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
  }
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) {
    await page.keyboard.press('Alt+5');
    await page.getByTestId('appearance-settings').locator('label', { has: page.locator(`input[value="${theme}"]`) }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.keyboard.press('Alt+1');
  }
}

test('README screenshots: the desk during a call, zh-CN and en-US, light and dark', async ({ bed }) => {
  mkdirSync(OUT, { recursive: true });
  const { agent, customer } = await bed.start({ agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });
  await prepare(agent);
  await dialFrom(customer, agent.user);
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'ringing');
  await agent.page.keyboard.press('Alt+A');
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
  const form = agent.page.getByTestId('wrap-up-form');
  await form.getByLabel('联系方式').fill('13800138000');
  await form.getByLabel('客户诉求').fill('客户问退款多久到账，订单号 20261201');
  await expect(agent.page.getByTestId('kb-suggestions')).toBeVisible();
  // a settled desk: the draft kept, the talk timer running, the 已保存 toast gone
  await expect(agent.page.getByTestId('draft-saved')).toBeVisible();
  await expect(agent.page.getByTestId('talk-timer')).not.toHaveText('0:00');
  await expect(agent.page.locator('.ant-message-notice')).toHaveCount(0);
  for (const locale of ['zh-CN', 'en-US'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await look(agent.page, locale, theme);
      await agent.page.mouse.move(0, 0);
      const path = join(OUT, `desk-${locale}-${theme}.png`);
      await agent.page.screenshot({ path });
      console.log(`wrote ${path}`);
    }
  }
});
