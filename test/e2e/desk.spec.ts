import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, HOST_BUNDLE, hostReady, openDesk, stopHost, test, zuoxiCli } from './harness';

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

  test('a launch address opens one page once: a second page with it is refused, a new address works, a reload keeps the session', async ({ page, host, browser }) => {
    await openDesk(page, host.url);
    const second = await browser.newPage();
    await second.goto(host.url);
    await expect(second.locator('[data-zuoxi-boot-error="ticket-refused"]')).toContainText('启动地址已使用过或已过期');
    await openDesk(second, await host.newUrl());
    await second.reload();
    await expect(second.locator('html[data-zuoxi-ready="true"]')).toBeAttached();
    await expect(second.getByTestId('db-path')).toHaveText(`${host.dataDir}/zuoxi.sqlite3`);
    await second.close();
  });

  test('no reusable secret in the browser\'s arguments or the host\'s output', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'zuoxi-launch-'));
    // a stand-in for Chromium that only writes down the arguments it was started with
    const fakeBrowser = join(dir, 'fake-chromium.sh');
    writeFileSync(fakeBrowser, `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(dir, 'argv.txt')}"\n`);
    chmodSync(fakeBrowser, 0o755);
    const child = spawn(process.execPath, [HOST_BUNDLE, '--port', '0', '--data-dir', join(dir, 'data')], {
      env: { ...process.env, ZUOXI_BROWSER: fakeBrowser, DISPLAY: ':99' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    try {
      const host = await hostReady(child, join(dir, 'data'));
      const argvFile = join(dir, 'argv.txt');
      await expect.poll(() => existsSync(argvFile) && readFileSync(argvFile, 'utf8').includes('--app=')).toBe(true);
      const argv = readFileSync(argvFile, 'utf8');
      const launched = /--app=(\S+)/.exec(argv)![1]!;
      expect(launched).toBe(host.url);
      await openDesk(page, launched);
      const credential = await page.evaluate(() => sessionStorage.getItem('zuoxi.session'));
      expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // what a local user can read (the process list, the terminal) holds only the spent ticket
      expect(argv).not.toContain(credential);
      expect(output).not.toContain(credential);
      const replay = await fetch(`${host.origin}/session`, { method: 'POST', headers: { origin: host.origin }, body: JSON.stringify({ ticket: new URL(launched).hash.slice('#ticket='.length) }) });
      expect(replay.status).toBe(403);
    } finally {
      await stopHost(child);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('customer data retention is off by default and says so; turning it on keeps a period, saved in SQLite', async ({ page, host }) => {
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '设置' }).click();
    await expect(page.getByTestId('retention-off')).toContainText('客户的电话号码、姓名和诉求会一直保存在本机');
    await page.getByRole('switch', { name: '启用保留期限' }).click();
    await page.getByLabel('保留天数').fill('180');
    await page.getByLabel('保留天数').press('Enter');
    await page.getByRole('radio', { name: '整条删除' }).click();
    await expect(page.getByRole('radio', { name: '整条删除' })).toBeChecked();
    await expect(page.getByTestId('retention-off')).toHaveCount(0);
    await page.reload();
    await page.getByRole('tab', { name: '设置' }).click();
    await expect(page.getByLabel('保留天数')).toHaveValue('180');
    await expect(page.getByRole('radio', { name: '整条删除' })).toBeChecked();
  });

  test('dark theme, large text and compact density are applied at once and remembered after a reload', async ({ page, host }) => {
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '设置' }).click();
    const content = page.getByRole('main', { name: '工作区' });
    const background = () => content.evaluate((el) => getComputedStyle(el.closest('.ant-layout-content') ?? el).backgroundColor);
    const brightness = async () => (await background()).match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
    expect(await brightness()).toBeGreaterThan(600); // light: white
    const settings = page.getByTestId('appearance-settings');
    await settings.getByText('深色', { exact: true }).click();
    await expect.poll(brightness).toBeLessThan(150);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await settings.getByText('大', { exact: true }).click();
    const buttonFont = () => page.getByTestId('phrase-library').locator('.ant-btn').first().evaluate((el) => getComputedStyle(el).fontSize);
    await expect.poll(buttonFont).toBe('16px');
    await settings.getByText('紧凑', { exact: true }).click();
    await expect(settings.getByRole('radio', { name: '紧凑' })).toBeChecked();
    // compact also shrinks text a step (antd's compact algorithm): the same sizes must come back
    await expect.poll(buttonFont).not.toBe('16px');
    const compactLarge = await buttonFont();
    await page.reload();
    await expect(page.locator('html[data-zuoxi-ready="true"]')).toBeAttached();
    await page.getByRole('tab', { name: '设置' }).click();
    await expect.poll(brightness).toBeLessThan(150);
    await expect.poll(buttonFont).toBe(compactLarge);
    await expect(settings.getByRole('radio', { name: '紧凑' })).toBeChecked();
    await expect(settings.getByRole('radio', { name: '大' })).toBeChecked();
  });

  test('a new desk explains itself: the line, the company name and the team asked once, how to fill the knowledge base', async ({ page, host }) => {
    await openDesk(page, host.url);
    const steps = page.getByTestId('first-run').getByTestId('first-run-step');
    await expect(steps).toHaveCount(4);
    await page.getByRole('button', { name: '加入或创建团队' }).click();
    await expect(page.getByRole('tab', { name: '设置' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('team-create')).toBeVisible();
    await page.getByRole('tab', { name: '工作台' }).click();
    await expect(steps).toHaveCount(3);
    await expect(page.getByTestId('first-run')).toContainText('还没有配置 SIP 线路');
    await page.getByTestId('first-run').getByLabel('公司名称').fill('示例通信');
    await page.getByTestId('first-run').getByRole('button', { name: '保存' }).click();
    await expect(steps).toHaveCount(2);
    await page.getByRole('button', { name: '去配置线路' }).click();
    await expect(page.getByRole('tab', { name: '线路' })).toHaveAttribute('aria-selected', 'true');
    // a site loads its knowledge base from the command line: the step goes once there is an article
    const dir = mkdtempSync(join(tmpdir(), 'zuoxi-kb-'));
    writeFileSync(join(dir, 'kb.jsonl'), `${JSON.stringify({ id: 'k-1', title: '宽带报修', body: '拨打热线报修' })}\n`);
    expect(zuoxiCli('kb', 'import', join(dir, 'kb.jsonl'), '--data-dir', host.dataDir).status).toBe(0);
    rmSync(dir, { recursive: true, force: true });
    await page.reload();
    await expect(page.locator('html[data-zuoxi-ready="true"]')).toBeAttached();
    await expect(steps).toHaveCount(1);
    await expect(steps.first()).toHaveAttribute('data-step', 'line');
    await page.getByRole('tab', { name: '设置' }).click();
    await expect(page.locator('#settings-company')).toHaveValue('示例通信');
  });
});
