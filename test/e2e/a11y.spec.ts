import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openDesk, test as hostTest } from './harness';
import { dialFrom, test } from './sip-harness';

// Accessibility of every main screen (issue 15): axe-core's WCAG 2.1 A/AA rules, no serious or
// critical violation, in light and dark, and during a call (its clocks, suggestions, the hang-up question).
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The serious and critical violations on the page as "rule: selector" lines (empty when clean). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  // axe finishes its run in a blank page of its own: back to the desk, or the desk stays a
  // background tab, gets no animation frames, and Playwright's next action waits for ever
  await page.bringToFront();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

const TABS = ['工作台', '来访记录', '知识库', '线路', '设置', '升级'] as const;

for (const theme of ['light', 'dark'] as const) {
  hostTest(`every tab of a new desk, and the shortcut list, have no serious accessibility violation (${theme})`, async ({ page, host }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openDesk(page, host.url);
    if (theme === 'dark') {
      await page.getByRole('tab', { name: '设置' }).click();
      await page.getByTestId('appearance-settings').getByText('深色').click();
      await expect(page.locator('html[data-theme="dark"]')).toBeAttached();
    }
    const found: Record<string, string[]> = {};
    for (const tab of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      found[tab] = await seriousViolations(page);
    }
    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog')).toBeVisible();
    found['F1'] = await seriousViolations(page);
    // every screen is checked before the verdict, so one report lists them all
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
}

test('the desk during a call, with its clocks, suggestions and the hang-up question, has no serious accessibility violation', async ({ bed }) => {
  test.setTimeout(60_000);
  const { agent, customer } = await bed.start({ agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });
  const page = agent.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await dialFrom(customer, agent.user);
  await expect(page.getByTestId('countdown-strip')).toBeVisible();
  const found: Record<string, string[]> = { ringing: await seriousViolations(page) };
  await page.keyboard.press('Alt+A');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
  await page.getByTestId('wrap-up-form').getByLabel('客户诉求').fill('宽带断网');
  found['on the call'] = await seriousViolations(page);
  await page.keyboard.press('Alt+5');
  await page.getByTestId('appearance-settings').getByText('深色').click();
  await expect(page.locator('html[data-theme="dark"]')).toBeAttached();
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('visit-clock').first()).toBeVisible();
  found['on the call, dark'] = await seriousViolations(page);
  await page.keyboard.press('Alt+H');
  await expect(page.getByRole('button', { name: '仍要挂断' })).toBeVisible();
  found['hang-up question'] = await seriousViolations(page);
  expect(found).toEqual({ ringing: [], 'on the call': [], 'on the call, dark': [], 'hang-up question': [] });
});
