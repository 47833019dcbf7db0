import { expect, type Page } from '@playwright/test';
import { startFarEnd } from '../bench/far-end';
import { passwordOf, test, type Party, type SipBed } from './sip-harness';

// Escalation over SIP MESSAGE through a real Kamailio: a customer's phone calls the agent, sensitive
// words raise the warning and its escalation button, the lead's desk receives and acknowledges, the
// agent sees it; a forged message is refused; with the lead gone the backup lead gets it.
const ACCOUNTS = { agent: '1001', customer: '1002', lead: '1005', backup: '1006' } as const;

async function team(page: Page, role: 'agent' | 'lead', users: { leads?: string[]; agents?: string[] }, ackTimeout?: number) {
  await page.getByRole('tab', { name: '设置' }).click();
  if (role === 'lead') {
    await page.getByLabel('角色').click();
    await page.locator('.ant-select-item-option[title="组长"]').click();
  }
  for (const [list, label] of [
    ['leads', '组长 SIP 号码'],
    ['agents', '组员 SIP 号码'],
  ] as const) {
    for (const user of users[list] ?? []) {
      await page.getByLabel(new RegExp(`^${label}`)).fill(user);
      await page.getByLabel(new RegExp(`^${label}`)).press('Enter');
      await expect(page.locator('.ant-form-item').filter({ hasText: label })).toContainText(user); // saved: the tag shows
    }
  }
  if (ackTimeout) {
    await page.getByLabel('未确认多少秒后转给备份组长').fill(String(ackTimeout));
    await page.getByLabel('未确认多少秒后转给备份组长').blur();
  }
}

/** Each case's own team: a PBX, the agent's, the lead's and the backup lead's desks, and a customer's phone. */
async function teamBed(bed: SipBed) {
  const { pbx, agent, lead, backup } = await bed.start(
    { agent: { user: ACCOUNTS.agent, toneHz: 400 }, lead: { user: ACCOUNTS.lead, toneHz: 600 }, backup: { user: ACCOUNTS.backup, toneHz: 800 } },
    [ACCOUNTS.customer],
  );
  await team(agent.page, 'agent', { leads: [ACCOUNTS.lead, ACCOUNTS.backup] }, 5);
  await team(lead.page, 'lead', { agents: [ACCOUNTS.agent] });
  await team(backup.page, 'lead', { agents: [ACCOUNTS.agent] });
  const customer = await startFarEnd(pbx, { user: ACCOUNTS.customer, password: passwordOf(ACCOUNTS.customer) }, 1000);
  bed.adopt(() => customer.close());
  return { agent, lead, backup, customer };
}

/** The customer's phone calls the agent, who answers on the 工作台 tab. */
async function answeredCall(agent: Party, customer: Awaited<ReturnType<typeof teamBed>>['customer']) {
  await agent.page.getByRole('tab', { name: '工作台' }).click();
  const calling = customer.call(ACCOUNTS.agent);
  await agent.page.getByRole('button', { name: '接听' }).click();
  await calling;
}

