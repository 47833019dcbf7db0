import { expect, openDesk, test, zuoxiCli } from './harness';

test.describe('the desk in Chromium through the browser host', () => {
  test('loads in Simplified Chinese and shows what the host reports over the contract', async ({ page, host, pageErrors }) => {
    await openDesk(page, host.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('complementary', { name: '电话栏' })).toBeVisible();
    await expect(page.getByTestId('registration-status')).toHaveText('线路未配置');
    await expect(page.getByTestId('db-path')).toHaveText(`${host.dataDir}/zuoxi.sqlite3`);
    await expect(page.getByTestId('schema-version')).toHaveText(/^[1-9][0-9]*$/);
    // the token never stays in the address bar
    expect(new URL(page.url()).hash).toBe('');
    expect(pageErrors).toEqual([]);
  });

  test('switches language, and the choice survives a reload (stored in SQLite)', async ({ page, host }) => {
    await openDesk(page, host.url);
    await page.getByTestId('language-select').first().click();
    await page.getByTitle('English').click();
    await expect(page.getByTestId('registration-status')).toHaveText('Line not configured');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
    await expect(page.getByRole('tab', { name: 'Settings' })).toBeVisible();

    await page.reload();
    await expect(page.locator('html[data-zuoxi-ready="true"]')).toBeAttached();
    await expect(page.getByRole('main', { name: 'Workspace' })).toBeVisible();
  });

  test('records an agent state change in the database', async ({ page, host }) => {
    await openDesk(page, host.url);
    await page.getByRole('button', { name: '选择未就绪原因' }).click();
    await page.getByRole('menuitem', { name: '培训' }).click();
    await expect(page.getByTestId('agent-status')).toHaveText('未就绪 · 培训');
    await expect
      .poll(() => JSON.parse(zuoxiCli('db', 'info', '--json', '--data-dir', host.dataDir).stdout).tables)
      .toContainEqual({ name: 'agent_state_log', rows: 1 });
  });

  test('serves the page with a strict CSP', async ({ page, host }) => {
    const response = await page.goto(host.url);
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    // inline script is blocked by that policy in the real browser
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
      return (window as unknown as { __inline?: number }).__inline === 1;
    });
    expect(ran).toBe(false);
  });

  test('refuses an IPC connection without the token, and says so when the page has none', async ({ page, host }) => {
    await openDesk(page, host.url);
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url, ['zuoxi-ipc.v1']);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      `ws://127.0.0.1:${host.port}/ipc`,
    );
    expect(outcome).toBe('refused');

    const stranger = await page.context().browser()!.newPage();
    await stranger.goto(host.origin + '/');
    await expect(stranger.locator('[data-zuoxi-boot-error="no-token"]')).toContainText('缺少启动令牌');
    await stranger.close();
  });
});
