import { expect, type Page } from '@playwright/test';
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { startFarEnd, type FarEnd } from '../bench/far-end';
import { openDesk } from './harness';
import { hostApi } from './host-api';
import { passwordOf, test, type Party, type SipBed } from './sip-harness';
import { cli, formTeam } from './team-harness';

// The team over a real Kamailio (issue 16): an admin/lead desk (1000) and two agent desks (1001,
// 1002), each its own host, data folder and Chromium. Policies are published by SIP MESSAGE, the
// lead's roster follows signed presence, and forged team messages are refused on the main side.
const U = { admin: '1000', a1: '1001', a2: '1002', member: '1007', customer: '1009' } as const;
const SIGNED = 'application/vnd.zuoxi.team-signed+json';
const DIRECTORY = 'application/vnd.zuoxi.team-directory+deflate';
/** A directory as it goes by MESSAGE: raw-deflated JSON, base64. */
const packed = (signed: { body: string; sig: string }) => deflateRawSync(JSON.stringify(signed)).toString('base64');

/** The three desks of one team (admin/lead 1000, agents 1001 and 1002), and perhaps a member the test signs for. */
async function teamBed(bed: SipBed, extra: { publicKey?: string } = {}) {
  const desks = await bed.start({ admin: { user: U.admin, toneHz: 600 }, a1: { user: U.a1, toneHz: 400 }, a2: { user: U.a2, toneHz: 500 } }, [U.member, U.customer]);
  await formTeam(
    desks.admin,
    [
      [desks.a1, '王坐席'],
      [desks.a2, '李坐席'],
    ],
    extra.publicKey ? [{ user: U.member, publicKey: extra.publicKey }] : [],
  );
  return desks;
}

const settingsTab = async (page: Page) => page.getByRole('tab', { name: '设置' }).click();
const versionOf = (page: Page) => page.getByTestId('team-version');
const rosterRow = (admin: Party, user: string) => admin.page.getByTestId('roster-row').and(admin.page.locator(`[data-user="${user}"]`));

/** The admin changes a policy in 设置: a new signed version, published at once. */
async function adminSets(admin: Party, field: string, value: string) {
  await settingsTab(admin.page);
  const input = admin.page.locator(field);
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}