test.describe('escalation to the team lead over SIP MESSAGE', () => {
  // three desks, their team settings and a phone: ~15 s alone, more beside other specs
  test.describe.configure({ timeout: 120_000 });

  test('sensitive words raise the escalation button; the lead receives it, acknowledges, and the agent sees it', async ({ bed }) => {
    const { agent, lead, customer } = await teamBed(bed);
    await answeredCall(agent, customer);
    const form = agent.page.getByTestId('wrap-up-form');
    await form.getByLabel('客户诉求').fill('再不处理我就找记者曝光你们');
    const warning = form.getByTestId('sensitive-warning');
    await expect(warning).toContainText('敏感词预警（媒体曝光：记者、曝光）');
    await warning.getByTestId('escalate').click();
    const dialog = agent.page.getByTestId('escalate-dialog');
    await expect(dialog).toContainText('敏感词');
    await expect(dialog).toContainText('客户：1002');
    await dialog.getByLabel('备注').fill('客户情绪激动，要求找领导');
    await agent.page.getByRole('dialog').getByRole('button', { name: '发送给组长' }).click();

    await lead.page.getByRole('tab', { name: '升级' }).click();
    const item = lead.page.getByTestId('inbox-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('记者');
    await expect(item).toContainText('客户情绪激动，要求找领导');
    await expect(item).toContainText('来自坐席 1001');
    await agent.page.getByRole('tab', { name: '升级' }).click();
    const mine = agent.page.getByTestId('my-escalation').first();
    await expect(mine.getByTestId('escalation-status')).toHaveText('已送达');
    await item.getByLabel('备注').fill('我马上过来');
    await item.getByRole('button', { name: '确认' }).click();
    await expect(mine.getByTestId('escalation-status')).toHaveText('组长已确认');
    await expect(mine).toContainText('组长备注：我马上过来');
    await customer.hangup();
  });

  test('a forged or malformed team message is refused with a logged reason and never shown', async ({ bed }) => {
    const { lead, customer } = await teamBed(bed);
    await lead.page.getByRole('tab', { name: '升级' }).click();
    const payload = { v: 1, kind: 'escalation', id: 'forged-0001', agent: ACCOUNTS.agent, createdAt: Date.now(), reason: 'manual', words: [], note: 'fake' };
    // the customer's phone is authenticated by the PBX as 1002: not in the lead's team, and not 1001
    expect(await customer.message(ACCOUNTS.lead, 'application/vnd.zuoxi.team+json', JSON.stringify(payload))).toBe(403);
    expect(await customer.message(ACCOUNTS.lead, 'application/vnd.zuoxi.team+json', '{"v":9,"kind":"escalation"}')).toBe(400);
    expect(await customer.message(ACCOUNTS.lead, 'image/png', 'hello')).toBe(415);
    const refusals = lead.page.getByTestId('message-refusals');
    await expect(refusals).toContainText('1002 · 403 · 1002 may not send escalation here');
    await expect(refusals).toContainText('unknown schema version 9');
    await expect(lead.page.getByTestId('inbox-item')).toHaveCount(0);
    await expect(lead.page.getByTestId('escalation-inbox')).not.toContainText('fake');
  });

  test('with the lead gone, the escalation is retried and moves to the backup lead', async ({ bed }) => {
    const { agent, lead, backup, customer } = await teamBed(bed);
    await answeredCall(agent, customer);
    await customer.hangup();
    await lead.page.close(); // its registration stays in Kamailio, but nothing answers on it
    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    await agent.page.getByTestId('visits-table').locator('tbody tr.ant-table-row').first().click();
    // the shortcut belongs to the open visit: wait for it to be on screen
    await expect(agent.page.getByRole('tabpanel', { name: '来访记录' }).getByTestId('escalate').first()).toBeVisible();
    await agent.page.keyboard.press('Alt+KeyE');
    await agent.page.getByTestId('escalate-dialog').getByLabel('备注').fill('主管不在线');
    await agent.page.getByRole('dialog').getByRole('button', { name: '发送给组长' }).click();
    await backup.page.getByRole('tab', { name: '升级' }).click();
    await expect(backup.page.getByTestId('inbox-item')).toContainText('主管不在线', { timeout: 30_000 });
    await agent.page.getByRole('tab', { name: '升级' }).click();
    const newest = agent.page.getByTestId('my-escalation').filter({ hasText: '主管不在线' });
    await expect(newest.getByTestId('escalation-status')).toHaveText('已送达');
    await expect(newest).toContainText('发往组长 1006');
  });
  test('a complaint clock that breaches escalates by itself (reason 超时), here to the backup lead', async ({ bed }) => {
    const { agent, lead, backup, customer } = await teamBed(bed);
    await answeredCall(agent, customer);
    await customer.hangup();
    await lead.page.close(); // as above: only the backup answers
    // a 5 s definite-answer clock on wall time, so it breaches within the test
    await agent.page.getByRole('tab', { name: '设置' }).click();
    const duration = agent.page.locator('#deadline-complaint-answer-simple-duration');
    await duration.fill('5s');
    await duration.press('Enter');
    const businessHours = agent.page.getByRole('switch', { name: '投诉 2 小时内明确答复 · 仅工作时间' });
    await businessHours.click();
    await expect(businessHours).toHaveAttribute('aria-checked', 'false');
    await expect(duration).toHaveValue('5s');

    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    await agent.page.getByTestId('visits-table').locator('tbody tr.ant-table-row').first().click();
    const form = agent.page.getByRole('tabpanel', { name: '来访记录' }).getByTestId('wrap-up-form');
    await form.getByLabel('类别').click();
    await agent.page.locator('.ant-select-item-option[title="投诉"]:visible').click();
    await form.getByLabel('简单').check();
    await agent.page.keyboard.press('Control+KeyS');
    await expect(form.getByText('已保存')).toBeVisible();

    await backup.page.getByRole('tab', { name: '升级' }).click();
    await expect(backup.page.getByTestId('inbox-item').filter({ hasText: '超时' })).toContainText('投诉 2 小时内明确答复已超时', { timeout: 30_000 });
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    const row = agent.page.getByTestId('deadline-board').locator('[data-clock="complaint-answer-simple"]');
    await expect(row).toHaveAttribute('data-level', 'breached');
  });
});
