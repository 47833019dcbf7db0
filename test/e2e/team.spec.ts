import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openDesk, test, zuoxiCli } from './harness';

// Joining a team from the desk (issue 16): the join request made in 设置 → 团队, added by an admin
// desk (here the CLI on its own data folder), the provisioning file chosen in the desk; then the
// team's policies are read-only on it, and a change is refused by the main side.
test('an agent desk joins the admin\'s team by files; its deadline rules are then managed and read-only', async ({ page, host }) => {
  const admin = mkdtempSync(join(tmpdir(), 'zuoxi-admin-'));
  try {
    expect(zuoxiCli('team', 'create', '--team', 'hotline-a', '--company', '坐席电信', '--user', '1000', '--name', '张主管', '--data-dir', admin).status).toBe(0);
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '设置' }).click();
    const card = page.getByTestId('team-card');
    await expect(card).toHaveAttribute('data-role', 'none');
    await card.getByLabel('SIP 用户', { exact: true }).fill('1001');
    await card.getByLabel('姓名', { exact: true }).fill('王工');
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

    // a managed rule is read-only here (the contract's refusal: team-live.spec.ts)
    await expect(page.locator('#deadline-ring-duration')).toBeDisabled();
    await expect(page.locator('#deadline-ring-duration')).toHaveValue('15s');
    await expect(page.getByTestId('managed-deadlinePolicy')).toContainText('期限规则由团队管理，本机只读。');
    // a personal setting stays the agent's
    await page.getByTestId('appearance-settings').getByText('深色').click();
    await expect(page.locator('html[data-theme="dark"]')).toBeAttached();
    expect(JSON.parse(zuoxiCli('team', 'status', '--json', '--data-dir', host.dataDir).stdout)).toMatchObject({ role: 'agent', user: '1001', version: 2 });
  } finally {
    rmSync(admin, { recursive: true, force: true });
  }
});

// The admin's team screen (issue 16, item 2): a desk alone starts the team, adds a member from its
// join request file, hands out the provisioning file (which the member's desk joins with) and
// revokes the member; every change is a new signed version.
test('the admin starts a team in 设置, adds a member from its request, hands out the file it joins with, and revokes it', async ({ page, host }) => {
  const member = mkdtempSync(join(tmpdir(), 'zuoxi-member-'));
  try {
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '设置' }).click();
    const card = page.getByTestId('team-card');
    const create = card.getByTestId('team-create');
    await create.getByLabel('团队编号').fill('hotline-b');
    await create.getByLabel('公司名称').fill('坐席电信');
    await create.getByLabel('本机 SIP 用户').fill('1000');
    await create.getByLabel('管理员姓名').fill('张主管');
    await create.getByRole('button', { name: '创建团队' }).click();
    await expect(card).toHaveAttribute('data-role', 'admin');
    await expect(card.getByTestId('team-version')).toContainText('hotline-b · 坐席电信 · 名录第 1 版，1 名成员');
    // the admin's own policies stay editable
    await expect(page.locator('#deadline-ring-duration')).toBeEnabled();

    const request = join(member, 'request.json');
    expect(zuoxiCli('team', 'request', '--user', '1001', '--name', '王工', '--out', request, '--data-dir', member).status).toBe(0);
    const members = card.getByTestId('team-members');
    await members.getByLabel('选择加入申请文件').setInputFiles(request);
    await expect(members.getByTestId('team-request-chosen')).toContainText('加入申请：1001（王工）');
    await members.getByRole('button', { name: '加入团队' }).click();
    await expect(card.getByTestId('team-version')).toContainText('名录第 2 版，2 名成员');
    const row = members.locator('tr', { hasText: '1001' });
    await expect(row).toContainText('王工');
    await expect(row).toContainText('坐席');
    // the fingerprint shown is the one the member's desk reads out
    const memberStatus = JSON.parse(zuoxiCli('team', 'status', '--json', '--data-dir', member).stdout) as { fingerprint: string };
    await expect(row).toContainText(memberStatus.fingerprint);

    const download = page.waitForEvent('download');
    await members.getByRole('button', { name: '下载开通文件' }).click();
    const provisioning = join(member, 'provisioning.json');
    await (await download).saveAs(provisioning);
    expect(zuoxiCli('team', 'join', provisioning, '--data-dir', member).stdout).toContain('joined hotline-b as agent (1001)');

    await row.getByRole('button', { name: '吊销' }).click();
    await page.getByRole('button', { name: '吊销', exact: true }).last().click();
    await expect(row).toContainText('已吊销');
    await expect(card.getByTestId('team-version')).toContainText('名录第 3 版');
  } finally {
    rmSync(member, { recursive: true, force: true });
  }
});
