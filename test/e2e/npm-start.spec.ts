import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostReady } from './harness';
import { audioProcessingOff, expectHears, freePort, hangUpFrom, registrationOf, startParty, type Party } from './sip-harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// `npm start` twice (desk 1 and desk 2) on a machine with Kamailio: the first starts the dev PBX, the
// second reuses it, both desks come up registered as 1001 / 1002 and can call each other; the
// web-chat address the first prints lets a customer chat with desk 1.
test('npm start brings up the dev PBX; two desks register by themselves and call each other; the printed web-chat page reaches desk 1', async () => {
  test.setTimeout(60_000);
  const env = {
    ...process.env,
    ZUOXI_HOST: 'browser',
    ZUOXI_DEV_PBX_WS_PORT: String(await freePort()),
    ZUOXI_DEV_PBX_UDP_PORT: String(await freePort()),
    ZUOXI_WEBCHAT_PORT: String(await freePort()),
  };
  const printed: Record<number, string> = {};
  const viaNpmStart = (desk: number) => async (dir: string) => {
    // what `npm start -- --desk N` runs after the build; ZUOXI_DATA_DIR stands in for the user's data folder
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--desk', String(desk), '--no-open', '--port', '0'], {
      cwd: ROOT,
      env: { ...env, ZUOXI_DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (c: Buffer) => void (printed[desk] = (printed[desk] ?? '') + c.toString()));
    return { host: await hostReady(child, join(dir, 'data')), child };
  };
  const desk1: Party = await startParty({ name: 'desk1', user: '1001', password: '', toneHz: 400 }, viaNpmStart(1));
  let desk2: Party | undefined;
  try {
    desk2 = await startParty({ name: 'desk2', user: '1002', password: '', toneHz: 1000 }, viaNpmStart(2));
    await expect(registrationOf(desk1)).toHaveText('已注册');
    await expect(registrationOf(desk2)).toHaveText('已注册');
    await Promise.all([audioProcessingOff(desk1), audioProcessingOff(desk2)]);
    await desk1.page.getByLabel('号码或 SIP 地址').fill('1002');
    await desk1.page.getByRole('button', { name: '呼叫' }).click();
    await desk2.page.getByRole('button', { name: '接听' }).click();
    await expectHears(desk1, 1000);
    await expectHears(desk2, 400);
    await hangUpFrom(desk2);
    await expect(desk1.page.getByTestId('call-card')).toHaveCount(0);

    // a customer opens the address desk 1's `npm start` printed, and writes to desk 1
    const address = /web chat \(customer side\) for desk 1001: (http:\/\/127\.0\.0\.1:\d+\/\?to=1001)/.exec(printed[1] ?? '')?.[1];
    expect(address, printed[1]).toBeDefined();
    expect(printed[2]).toContain('?to=1002'); // the second desk's own address on the same page
    const customer = await desk2.page.context().newPage();
    await customer.goto(address!);
    await expect(customer.getByTestId('webchat-line')).toHaveAttribute('data-status', 'registered');
    await customer.getByLabel('输入消息').fill('你好，我想咨询一下');
    await customer.getByLabel('输入消息').press('Enter');
    await expect(customer.getByTestId('webchat-message')).toHaveAttribute('data-status', 'delivered');
    await desk1.page.getByRole('tab', { name: '在线会话' }).click();
    await expect(desk1.page.getByTestId('chat-message')).toContainText('你好，我想咨询一下');
  } finally {
    await desk2?.close();
    await desk1.close(); // desk 1's `npm start` owns the PBX and stops it
  }
});
