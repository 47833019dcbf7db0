import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openDesk, test, zuoxiCli } from './harness';

// Joining a team from the desk (issue 16): the join request made in 设置 → 团队, added by an admin
// desk (here the CLI on its own data folder), the provisioning file chosen in the desk; then the
// team's policies are read-only on it, and a change is refused by the main side.
test('an agent desk joins the admin\'s team by files; its deadline rules are then managed, and a change is refused', async ({ page, host }) => {
  const admin = mkdtempSync(join(tmpdir(), 'zuoxi-admin-'));
  try {
    expect(zuoxiCli('team', 'create', '--team', 'hotline-a', '--company', '坐席电信', '--user', '1000', '--name', '张主管', '--data-dir', admin).status).toBe(0);
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '设置' }).click();
    const card = page.getByTestId('team-card');
    await expect(card).toHaveAttribute('data-role', 'none');
    await card.getByLabel('SIP 用户').fill('1001');
    await card.getByLabel('姓名').fill('王工');
    await card.getByRole('button', { name: '生成加入申请' }).click();
    const request = await card.getByTestId('team-request').locator('.ant-typography').first().textContent();
    // the fingerprint the desk shows is the one the admin side computes from the request
    const shown = /核对指纹 ([0-9A-F ]{19})/.exec((await card.getByTestId('team-request').textContent()) ?? '')?.[1];
    writeFileSync(join(admin, 'req.json'), request ?? '');
    expect(zuoxiCli('team', 'add', join(admin, 'req.json'), '--role', 'agent', '--leads', '1000', '--data-dir', admin).stdout).toContain('added 1001 (王工) as agent');
    expect(zuoxiCli('team', 'provision', '--out', join(admin, 'prov.json'), '--data-dir', admin).status).toBe(0);

    await card.getByLabel('选择开通文件加入团队').setInputFiles(join(admin, 'prov.json'));
    await expect(card).toHaveAttribute('data-role', 'agent');
    await expect(card.getByTestId('team-fingerprint')).toHaveText(shown!);
    await expect(card.getByTestId('team-managed')).toContainText('期限规则');
    await expect(card).toContainText('hotline-a · 坐席电信');

    // a managed rule: the change is refused by the main side, said, and not kept
    await page.locator('#deadline-ring-duration').fill('60s');
    await page.locator('#deadline-ring-duration').press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'managed by your team' })).toBeVisible();
    await page.reload();
    await page.getByRole('tab', { name: '设置' }).click();
    await expect(page.locator('#deadline-ring-duration')).toHaveValue('15s');
    // a personal setting stays the agent's
    await page.getByTestId('appearance-settings').getByText('深色').click();
    await expect(page.locator('html[data-theme="dark"]')).toBeAttached();
    expect(JSON.parse(zuoxiCli('team', 'status', '--json', '--data-dir', host.dataDir).stdout)).toMatchObject({ role: 'agent', user: '1001', version: 2 });
  } finally {
    rmSync(admin, { recursive: true, force: true });
  }
});
