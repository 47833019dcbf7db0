import { expect } from '@playwright/test';
import { agentAndCustomer, hangUpFrom, type Party, registrationOf, test } from './sip-harness';

// The clocks of a real call over Kamailio, the board of a saved complaint, and the policy editor.
// Each case has its own PBX and desks.
const pill = (agent: Party, clock: string) => agent.page.locator(`[data-testid="countdown"][data-clock="${clock}"]`);
const call = async (customer: Party) => {
  await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
  await customer.page.getByRole('button', { name: '呼叫' }).click();
};

test.describe('deadlines on a real call', () => {
  test.describe.configure({ timeout: 60_000 });

  test('the call in hand shows its clocks: ringing, on hold, wrap-up', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    await call(customer);
    await expect(pill(agent, 'ring')).toHaveAttribute('data-level', 'ok');
    await expect(pill(agent, 'ring')).toContainText(/1[0-5]s$/);
    await agent.page.getByRole('button', { name: '接听' }).click();
    await expect(pill(agent, 'ring')).toHaveCount(0);
    await agent.page.getByRole('button', { name: '保持' }).click();
    await expect(pill(agent, 'hold')).toContainText(/[0-9]+s$/);
    await expect(pill(agent, 'hold')).toHaveAttribute('data-level', 'ok');
    await agent.page.getByRole('button', { name: '恢复' }).click();
    await expect(pill(agent, 'hold')).toHaveCount(0);
    await hangUpFrom(customer);
    await expect(pill(agent, 'wrap-up')).toContainText(/[0-9]:[0-5][0-9]$/);
  });

  test('a complaint starts its clocks on the board; waiting for the customer pauses one', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    await call(customer);
    await agent.page.getByRole('button', { name: '接听' }).click();
    await hangUpFrom(customer);
    const form = agent.page.getByTestId('wrap-up-form');
    await form.getByLabel('类别').click();
    await agent.page.locator('.ant-select-item-option[title="投诉"]').click();
    await form.getByLabel('客户诉求').fill('宽带断网三天未修复，投诉维修人员');
    await agent.page.keyboard.press('Control+KeyS');
    await expect(form.getByText('已保存')).toBeVisible();
    const board = agent.page.getByTestId('deadline-board');
    const reply = board.locator('[data-clock="complaint-reply"]');
    const resolve = board.locator('[data-clock="complaint-resolve"]');
    await expect(reply).toHaveAttribute('data-level', 'ok');
    await expect(reply).toContainText(/11h 5[0-9]min/);
    await expect(resolve).toContainText(/47h 5[0-9]min/);
    // the same clocks on the visit itself
    await expect(form.getByTestId('visit-clock')).toHaveCount(2);
    await expect(form.locator('[data-testid="visit-clock"][data-clock="complaint-reply"]')).toContainText(/投诉 12 小时内回复 11h 5[0-9]min/);
    await resolve.getByRole('button', { name: '等待客户' }).click();
    await expect(resolve).toHaveAttribute('data-level', 'paused');
    await expect(resolve).toContainText('已暂停（等待客户）');
    await resolve.getByRole('button', { name: '继续计时' }).click();
    await expect(resolve).toHaveAttribute('data-level', 'ok');
    await agent.page.getByRole('button', { name: '完成话后处理' }).click();
  });

  test('the policy is edited in settings: a bad duration is refused with the reason, a good one rings', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await agent.page.getByRole('tab', { name: '设置' }).click();
    const ring = agent.page.locator('#deadline-ring-duration');
    await ring.fill('15 秒');
    await ring.press('Enter');
    await expect(agent.page.getByTestId('deadline-policy-problem')).toContainText('rules.ring.duration');
    await agent.page.reload();
    await agent.page.getByRole('tab', { name: '设置' }).click();
    await expect(agent.page.locator('#deadline-ring-duration')).toHaveValue('15s'); // nothing was saved
    await agent.page.locator('#deadline-ring-duration').fill('40s');
    await agent.page.locator('#deadline-ring-duration').press('Enter');
    await expect(agent.page.getByTestId('deadline-policy-problem')).toHaveCount(0);
    await agent.page.reload();
    await expect(registrationOf(agent)).toHaveText('已注册');
    await agent.page.getByRole('tab', { name: '设置' }).click();
    await expect(agent.page.locator('#deadline-ring-duration')).toHaveValue('40s');
    await call(customer);
    await expect(pill(agent, 'ring')).toContainText(/(3[0-9]|40)s$/);
    await agent.page.getByRole('button', { name: '接听' }).click();
    await hangUpFrom(customer);
  });

  test('a wrap-up past its limit ends by itself, to NotReady as the policy says, shown on the strip', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await agent.page.getByRole('tab', { name: '设置' }).click();
    for (const [id, value] of [
      ['#deadline-wrap-up-due-soon', '2s'],
      ['#deadline-wrap-up-duration', '6s'],
    ] as const) {
      await agent.page.locator(id).fill(value);
      await agent.page.locator(id).press('Enter');
      await expect(agent.page.locator(id)).toHaveValue(value);
    }
    await agent.page.getByLabel('话后整理超时后').click();
    await agent.page.locator('.ant-select-item-option[title="自动置为未就绪（小休）"]').click();
    await expect(agent.page.getByTestId('deadline-policy-problem')).toHaveCount(0);
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    await call(customer);
    await agent.page.getByRole('button', { name: '接听' }).click();
    await hangUpFrom(customer);
    await expect(agent.page.getByTestId('agent-status')).toHaveText('话后处理');
    await expect(pill(agent, 'wrap-up')).toContainText('→ 到时置为未就绪');
    // nobody presses 完成话后处理: the desk moves on by itself at 6 s
    await expect(agent.page.getByTestId('agent-status')).toHaveText('未就绪 · 小休', { timeout: 15_000 });
    await expect(pill(agent, 'wrap-up')).toHaveCount(0);
  });
});
