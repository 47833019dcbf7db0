import { expect, type Page } from '@playwright/test';
import { dialFrom, expectHears, expectTones, followTransfersTo, hangUpFrom, levelsAt, passwordOf, SILENT_DB, test, type DeskSpec, type Party, type SipBed } from './sip-harness';
import { startFarEnd } from '../bench/far-end';
import { hostApi } from './host-api';
import { formTeam } from './team-harness';

// Team-lead monitoring over a real Kamailio (issue 17): customer 1002 sends 1000 Hz, agent 1001
// 400 Hz, lead 1000 700 Hz, each from its own Chromium; an FFT of what each one plays says who
// hears whom.
const TONE = { customer: 1000, agent: 400, lead: 700, second: 1300 } as const;

/** Lead 1000, agent 1001 on a call with customer 1002; `second` (1003) is a second customer, left idle. */
async function monitorBed(bed: SipBed, withSecond = false, extraAccounts: string[] = []) {
  const desks = await bed.start({
    lead: { user: '1000', toneHz: TONE.lead },
    agent: { user: '1001', toneHz: TONE.agent },
    customer: { user: '1002', toneHz: TONE.customer },
    ...(withSecond ? { second: { user: '1003', toneHz: TONE.second } } : {}),
  } as Record<'lead' | 'agent' | 'customer' | 'second', DeskSpec>, extraAccounts);
  await formTeam(desks.lead, [[desks.agent, '王坐席']]);
  // the customer calls; the agent answers; they hear each other
  await desks.agent.page.getByRole('tab', { name: '工作台' }).click();
  await dialFrom(desks.customer, '1001');
  await desks.agent.page.getByRole('button', { name: '接听' }).click();
  await expectHears(desks.agent, TONE.customer, '1002');
  await expectHears(desks.customer, TONE.agent, '1001');
  return desks;
}

/** The `o=` version of the session description the customer's desk last received: a re-INVITE raises it. */
/** The lead starts listening to agent 1001 from its roster; the row, for the mode and stop buttons. */
async function listenFromRoster(lead: Party) {
  await lead.page.getByRole('tab', { name: '工作台' }).click();
  const row = lead.page.getByTestId('roster-row').and(lead.page.locator('[data-user="1001"]'));
  await row.getByTestId('monitor').click();
  await expect(row.getByTestId('stop-monitor')).toHaveText('结束监听');
  return row;
}

const cardWith = (party: Party, user: string) => party.page.locator(`[data-testid="call-card"][data-remote="${user}"]`);
const openLegs = (party: Party) => party.page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((p) => p.connectionState !== 'closed').length);

const remoteSdpVersion = (page: Page) =>
  page.evaluate(() => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.find((p) => p.connectionState !== 'closed');
    return /^o=\S+ \S+ (\d+)/m.exec(pc?.remoteDescription?.sdp ?? '')?.[1] ?? null;
  });

