import { expect, type Page } from '@playwright/test';
import { agentAndCustomer, dialFrom, expectHears, hangUpFrom, test, type Party } from './sip-harness';
import { hostApi } from './host-api';

// Call recording (issue 17, item 6) over a real Kamailio: agent 1001 sends 400 Hz, customer 1002
// 1,000 Hz. The recording is decoded back in the page and its spectrum read: both sides must be in it.
const AGENT_HZ = 400;
const CUSTOMER_HZ = 1000;

async function answeredCall(agent: Party, customer: Party) {
  await agent.page.getByRole('tab', { name: '工作台' }).click();
  await dialFrom(customer, '1001');
  await agent.page.getByRole('button', { name: '接听' }).click();
  await expectHears(agent, CUSTOMER_HZ, '1002');
}

/** A recording's file (base64), decoded by the page's Chromium: relative level (dB) at each frequency against a quiet band, and its length. */
async function recordedTones(page: Page, base64: string, tones: readonly number[]): Promise<{ seconds: number; db: number[] }> {
  return page.evaluate(async ({ base64, tones }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
    const ctx = new OfflineAudioContext(1, 48_000, 48_000);
    const audio = await ctx.decodeAudioData(bytes);
    const x = audio.getChannelData(0);
    // Goertzel power over the whole recording
    const power = (hz: number) => {
      const k = (2 * Math.cos((2 * Math.PI * hz) / audio.sampleRate));
      let s1 = 0;
      let s2 = 0;
      for (const v of x) {
        const s = v + k * s1 - s2;
        s2 = s1;
        s1 = s;
      }
      return s1 * s1 + s2 * s2 - k * s1 * s2;
    };
    const floor = power(2_750);
    return { seconds: audio.duration, db: tones.map((hz) => 10 * Math.log10(power(hz) / floor)) };
  }, { base64, tones });
}

test.describe('call recording', () => {
  test.describe.configure({ timeout: 120_000 });

  test('with the policy on: the call shows 录音中, both sides are in the file, it is linked to the visit and plays back', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await agent.page.getByRole('tab', { name: '设置' }).click();
    const settings = agent.page.getByTestId('recording-settings');
    await settings.getByRole('switch', { name: '通话录音（双方声音，保存在本机，组长可回放）' }).click();
    await expect(settings.getByRole('switch')).toBeChecked();

    await answeredCall(agent, customer);
    await expect(agent.page.getByTestId('recording-indicator')).toHaveText('● 录音中');
    // the chunks reach the main side as the call goes on: wait for about three seconds of Opus on disk
    const api = await hostApi(agent.host);
    const visits = (await api.call('visits.list', {})) as { ok: true; value: { items: { id: number }[] } };
    const visitId = visits.value.items[0]!.id;
    await expect
      .poll(async () => ((await api.call('recordings.forVisit', { visitId })) as { ok: true; value: { bytes: number }[] }).value[0]?.bytes ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(12_000);
    await hangUpFrom(customer);
    await expect(agent.page.getByTestId('recording-indicator')).toHaveCount(0);

    await agent.page.getByRole('tab', { name: '来访记录' }).click();
    await agent.page.getByTestId('visits-table').locator('tbody tr').filter({ hasText: '1002' }).click();
    const recording = agent.page.getByTestId('recording');
    await expect(recording).toHaveCount(1);
    await expect(recording).toContainText(/0:0[3-9] · \d+ KB/);
    await recording.getByRole('button', { name: '回放' }).click();
    // the player has it (a blob: URL, as the CSP's media-src allows) and can play it
    await expect.poll(() => agent.page.getByTestId('recording-player').evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);
    const id = Number(await recording.getAttribute('data-recording-id'));
    const file = (await api.call('recordings.read', { id })) as { ok: true; value: { mime: string; base64: string } };
    expect(file.value.mime).toBe('audio/webm');
    const { seconds, db } = await recordedTones(agent.page, file.value.base64, [AGENT_HZ, CUSTOMER_HZ, 700]);
    expect(seconds).toBeGreaterThan(3);
    // seen here: both tones ~89 dB over the quiet band, a tone nobody sent (700 Hz) ~19 dB
    expect(db[0]).toBeGreaterThan(50); // the agent
    expect(db[1]).toBeGreaterThan(50); // the customer
    expect(db[2]).toBeLessThan(Math.min(db[0]!, db[1]!) - 40); // and nobody else
    api.close();
  });

  test('with the policy off (the default): no indicator, no recording, and the main side refuses to start one', async ({ bed }) => {
    const { agent, customer } = await agentAndCustomer(bed);
    await answeredCall(agent, customer);
    await expect(agent.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
    await expect(agent.page.getByTestId('recording-indicator')).toHaveCount(0);
    const api = await hostApi(agent.host);
    expect(await api.call('recordings.start', { number: '1002', at: Date.now() })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'call recording is off by the team policy' } });
    await hangUpFrom(customer);
    const visits = (await api.call('visits.list', {})) as { ok: true; value: { items: { id: number }[] } };
    expect(await api.call('recordings.forVisit', { visitId: visits.value.items[0]!.id })).toEqual({ ok: true, value: [] });
    api.close();
  });
});
