import type { Locator, Page } from '@playwright/test';
import { expect, openDesk, test as hostTest } from './harness';
import { dialFrom, test, type Party } from './sip-harness';

// The 工作台 laid out for the call in hand (issue 15): what the call needs inside the window, the
// panes' sizes remembered, and a whole call by keyboard alone.
const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const jsonl = (...rows: object[]) => Buffer.from(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
const ARTICLE = { id: 'refund-days', title: '退款多久到账', body: '审核通过后 1 到 3 个工作日原路退回。', similar: ['退钱几天到'] };

async function importArticle(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '知识库' }).click();
  await page.getByLabel('导入文章（Markdown / JSONL / CSV）').setInputFiles([{ name: 'kb.jsonl', mimeType: 'application/json', buffer: jsonl(ARTICLE) }]);
  await expect(page.getByTestId('kb-import-result')).toContainText('新增 1 篇');
  await page.getByRole('tab', { name: '工作台' }).click();
}

/** The element's box lies wholly inside the window (no scrolling needed to see it). */
async function expectInView(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  const view = page.viewportSize();
  expect(box, 'on screen').not.toBeNull();
  expect(view).not.toBeNull();
  const { x, y, width, height } = box!;
  expect({ left: x >= 0, top: y >= 0, right: x + width <= view!.width, bottom: y + height <= view!.height }).toEqual({ left: true, top: true, right: true, bottom: true });
}

async function callAgent(customer: Party, agent: Party): Promise<void> {
  await dialFrom(customer, agent.user);
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'ringing');
}

test.describe('the desk during a call', () => {
  test.describe.configure({ timeout: 60_000 });

  for (const screen of SCREENS) {
    test(`at ${screen.width}×${screen.height} the call controls, the phrases, the description and the suggestions are all in view`, async ({ bed }) => {
      const { agent, customer } = await bed.start({ agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });
      await agent.page.setViewportSize(screen);
      await importArticle(agent.page);
      await callAgent(customer, agent);
      await agent.page.getByTestId('call-card').getByRole('button', { name: '接听' }).click();
      await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
      const form = agent.page.getByTestId('wrap-up-form');
      await form.getByLabel('客户诉求').fill('客户问退款多久到账');
      await expect(agent.page.getByTestId('kb-suggestions')).toContainText('退款多久到账');

      await agent.page.screenshot({ path: `test-results/desk-${screen.width}x${screen.height}.png` });
      await expectInView(agent.page, agent.page.getByTestId('call-card'));
      await expectInView(agent.page, agent.page.getByTestId('countdown-strip').or(agent.page.getByTestId('talk-timer')).first());
      await expectInView(agent.page, form.getByLabel('客户诉求'));
      await expectInView(agent.page, agent.page.getByTestId('phrase-panel').locator('.ant-card-head'));
      await expectInView(agent.page, agent.page.getByTestId('phrase').first());
      await expectInView(agent.page, agent.page.getByTestId('kb-suggestions'));
    });
  }
});

test('a whole call by keyboard alone: answer, copy a phrase, type the visit, link an article, save, hang up, back to Ready', async ({ bed }) => {
  test.setTimeout(60_000);
  const { agent, customer } = await bed.start({ agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });
  const page = agent.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await importArticle(page);
  // from here on the agent's page counts every pointer press: there must be none
  await page.evaluate(() => {
    const w = window as unknown as { __pointer: number };
    w.__pointer = 0;
    for (const type of ['pointerdown', 'mousedown', 'wheel']) window.addEventListener(type, () => void w.__pointer++, { capture: true });
  });
  await callAgent(customer, agent);

  await page.keyboard.press('Alt+A');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
  const form = page.getByTestId('wrap-up-form');
  // the customer's name came with the call: the first empty field is the contact
  await expect(form.getByLabel('客户姓名')).toHaveValue('customer');
  await expect(form.getByLabel('联系方式')).toBeFocused();
  await page.keyboard.type('13800138000');

  await page.keyboard.press('Alt+P');
  await expect(page.getByTestId('phrase-panel')).toBeFocused();
  // focus is visible: a ring round the panel
  expect(await page.getByTestId('phrase-panel').evaluate((e) => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth])).toEqual(['solid', '2px']);
  await page.keyboard.press('1');
  await expect(page.getByTestId('phrase-copied')).toBeVisible();

  // back to the form: Tab from the contact reaches the description through the category and status
  await form.getByLabel('联系方式').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(form.getByLabel('客户诉求')).toBeFocused();
  await page.keyboard.type('客户问退款多久到账');
  await expect(page.getByTestId('kb-suggestions')).toContainText('退款多久到账');
  await page.keyboard.press('Alt+L');
  await expect(page.getByTestId('kb-suggestions').getByRole('button', { name: '关联到来访' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('visit-articles')).toContainText('退款多久到账');

  await page.keyboard.press('Control+S');
  await expect(form.getByText('已保存')).toBeVisible();

  await page.keyboard.press('Alt+H');
  // the closing phrase was not used: the question comes with 仍要挂断 focused, Enter hangs up
  await expect(page.getByRole('button', { name: '仍要挂断' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-card')).toHaveCount(0);
  await expect(page.locator('[data-region="status-bar"]')).toContainText('坐席状态: 话后处理');

  await page.keyboard.press('Alt+R');
  await expect(page.locator('[data-region="status-bar"]')).toContainText('坐席状态: 就绪');
  await expect(page.getByLabel('号码或 SIP 地址')).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { __pointer: number }).__pointer)).toBe(0);

  // the visit was kept as typed (the log tab, by its key too)
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('visits-table').locator('tbody tr').first()).toContainText('客户问退款多久到账');
});

hostTest('the rail and the assist pane keep the sizes they were dragged to, after a reload', async ({ page, host }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDesk(page, host.url);
  const rail = page.locator('[data-region="phone-rail"]');
  const assist = page.locator('[data-pane="assist"]');
  await expect(assist).toBeVisible();
  const before = { rail: (await rail.boundingBox())!.width, assist: (await assist.boundingBox())!.width };
  const drag = async (bar: Locator, dx: number) => {
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
  };
  await drag(page.locator('.shell-split > .ant-splitter-bar').first(), 60);
  await drag(page.locator('.desk-split > .ant-splitter-bar').first(), -80);
  await expect.poll(async () => Math.round((await rail.boundingBox())!.width - before.rail)).toBeGreaterThanOrEqual(55);
  await expect.poll(async () => Math.round((await assist.boundingBox())!.width - before.assist)).toBeGreaterThanOrEqual(75);
  const dragged = { rail: (await rail.boundingBox())!.width, assist: (await assist.boundingBox())!.width };

  await page.reload();
  await expect(assist).toBeVisible();
  await expect.poll(async () => Math.abs((await rail.boundingBox())!.width - dragged.rail)).toBeLessThanOrEqual(2);
  await expect.poll(async () => Math.abs((await assist.boundingBox())!.width - dragged.assist)).toBeLessThanOrEqual(2);
});