test.describe('a lead monitors an agent\'s call', () => {
  test.describe.configure({ timeout: 120_000 });

  test('listen: the lead hears agent and customer; neither hears the lead; the customer leg is untouched; the agent is told; it ends with the call', async ({ bed }) => {
    const { lead, agent, customer } = await monitorBed(bed);
    const sdpBefore = await remoteSdpVersion(customer.page);
    expect(sdpBefore).not.toBeNull();

    await lead.page.getByRole('tab', { name: '工作台' }).click();
    const row = lead.page.getByTestId('roster-row').and(lead.page.locator('[data-user="1001"]'));
    await expect(row).toHaveAttribute('data-status', 'on-call');
    await row.getByTestId('monitor').click();
    await expect(row.getByTestId('stop-monitor')).toHaveText('结束监听');

    // the lead hears both sides of the call through the agent's desk
    await expectTones(lead, '1001', [TONE.agent, TONE.customer], [TONE.lead]);
    // nobody hears the lead: not the customer, not the agent
    await expectTones(customer, '1001', [TONE.agent], [TONE.lead]);
    await expectTones(agent, '1002', [TONE.customer], [TONE.lead]);
    const agentFromLead = await levelsAt(agent, '1000', [TONE.lead]);
    expect(agentFromLead[0]).toBeLessThan(SILENT_DB);
    // the customer's call was not renegotiated, and the agent sees who listens
    expect(await remoteSdpVersion(customer.page)).toBe(sdpBefore);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveText('组长 张组长 1000 正在监听本通话');
    // the agent's call card and state are the customer call's alone
    await expect(agent.page.getByTestId('call-card')).toHaveCount(1);
    await expect(agent.page.getByTestId('agent-status')).toHaveText('通话中');

    // the agent holds the customer: the lead hears the call as the agent does, and the customer again after resume
    await agent.page.getByRole('button', { name: '保持', exact: true }).click();
    await expect(agent.page.getByRole('button', { name: '恢复', exact: true })).toBeVisible();
    await expectTones(lead, '1001', [], [TONE.customer]);
    await agent.page.getByRole('button', { name: '恢复', exact: true }).click();
    await expectTones(lead, '1001', [TONE.agent, TONE.customer]);

    // stopping ends the leg on both desks; the customer call goes on
    await row.getByTestId('stop-monitor').click();
    await expect(row.getByTestId('stop-monitor')).toHaveCount(0);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
    await expectHears(customer, TONE.agent, '1001');

    // again, then the customer hangs up: the monitoring ends with the agent's leg
    await row.getByTestId('monitor').click();
    await expect(row.getByTestId('stop-monitor')).toHaveText('结束监听');
    await hangUpFrom(customer);
    await expect(row.getByTestId('stop-monitor')).toHaveCount(0);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);

    // both sessions are kept on both desks for the spot checks; the agent sees who listened
    await agent.page.getByRole('tab', { name: '升级' }).click();
    const mine = agent.page.getByTestId('monitor-record');
    await expect(mine).toHaveCount(2);
    await expect(mine.first()).toContainText(/组长 张组长 1000 监听了本机 · 监听 · \d+:\d\d/);
    await lead.page.getByRole('tab', { name: '升级' }).click();
    await expect(lead.page.getByTestId('monitor-record')).toHaveCount(2);
    await expect(lead.page.getByTestId('monitor-record').first()).toContainText('本机监听了 1001');
    const own = await hostApi(agent.host);
    const records = (await own.call('monitoring.list', undefined)) as { ok: true; value: { visitId: number | null; endedAt: number | null }[] };
    const visits = (await own.call('visits.list', {})) as { ok: true; value: { items: { id: number }[] } };
    own.close();
    expect(records.value.map((r) => r.visitId)).toEqual([visits.value.items[0]!.id, visits.value.items[0]!.id]);
    expect(records.value.every((r) => r.endedAt !== null)).toBe(true);
  });

  test('whisper, then barge, then listen again in one session: who hears the lead follows the mode', async ({ bed }) => {
    const { lead, agent, customer } = await monitorBed(bed);
    const row = await listenFromRoster(lead);
    await expectTones(lead, '1001', [TONE.agent, TONE.customer], [TONE.lead]);
    const legsBefore = await openLegs(lead);
    const mode = row.getByTestId('monitor-mode');

    // whisper: the agent hears the lead, the customer does not
    await mode.getByText('耳语').click();
    await expect(agent.page.getByTestId('monitored-notice')).toHaveAttribute('data-mode', 'whisper');
    await expectTones(agent, '1000', [TONE.lead]);
    await expectTones(customer, '1001', [TONE.agent], [TONE.lead]);
    await expectTones(lead, '1001', [TONE.agent, TONE.customer]);
    // a coach note: signed, in the agent's panel; the customer's desk never sees it
    await row.getByTestId('coach-box').getByLabel('提示坐席').fill('先核实身份，再说办理时限');
    await row.getByTestId('coach-box').getByRole('button', { name: '发送' }).click();
    await expect(row.getByTestId('coach-outcome')).toHaveText('已送达坐席');
    await expect(agent.page.getByTestId('coach-note')).toHaveText(/组长提示 · 张组长 1000\s*先核实身份，再说办理时限/);
    await expect(customer.page.getByText('先核实身份')).toHaveCount(0);

    // barge: the customer hears the lead too
    await mode.getByText('强插').click();
    await expect(agent.page.getByTestId('monitored-notice')).toHaveAttribute('data-mode', 'barge');
    await expectTones(customer, '1001', [TONE.agent, TONE.lead]);
    await expectTones(agent, '1000', [TONE.lead]);
    await expectTones(lead, '1001', [TONE.agent, TONE.customer]);

    // listen again: nobody hears the lead; never re-dialled
    await mode.getByText('监听').click();
    await expect(agent.page.getByTestId('monitored-notice')).toHaveAttribute('data-mode', 'listen');
    await expectTones(customer, '1001', [TONE.agent], [TONE.lead]);
    await expect.poll(async () => (await levelsAt(agent, '1000', [TONE.lead]))[0]).toBeLessThan(SILENT_DB);
    await expectTones(lead, '1001', [TONE.agent, TONE.customer], [TONE.lead]);
    expect(await openLegs(lead)).toBe(legsBefore);
  });

  test('forged monitoring requests get 403 with the reason kept, and never audio: someone with the lead\'s SIP password but not its key, a replay, a mode the team forbids', async ({ bed }) => {
    const { pbx, lead, agent } = await monitorBed(bed);
    // the admin forbids barge; the agent's desk has it from the directory
    await lead.page.getByRole('tab', { name: '设置' }).click();
    await lead.page.getByTestId('monitoring-settings').getByRole('checkbox', { name: '强插' }).click();
    await agent.page.getByRole('tab', { name: '设置' }).click();
    await expect(agent.page.getByTestId('monitoring-settings').getByRole('checkbox', { name: '强插' })).not.toBeChecked();
    // a phone registered with 1000's SIP password (the PBX believes it is the lead) but without its key
    const impostor = await startFarEnd(pbx, { user: '1000', password: passwordOf('1000') }, 900);
    bed.adopt(() => impostor.close());
    const api = await hostApi(lead.host);
    const call = { number: '1002', since: Date.now() };
    const token = async (mode: string) => ((await api.call('team.monitorToken', { agent: '1001', mode, call })) as { ok: true; value: { header: string } }).value.header;
    const header = (t: string) => [`X-Zuoxi-Monitor: ${t}`];

    expect(await impostor.probe('1001', header('not-a-token'))).toBe(403);
    const real = await token('listen');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(real, 'base64url').toString()), sig: 'A'.repeat(86) })).toString('base64url');
    expect(await impostor.probe('1001', header(forged))).toBe(403);
    expect(await impostor.probe('1001', header(await token('barge')))).toBe(403);
    // a real request, used once (accepted), then replayed
    const once = await token('listen');
    expect(await impostor.probe('1001', header(once))).toBe(200);
    expect(await impostor.probe('1001', header(once))).toBe(403);
    api.close();

    const own = await hostApi(agent.host);
    const refusals = (await own.call('escalations.refusals', undefined)) as { ok: true; value: { from: string; reason: string }[] };
    expect(refusals.value.map((r) => r.reason)).toEqual([
      'monitoring refused: replayed (claims 1000)',
      'monitoring refused: mode-not-allowed (1000)',
      'monitoring refused: bad-signature (claims 1000)',
      'monitoring refused: malformed',
    ]);
    own.close();
    // shown on the agent's own desk as security events
    await agent.page.getByRole('tab', { name: '升级' }).click();
    await expect(agent.page.getByTestId('message-refusals')).toContainText('1000 · 403 · monitoring refused: replayed (claims 1000)');
    await expect(agent.page.getByTestId('message-refusals')).toContainText('monitoring refused: mode-not-allowed (1000)');
    // the agent's customer call went on untouched
    await expect(agent.page.getByTestId('call-card')).toHaveCount(1);
    await expectHears(agent, TONE.customer, '1002');
  });

  test('the monitoring follows the agent: a new headset keeps the lead\'s mix, a second call answered is what the lead hears, a transfer ends it', async ({ bed }) => {
    test.setTimeout(180_000);
    const { lead, agent, customer, second } = await monitorBed(bed, true);
    await followTransfersTo(customer, '100[0-9]');
    const row = await listenFromRoster(lead);
    await expectTones(lead, '1001', [TONE.agent, TONE.customer], [TONE.second]);
    const legs = await openLegs(lead);

    // the agent switches headsets mid-call: the desk opens the new microphone, and the lead's mix has it
    await agent.page.evaluate(() => {
      const opened: { deviceId: string; track: MediaStreamTrack }[] = [];
      (window as unknown as { __gum: typeof opened }).__gum = opened;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => {
        const stream = await original(c);
        const audio = typeof c?.audio === 'object' ? c.audio : {};
        opened.push({ deviceId: JSON.stringify(audio.deviceId ?? ''), track: stream.getAudioTracks()[0]! });
        return stream;
      };
    });
    const headset = await agent.page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default').at(-1)!);
    await agent.page.getByRole('tab', { name: '线路' }).click();
    await agent.page.getByLabel('麦克风').click();
    await agent.page.locator(`.ant-select-item-option[title="${headset.label}"]`).click();
    await expect
      .poll(() => agent.page.evaluate((id) => (window as unknown as { __gum: { deviceId: string; track: MediaStreamTrack }[] }).__gum.some((g) => g.deviceId.includes(id) && g.track.readyState === 'live'), headset.deviceId))
      .toBe(true);
    await expectTones(lead, '1001', [TONE.agent, TONE.customer]);
    await expectHears(customer, TONE.agent, '1001');
    await agent.page.getByRole('tab', { name: '工作台' }).click();

    // a second customer calls; the agent holds the first and answers: the lead now hears that call, not the held one
    await dialFrom(second, '1001');
    await agent.page.getByRole('button', { name: '保持当前并接听' }).click();
    await expect(cardWith(agent, '1002')).toHaveAttribute('data-call-held', 'true');
    await expectTones(lead, '1001', [TONE.agent, TONE.second], [TONE.customer]);
    await expect(row.getByTestId('stop-monitor')).toHaveText('结束监听');
    expect(await openLegs(lead)).toBe(legs);

    // the second call ends; the first is held (silent for the lead too), then resumed
    await hangUpFrom(second);
    await second.page.getByRole('button', { name: '完成话后处理' }).click();
    await expect(second.page.getByTestId('agent-status')).toHaveText('就绪');
    await expect(agent.page.getByTestId('call-card')).toHaveCount(1);
    await expectTones(lead, '1001', [TONE.agent], [TONE.customer, TONE.second]);
    await cardWith(agent, '1002').getByRole('button', { name: '恢复' }).click();
    await expectTones(lead, '1001', [TONE.agent, TONE.customer]);

    // the agent transfers the customer away: its leg ends, and the monitoring with it
    await agent.page.getByLabel('转接到（号码）').fill('1003');
    await agent.page.getByRole('button', { name: '直接转' }).click();
    await expect(agent.page.getByTestId('last-call')).toHaveAttribute('data-end-reason', 'transferred');
    await expect(row.getByTestId('stop-monitor')).toHaveCount(0);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
    await second.page.getByRole('button', { name: '接听' }).click();
    await expectHears(second, TONE.customer, '1002');
    await expect(lead.page.locator('audio[data-zuoxi-monitor]')).toHaveCount(0);
  });

  test('PBX-side mode (FreeSWITCH eavesdrop): the lead dials the feature code, each mode leaves as its digits, and the session is kept', async ({ bed }) => {
    const { pbx, lead, agent } = await monitorBed(bed, false, ['881001']);
    // the PBX's eavesdrop extension 88 + 1001, standing in for FreeSWITCH: it answers and plays its mix (900 Hz here)
    const eavesdrop = await startFarEnd(pbx, { user: '881001', password: passwordOf('881001') }, 900);
    bed.adopt(() => eavesdrop.close());

    // the admin (the lead here) chooses FreeSWITCH: the digits are its own; no feature code, no saving
    await lead.page.getByRole('tab', { name: '设置' }).click();
    const settings = lead.page.getByTestId('pbx-monitoring');
    await settings.getByLabel('由谁混音').click();
    await lead.page.locator('.ant-select-item-option[title="FreeSWITCH eavesdrop（PBX 侧）"]').click();
    await settings.getByLabel('监听功能码（拨在分机号前）').fill('');
    await expect(lead.page.getByTestId('pbx-monitoring-error')).toContainText('feature code');
    await expect(settings.getByRole('button', { name: '保存 PBX 设置' })).toBeDisabled();
    await settings.getByLabel('监听功能码（拨在分机号前）').fill('88');
    await expect(settings.getByLabel('各模式的按键（DTMF） 耳语')).toHaveValue('2');
    await settings.getByRole('button', { name: '保存 PBX 设置' }).click();
    await expect(settings).toHaveAttribute('data-kind', 'freeswitch');
    // digits by SIP INFO, so the far end can read them
    await lead.page.getByRole('tab', { name: '线路' }).click();
    await lead.page.getByRole('radio', { name: 'SIP INFO' }).click();

    const row = await listenFromRoster(lead);
    await expect.poll(() => eavesdrop.state()).toBe('Established');
    await expectTones(lead, '1001', [900], [TONE.agent, TONE.customer]);
    await expect.poll(() => eavesdrop.digits()).toBe('0');
    const mode = row.getByTestId('monitor-mode');
    await mode.getByText('耳语').click();
    await expect.poll(() => eavesdrop.digits()).toBe('02');
    await mode.getByText('强插').click();
    await expect.poll(() => eavesdrop.digits()).toBe('023');
    await mode.getByText('监听').click();
    await expect.poll(() => eavesdrop.digits()).toBe('0230');
    // the agent's desk took no part: no leg, no notice; its call goes on
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
    await expect(agent.page.getByTestId('call-card')).toHaveCount(1);

    await row.getByTestId('stop-monitor').click();
    await expect.poll(() => eavesdrop.state()).toBe('none');
    await lead.page.getByRole('tab', { name: '升级' }).click();
    await expect(lead.page.getByTestId('monitor-record')).toHaveCount(1);
    await expect(lead.page.getByTestId('monitor-record').first()).toContainText('本机监听了 1001');
  });

  test('from an escalation: the lead listens in from the inbox item of the agent who escalated', async ({ bed }) => {
    const { lead, agent } = await monitorBed(bed);
    const form = agent.page.getByTestId('wrap-up-form');
    await form.getByLabel('客户诉求').fill('再不处理我就找记者');
    await form.getByTestId('sensitive-warning').getByTestId('escalate').click();
    await agent.page.getByRole('dialog').getByRole('button', { name: '发送给组长' }).click();

    await lead.page.getByRole('tab', { name: '升级' }).click();
    const item = lead.page.getByTestId('inbox-item');
    await expect(item).toContainText('来自坐席 1001');
    await item.getByTestId('monitor').click();
    await expect(item.getByTestId('stop-monitor')).toHaveText('结束监听');
    await expectTones(lead, '1001', [TONE.agent, TONE.customer], [TONE.lead]);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveText('组长 张组长 1000 正在监听本通话');
    await item.getByTestId('stop-monitor').click();
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
  });
});