test.describe('the team over SIP', () => {
  // three desks and a phone, each with its own Chromium: ~30 s alone, more beside other specs
  test.describe.configure({ timeout: 180_000 });

  test('the admin publishes policies by MESSAGE; an offline desk gets them back; the roster follows each agent live and marks a killed desk stale', async ({ bed }) => {
    const { pbx, admin, a1, a2 } = await teamBed(bed);
    const customer = await startFarEnd(pbx, { user: U.customer, password: passwordOf(U.customer) }, 1000);
    bed.adopt(() => customer.close());

    // a 2 s heartbeat (stale after 6 s), published to both agents: version 4
    await adminSets(admin, '#team-presence', '2');
    const delivery = (user: string) => admin.page.getByTestId(`delivery-${user}`);
    await expect(delivery(U.a1)).toHaveText('已送达第 4 版');
    await expect(delivery(U.a2)).toHaveText('已送达第 4 版');
    for (const p of [a1, a2]) {
      await settingsTab(p.page);
      await expect(versionOf(p.page)).toContainText('名录第 4 版');
    }

    // an agent cannot change a managed policy: read-only in the UI, refused by the contract, logged
    await expect(a1.page.locator('#deadline-ring-duration')).toBeDisabled();
    await expect(a1.page.getByTestId('managed-deadlinePolicy')).toContainText('期限规则由团队管理，本机只读。');
    const api = await hostApi(a1.host);
    const settings = (await api.call('settings.get', undefined)) as { ok: true; value: { deadlinePolicy: { rules: { ring: Record<string, unknown> } } } };
    const policy = settings.value.deadlinePolicy;
    const refused = await api.call('settings.update', { deadlinePolicy: { ...policy, rules: { ...policy.rules, ring: { ...policy.rules.ring, duration: '60s' } } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('managed by your team') } });
    // the phrase library too is the team's
    await expect(a1.page.getByTestId('managed-phrases')).toContainText('话术库由团队管理，本机只读。');
    await expect(a1.page.getByTestId('managed-monitoring')).toContainText('监听规则由团队管理，本机只读。');
    await expect(a1.page.getByTestId('monitoring-settings').getByRole('switch', { name: '监听时告知坐席（耳语和强插总会告知）' })).toBeDisabled();
    await expect(a1.page.getByTestId('monitoring-settings').getByRole('switch', { name: '通话录音（双方声音，保存在本机，组长可回放）' })).toBeDisabled();
    const library = (await api.call('phrases.library', { locale: 'zh-CN' })) as { ok: true; value: { phrases: { say: string[] }[] } };
    const edited = { ...library.value.phrases[0]!, say: ['改过的话术'] };
    expect(await api.call('phrases.save', { locale: 'zh-CN', phrase: edited })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const refusals = (await api.call('deskLog.list', { kind: 'policy-refused', limit: 5 })) as { ok: true; value: { detail: { keys: string[]; role: string } }[] };
    expect(refusals.value.map((e) => [e.detail.keys, e.detail.role])).toEqual([
      [['phrases'], 'agent'],
      [['deadlinePolicy'], 'agent'],
    ]);
    api.close();

    // 1002 goes offline; the admin raises the ring limit to 30 s (version 5); 1001 has it at once
    await a2.page.close();
    await adminSets(admin, '#deadline-ring-duration', '30s');
    await expect(delivery(U.a1)).toHaveText('已送达第 5 版');
    await expect(delivery(U.a2)).toContainText('第 5 版未送达');
    await expect(versionOf(a1.page)).toContainText('名录第 5 版');
    // 1002 comes back: its presence says version 4, and the admin's desk sends it version 5
    const back = await a2.page.context().newPage();
    await openDesk(back, await a2.host.newUrl());
    await expect(delivery(U.a2)).toHaveText('已送达第 5 版', { timeout: 20_000 });
    await settingsTab(back);
    await expect(versionOf(back)).toContainText('名录第 5 版');
    await expect(back.locator('#deadline-ring-duration')).toHaveValue('30s');

    // the roster follows 1001 through a call, each change within 1 s
    await admin.page.getByRole('tab', { name: '工作台' }).click();
    const row = rosterRow(admin, U.a1);
    await expect(row).toHaveAttribute('data-status', 'ready');
    await expect(row).toContainText('王坐席 1001');
    await a1.page.getByRole('tab', { name: '工作台' }).click();
    const calling = customer.call(U.a1);
    await expect(a1.page.getByRole('button', { name: '接听' })).toBeVisible();
    await expect(row).toHaveAttribute('data-status', 'ringing', { timeout: 1_000 });
    // the next call uses the published ring limit: 30 s, not the 15 s default
    await expect(a1.page.getByTestId('ring-countdown')).toContainText(/请在 (29|30) 秒内接听/);
    await a1.page.getByRole('button', { name: '接听' }).click();
    await calling;
    await expect(a1.page.getByTestId('talk-timer')).toBeVisible();
    await expect(row).toHaveAttribute('data-status', 'on-call', { timeout: 1_000 });
    await expect(row.getByTestId('roster-call')).toContainText(`来电 ${U.customer}`);
    await a1.page.getByRole('button', { name: '保持', exact: true }).click();
    await expect(a1.page.getByRole('button', { name: '恢复', exact: true })).toBeVisible();
    await expect(row).toHaveAttribute('data-status', 'held', { timeout: 1_000 });
    await customer.hangup();
    await expect(a1.page.getByTestId('wrap-up-form')).toBeVisible();
    await expect(a1.page.getByTestId('agent-status')).toContainText('话后处理');
    await expect(row).toHaveAttribute('data-status', 'wrap-up', { timeout: 1_000 });
    await expect(row).toContainText('今日 1 通');

    // 1002's desk is killed: stale once three 2 s heartbeats are missed
    const row2 = rosterRow(admin, U.a2);
    await expect(row2).toHaveAttribute('data-status', 'ready');
    await a2.close();
    await expect(row2).toHaveAttribute('data-status', 'stale', { timeout: 6_000 + 4_000 });
    await expect(row).not.toHaveAttribute('data-status', 'stale');

    // the wrap-up ends: 1001's desk sends today's summary; the lead's week has what 1001's own report says
    await a1.page.getByRole('button', { name: '完成话后处理' }).click();
    await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 1_000 });
    await admin.page.getByRole('tab', { name: '来访记录' }).click();
    const weekRow = admin.page.getByTestId('team-week-row').and(admin.page.locator(`[data-user="${U.a1}"]`));
    await expect(weekRow).toContainText('王坐席 1001');
    await expect(weekRow.locator('td').nth(2)).toHaveText('1');
    const today = new Date(new Date().setHours(0, 0, 0, 0)).getTime();
    const own = await hostApi(a1.host);
    const lead = await hostApi(admin.host);
    const report = (await own.call('visits.report', { from: today, to: today + 86_400_000 })) as { ok: true; value: { total: number; inbound: unknown; handle: unknown; wrapUp: unknown } };
    const monday = (await admin.page.getByTestId('team-week-monday').textContent())!.slice(0, 10);
    const week = (await lead.call('team.week', { monday })) as { ok: true; value: { agents: { user: string; figures: Record<string, unknown> }[] } };
    const mine = week.value.agents.find((a) => a.user === U.a1)!.figures;
    expect(mine).toMatchObject({ visits: report.value.total, inbound: report.value.inbound, handle: report.value.handle, wrapUp: report.value.wrapUp });
    expect(report.value.total).toBe(1);
    own.close();
    lead.close();
  });

  test('forged directories and team messages sent over SIP are refused on the main side, with the reason shown to the lead', async ({ bed }) => {
    const member = generateKeyPairSync('ed25519');
    const publicKey = member.publicKey.export({ format: 'jwk' }).x!;
    const { pbx, admin, a1 } = await teamBed(bed, { publicKey });
    // the member's own phone (authenticated by the PBX as 1007), sending what the test signs
    const phone: FarEnd = await startFarEnd(pbx, { user: U.member, password: passwordOf(U.member) }, 700);
    bed.adopt(() => phone.close());
    const envelope = (payload: Record<string, unknown>, over: { from?: string; at?: number; key?: KeyObject } = {}) => {
      const body = JSON.stringify({ from: over.from ?? U.member, at: over.at ?? Date.now(), nonce: randomBytes(16).toString('base64url'), payload });
      return JSON.stringify({ body, sig: sign(null, Buffer.from(body), over.key ?? member.privateKey).toString('base64url') });
    };
    const escalation = (id: string, agent: string = U.member) => ({ v: 1, kind: 'escalation', id, agent, createdAt: Date.now(), reason: 'manual', words: [], note: `forged-${id}` });

    // a real message from the member first: accepted, in the lead's inbox
    const genuine = envelope(escalation('genuine-0001'));
    expect(await phone.message(U.admin, SIGNED, genuine)).toBe(200);
    await admin.page.getByRole('tab', { name: '升级' }).click();
    await expect(admin.page.getByTestId('inbox-item')).toContainText('forged-genuine-0001');

    expect(await phone.message(U.admin, SIGNED, genuine)).toBe(403); // the same nonce again
    expect(await phone.message(U.admin, SIGNED, envelope(escalation('stale-0001'), { at: Date.now() - 10 * 60_000 }))).toBe(403);
    expect(await phone.message(U.admin, SIGNED, envelope(escalation('wrongkey-01', U.a1), { from: U.a1 }))).toBe(403); // 1001's name, the member's key
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    expect(await phone.message(U.admin, SIGNED, envelope(escalation('otherkey-01'), { key: otherKey }))).toBe(403);
    expect(await phone.message(U.admin, 'application/vnd.zuoxi.team+json', JSON.stringify(escalation('unsigned-01')))).toBe(403);
    // an acknowledgement to agent 1001 from someone who is not its lead
    const ack = { v: 1, kind: 'escalation-ack', id: 'genuine-0001', status: 'acknowledged', by: U.member, at: Date.now() };
    expect(await phone.message(U.a1, SIGNED, envelope(ack))).toBe(403);
    // directories: tampered (version raised), and one made by a would-be admin
    const held = JSON.parse(cli('team', 'publish', '--data-dir', admin.host.dataDir)) as { body: string; sig: string };
    expect(await phone.message(U.a1, DIRECTORY, packed({ body: held.body.replace(/"version":\d+/, '"version":99'), sig: held.sig }))).toBe(403);
    const rogueBody = held.body.replace(/"version":\d+/, '"version":100');
    expect(await phone.message(U.a1, DIRECTORY, packed({ body: rogueBody, sig: sign(null, Buffer.from(rogueBody), otherKey).toString('base64url') }))).toBe(403);
    // the member is revoked (version 5, which 1001 takes from a file); the valid version 4 again is refused as older
    cli('team', 'revoke', U.member, '--data-dir', admin.host.dataDir);
    const v5 = join(admin.host.dataDir, 'directory-v5.json');
    cli('team', 'publish', '--out', v5, '--data-dir', admin.host.dataDir);
    cli('team', 'receive', v5, '--data-dir', a1.host.dataDir);
    expect(await phone.message(U.a1, DIRECTORY, packed(held))).toBe(403);
    // revoked: the member's next message is refused
    expect(await phone.message(U.admin, SIGNED, envelope(escalation('revoked-01')))).toBe(403);

    const events = admin.page.getByTestId('message-refusals');
    for (const reason of ['replayed (claims 1007)', 'stale (claims 1007)', 'bad-signature (claims 1001)', 'bad-signature (claims 1007)', 'unsigned team message', 'revoked-member (claims 1007)']) {
      await expect(events).toContainText(reason);
    }
    await expect(admin.page.getByTestId('inbox-item')).toHaveCount(1);
    // the agent's desk kept its directory and logged each refusal with its reason
    const api = await hostApi(a1.host);
    const log = (await api.call('deskLog.list', { kind: 'team-refused', limit: 10 })) as { ok: true; value: { detail: { what: string; reason: string } }[] };
    expect(log.value.map((e) => `${e.detail.what} ${e.detail.reason}`)).toEqual(['directory not-newer', 'directory bad-signature', 'directory bad-signature']);
    const refusals = (await api.call('escalations.refusals', undefined)) as { ok: true; value: { code: number; reason: string }[] };
    expect(refusals.value.map((r) => r.reason)).toContain('1007 is not a lead of 1001');
    api.close();
    expect(JSON.parse(cli('team', 'status', '--json', '--data-dir', a1.host.dataDir))).toMatchObject({ role: 'agent', version: 5 });
  });
});
