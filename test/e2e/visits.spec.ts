import { expect } from '@playwright/test';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { openDesk, startHost, stopHost } from './harness';
import { agentAndCustomer, hangUpFrom, type Party, test } from './sip-harness';

// A real call opens the visit; the agent types, the desk is killed mid-typing, the draft survives;
// the saved visit is found by a Chinese word and its follow-up is in today's work.
// Each case has its own PBX, desks and calls.

/** A repair call: the customer calls, the agent answers, types the request, the customer hangs up, the agent saves it as 报修. */
async function savedRepairVisit(agent: Party, customer: Party): Promise<void> {
  await agent.page.getByRole('tab', { name: '工作台' }).click();
  await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
  await customer.page.getByRole('button', { name: '呼叫' }).click();
  await agent.page.getByRole('button', { name: '接听' }).click();
  const form = agent.page.getByTestId('wrap-up-form');
  await form.getByLabel('客户诉求').fill('宽带断网三天，要求上门报修');
  await hangUpFrom(customer);
  await form.getByLabel('类别').click();
  await agent.page.locator('.ant-select-item-option[title="报修"]').click();
  await form.getByLabel('处理结果').fill('已派单');
  await agent.page.keyboard.press('Control+KeyS');
  await expect(form.getByText('已保存')).toBeVisible();
}

test.describe('visit log from a real call', () => {
  test.describe.configure({ timeout: 60_000 });

  test('answering a call opens its visit, prefilled; a draft survives the desk being killed', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
    await customer.page.getByRole('button', { name: '呼叫' }).click();
    await agent.page.getByRole('button', { name: '接听' }).click();
    const form = agent.page.getByTestId('wrap-up-form');
    await expect(form).toContainText('来访记录 · 1002');
    await expect(form).toContainText('呼入');
    await expect(form).toContainText('首问责任人: 1001');
    await form.getByLabel('客户诉求').fill('宽带断网三天，要求上门报修');
    await expect(agent.page.getByTestId('draft-saved')).toBeVisible();
    await hangUpFrom(customer);

    // kill the desk's host process outright, start it again on the same data folder
    process.kill(agent.host.pid, 'SIGKILL');
    const again = await startHost(agent.host.dataDir);
    bed.adopt(() => stopHost(again.child));
    await openDesk(agent.page, again.host.url);
    // what was typed and never saved is listed at start
    await expect(agent.page.getByTestId('unsaved-draft')).toContainText('宽带断网三天，要求上门报修');
    // its clocks came back with it: handled by the next working morning, resolved within 24 h
    const board = agent.page.getByTestId('deadline-board');
    await expect(board.locator('[data-clock="issue-resolve"]')).toHaveAttribute('data-level', 'ok');
    const item = board.locator('[data-clock="next-day"]');
    await expect(item).toContainText('次日处理');
    await item.getByRole('button', { name: '打开' }).click();
    await expect(agent.page.getByTestId('wrap-up-form').getByLabel('客户诉求')).toHaveValue('宽带断网三天，要求上门报修');
  });

  test('saving records the category; the visit is found by a Chinese word and by number prefix', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await savedRepairVisit(agent, customer);

    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    await agent.page.getByLabel('搜索内容（支持中文）').fill('报修');
    const table = agent.page.getByTestId('visits-table');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table).toContainText('宽带断网三天');
    await agent.page.getByLabel('搜索内容（支持中文）').fill('退款');
    await expect(table).toContainText('暂无数据');
    await agent.page.getByLabel('搜索内容（支持中文）').fill('');
    await agent.page.getByLabel('号码（前缀）').fill('100');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table).toContainText('报修');
  });

  test('an event handed to another department keeps the visit pending until the customer is answered', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await savedRepairVisit(agent, customer);
    const form = agent.page.getByTestId('wrap-up-form');
    await form.getByLabel('部门').fill('维修部');
    await form.getByLabel('需处理的事项').fill('安排工程师上门检修光猫');
    await form.getByRole('button', { name: '提交事件' }).click();
    const event = form.getByTestId('visit-event');
    await expect(event).toHaveAttribute('data-status', 'submitted');
    await expect(form.getByLabel('状态').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')).toContainText('待其他部门');
    for (const [button, status] of [
      ['标记处理中', 'in-progress'],
      ['部门已答复', 'answered'],
      ['已答复客户', 'customer-informed'],
    ] as const) {
      await event.getByRole('button', { name: button }).click();
      await expect(event).toHaveAttribute('data-status', status);
    }
    await expect(form.getByLabel('状态').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')).toContainText('处理中');
  });

  test('the week exports as a real XLSX with the same row and its talk time, and its statistics show it', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await savedRepairVisit(agent, customer);
    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    const download = agent.page.waitForEvent('download');
    await agent.page.getByRole('button', { name: '导出 Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^来访记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const zip = await JSZip.loadAsync(readFileSync(await file.path()));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('来电号码');
    expect(sheet).toContain('宽带断网三天，要求上门报修');
    expect(sheet).toContain('已派单');
    expect(sheet.match(/<row /g)).toHaveLength(2);
    // the call's end was written when it ended: 结束时间 (I) and 通话时长(秒) (J) are filled
    expect(sheet).toMatch(/<c r="I2" t="inlineStr"><is><t xml:space="preserve">\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}<\/t>/);
    expect(sheet).toMatch(/<c r="J2"><v>\d+<\/v><\/c>/);

    await agent.page.getByRole('button', { name: '统计' }).click();
    const report = agent.page.getByTestId('visit-report');
    await expect(report).toContainText('来访总数');
    await expect(report.getByRole('meter', { name: '报修' })).toHaveAttribute('aria-valuenow', '1');
    await expect(report).toContainText('接通率（呼入）100.0%');
    await expect(report).toContainText(/平均通话时长\s*\d+/);
  });

  test('shift handover: the incoming agent acknowledges each open matter, stamped and kept', async ({ bed }) => {
    const { agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } });
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    const card = agent.page.getByTestId('handover');
    await card.getByLabel('未完成事项（每行一条）').fill('王女士宽带投诉，明早 9 点前回电\n维修部事件待答复');
    await card.getByLabel('交班人').fill('张三');
    await card.getByRole('button', { name: '交班' }).click();
    const items = card.getByTestId('handover-item');
    await expect(items).toHaveCount(2);
    await expect(card).toContainText('张三 于');
    await card.getByLabel('接班人').fill('李四');
    await items.first().getByRole('button', { name: '确认接收' }).click();
    await expect(items.first()).toHaveAttribute('data-acknowledged', 'true');
    await expect(items.first()).toContainText('李四 已确认');
    await agent.page.reload();
    await expect(agent.page.getByTestId('handover-item').first()).toContainText('李四 已确认');
    await expect(agent.page.getByTestId('handover-item').nth(1)).toHaveAttribute('data-acknowledged', 'false');
  });
});
