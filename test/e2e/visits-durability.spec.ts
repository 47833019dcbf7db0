import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, zuoxiCli } from './harness';
import { hostApi } from './host-api';

// The writer (a real desk host) is SIGKILLed while visits and drafts stream in over its socket:
// every write it acknowledged must be in the database afterwards, and the file must be intact.
test('visits and drafts acknowledged before a SIGKILL all survive, and integrity_check is ok', async () => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'zuoxi-durability-'));
  try {
    const { host } = await startHost(dir);
    const api = await hostApi(host, host.url);
    const call = api.call;

    const ackedVisits = new Map<string, number>();
    const ackedDrafts = new Map<number, string>();
    let killed = false;
    const writer = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        const callId = `lane${lane}-${i}`;
        const opened = await call('visits.open', { channel: 'hotline', direction: 'inbound', customerNumber: `1380000${String(i).padStart(4, '0')}`, startedAt: 1_700_000_000_000 + i, callId });
        if (killed || !opened.ok) return;
        const id = (opened.value as { id: number }).id;
        ackedVisits.set(callId, id);
        const text = `客户反映宽带断网，第 ${i} 次来电（${lane}）`;
        const saved = await call('visits.saveDraft', { id, draft: { description: text } });
        if (killed || !saved.ok) return;
        ackedDrafts.set(id, text);
      }
    };
    const lanes = [0, 1, 2, 3].map((l) => writer(l));
    await expect.poll(() => ackedDrafts.size, { timeout: 20_000 }).toBeGreaterThan(300);
    process.kill(host.pid, 'SIGKILL');
    killed = true;
    api.close();
    await Promise.all(lanes);

    const db = new Database(join(dir, 'zuoxi.sqlite3'), { readonly: true });
    try {
      const byCall = db.prepare<[string], { id: number }>('SELECT id FROM visits WHERE call_id = ?');
      const draft = db.prepare<[number], { fields: string }>('SELECT fields FROM visit_drafts WHERE visit_id = ?');
      const lostVisits = [...ackedVisits].filter(([callId, id]) => byCall.get(callId)?.id !== id);
      const lostDrafts = [...ackedDrafts].filter(([id, text]) => (JSON.parse(draft.get(id)?.fields ?? '{}') as { description?: string }).description !== text);
      expect({ acknowledged: ackedVisits.size, lostVisits: lostVisits.length, lostDrafts: lostDrafts.length }).toEqual({ acknowledged: ackedVisits.size, lostVisits: 0, lostDrafts: 0 });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    const check = zuoxiCli('db', 'check', '--data-dir', dir);
    expect(check.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
