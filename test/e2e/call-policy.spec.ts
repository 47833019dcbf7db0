import Database from 'better-sqlite3';
import { join } from 'node:path';
import { agentAndCustomer, expectHears, followTransfersTo, hangUpFrom, test, type Party } from './sip-harness';
import { expect } from '@playwright/test';

// A far end that sends REFER (toll fraud: "please dial this number for me") is refused with 403
// unless the call policy allows it; every refusal is in the desk log. The far end here is a
// customer desk using its own blind transfer, which sends a real REFER through Kamailio.

async function connect(agent: Party, customer: Party) {
  await customer.page.getByLabel('号码或 SIP 地址').fill('1001');
  await customer.page.getByRole('button', { name: '呼叫' }).click();
  await agent.page.getByRole('button', { name: '接听' }).click();
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
  await expectHears(agent, 1000);
}

async function referFrom(customer: Party, target: string) {
  await customer.page.getByLabel('转接到（号码）').fill(target);
  await customer.page.getByRole('button', { name: '直接转' }).click();
}

function deskLog(party: Party): { kind: string; detail: Record<string, string> }[] {
  const db = new Database(join(party.host.dataDir, 'zuoxi.sqlite3'), { readonly: true });
  try {
    return db.prepare<[], { kind: string; detail: string }>('SELECT kind, detail FROM desk_log ORDER BY id').all().map((r) => ({ kind: r.kind, detail: JSON.parse(r.detail) as Record<string, string> }));
  } finally {
    db.close();
  }
}

test('by default a REFER from the far end is refused with 403, the call stays up, and the refusal is logged', async ({ bed }) => {
  const { agent, customer } = await agentAndCustomer(bed);
  await connect(agent, customer);
  await referFrom(customer, '0085212345678');
  // the transferor is told no (403), nothing was dialled, and both still talk
  await expect(customer.page.getByRole('complementary', { name: '电话栏' }).getByRole('alert')).toContainText('transfer to 0085212345678 was refused');
  await expect(agent.page.getByTestId('call-card')).toHaveCount(1);
  await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-remote', '1002');
  await expectHears(agent, 1000);
  await expect.poll(() => deskLog(agent)).toEqual([{ kind: 'refer-refused', detail: { from: '1002', target: '0085212345678', policy: 'refuse', reason: 'policy' } }]);
  await hangUpFrom(agent);
});

test('"internal only" refuses an outside number; "ask" shows the question and the agent refuses', async ({ bed }) => {
  const { agent, customer } = await agentAndCustomer(bed);
  await followTransfersTo(agent, '10[0-9]{2}');
  await connect(agent, customer);
  await referFrom(customer, '13900000000');
  await expect(customer.page.getByRole('complementary', { name: '电话栏' }).getByRole('alert')).toContainText('was refused');
  await expect.poll(() => deskLog(agent).map((e) => e.detail['reason'])).toEqual(['not-internal']);

  await agent.page.getByLabel('对方发起转接（REFER）时').click();
  await agent.page.locator('.ant-select-item-option[title="询问坐席"]').click();
  await expect(agent.page.getByTestId('call-policy')).toHaveAttribute('data-refer', 'ask');
  await referFrom(customer, '13900000001');
  await expect(agent.page.getByTestId('refer-ask')).toContainText('1002 请求本坐席拨打 13900000001');
  await agent.page.getByRole('button', { name: '拒绝' }).click();
  await expect(customer.page.getByRole('complementary', { name: '电话栏' }).getByRole('alert')).toContainText('13900000001 was refused');
  await expect(agent.page.getByTestId('call-card')).toHaveCount(1);
  await expect.poll(() => deskLog(agent).map((e) => e.detail['reason'])).toEqual(['not-internal', 'agent-declined']);
  await hangUpFrom(agent);
});
