import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { MonitorSessionsRepo } from '../../../electron/db/monitor-sessions.repo';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('monitoring records (real SQLite)', () => {
  it('keeps each leg with its modes over time, start and end, newest first; an ended leg takes no more changes', () => {
    const path = join(tempDir(), 'z.sqlite3');
    const repo = new MonitorSessionsRepo(openDatabase({ path }));
    const first = repo.start({ side: 'agent', peer: '1000', peerName: '张组长', mode: 'listen', at: 1_000 });
    expect(repo.changed(first.id, 'whisper', 2_000)?.modes).toEqual([
      { mode: 'listen', at: 1_000 },
      { mode: 'whisper', at: 2_000 },
    ]);
    expect(repo.ended(first.id, 5_000)).toMatchObject({ endedAt: 5_000, visitId: null, peerName: '张组长' });
    expect(repo.changed(first.id, 'barge', 6_000)).toBeNull();
    expect(repo.ended(first.id, 9_000)?.endedAt).toBe(5_000);
    const second = repo.start({ side: 'lead', peer: '1001', mode: 'barge', at: 7_000 });
    // kept across a restart
    const reopened = new MonitorSessionsRepo(openDatabase({ path }));
    expect(reopened.recent(10).map((r) => [r.id, r.side, r.endedAt])).toEqual([
      [second.id, 'lead', null],
      [first.id, 'agent', 5_000],
    ]);
  });
});
