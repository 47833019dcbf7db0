import { expect, type Page } from '@playwright/test';
import { dialFrom, expectHears, hangUpFrom, expectTones, levelsAt, SILENT_DB, test, type SipBed } from './sip-harness';
import { formTeam } from './team-harness';

// Team-lead monitoring over a real Kamailio (issue 17): customer 1002 sends 1000 Hz, agent 1001
// 400 Hz, lead 1000 700 Hz, each from its own Chromium; an FFT of what each one plays says who
// hears whom.
const TONE = { customer: 1000, agent: 400, lead: 700 } as const;

async function monitorBed(bed: SipBed) {
  const desks = await bed.start({ lead: { user: '1000', toneHz: TONE.lead }, agent: { user: '1001', toneHz: TONE.agent }, customer: { user: '1002', toneHz: TONE.customer } });
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
  });

  test('whisper, then barge, then listen again in one session: who hears the lead follows the mode', async ({ bed }) => {
    const { lead, agent, customer } = await monitorBed(bed);
    await lead.page.getByRole('tab', { name: '工作台' }).click();
    const row = lead.page.getByTestId('roster-row').and(lead.page.locator('[data-user="1001"]'));
    await row.getByTestId('monitor').click();
    await expect(row.getByTestId('stop-monitor')).toHaveText('结束监听');
    await expectTones(lead, '1001', [TONE.agent, TONE.customer], [TONE.lead]);
    const legs = () => lead.page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((p) => p.connectionState !== 'closed').length);
    const legsBefore = await legs();
    const mode = row.getByTestId('monitor-mode');

    // whisper: the agent hears the lead, the customer does not
    await mode.getByText('耳语').click();
    await expect(agent.page.getByTestId('monitored-notice')).toHaveAttribute('data-mode', 'whisper');
    await expectTones(agent, '1000', [TONE.lead]);
    await expectTones(customer, '1001', [TONE.agent], [TONE.lead]);
    await expectTones(lead, '1001', [TONE.agent, TONE.customer]);

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
    expect(await legs()).toBe(legsBefore);
  });
});
