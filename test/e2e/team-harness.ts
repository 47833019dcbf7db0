import { expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zuoxiCli } from './harness';
import { registrationOf, type Party } from './sip-harness';

/** Runs `zuoxi …` and fails the test with its stderr when it fails. */
export function cli(...args: string[]): string {
  const r = zuoxiCli(...args);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** A member the test adds by hand: a user with a public key whose private key the test holds. */
export interface ExtraMember {
  readonly user: string;
  readonly publicKey: string;
}

/**
 * Makes one team with `zuoxi team` on each desk's data folder: `admin` (its admin, and the lead of
 * every agent), the `agents` with their names, and any `extra` members. Then every page is
 * reloaded onto its team, registered again.
 */
export async function formTeam(admin: Party, agents: readonly (readonly [Party, string])[], extra: readonly ExtraMember[] = []): Promise<void> {
  const adminDir = admin.host.dataDir;
  cli('team', 'create', '--team', 'hotline-a', '--company', '坐席电信', '--user', admin.user, '--name', '张组长', '--data-dir', adminDir);
  for (const [p, name] of agents) {
    const request = join(adminDir, `request-${p.user}.json`);
    cli('team', 'request', '--user', p.user, '--name', name, '--out', request, '--data-dir', p.host.dataDir);
    cli('team', 'add', request, '--role', 'agent', '--leads', admin.user, '--data-dir', adminDir);
  }
  for (const m of extra) {
    const request = join(adminDir, `request-${m.user}.json`);
    writeFileSync(request, JSON.stringify({ kind: 'zuoxi-team-join-request', user: m.user, name: '测试成员', staffNo: '', publicKey: m.publicKey }));
    cli('team', 'add', request, '--role', 'agent', '--leads', admin.user, '--data-dir', adminDir);
  }
  const provisioning = join(adminDir, 'provisioning.json');
  cli('team', 'provision', '--out', provisioning, '--data-dir', adminDir);
  for (const [p] of agents) cli('team', 'join', provisioning, '--data-dir', p.host.dataDir);
  for (const p of [admin, ...agents.map(([a]) => a)]) {
    await p.page.reload();
    await p.page.locator('html[data-zuoxi-ready]').waitFor({ state: 'attached' });
    await expect(registrationOf(p)).toHaveText('已注册');
  }
}
