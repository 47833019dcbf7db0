import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordingsRepo } from '../../../electron/db/recordings.repo';
import { RecordingsService } from '../../../electron/services/recordings.service';
import type { Role } from '../../../shared/team';
import { useTempDirs } from '../helpers/temp-dir';
import { clock, smallTeam, teamDesk } from '../helpers/team-desks';

const tempDir = useTempDirs();
const DAY = 86_400_000;

/** A desk's recordings on its real SQLite and data folder, with its team role as given. */
function recordingsOf(desk: ReturnType<typeof teamDesk>, role: () => Role | null = () => desk.team.role()) {
  return new RecordingsService(new RecordingsRepo(desk.db), desk.dir, desk.settings, role, () => clock.now);
}
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('call recordings on the desk (issue 17, item 6)', () => {
  it('nothing is recorded while the policy is off; with it on, chunks land in one owner-only file linked to the visit', () => {
    const desk = teamDesk(tempDir(), '1001');
    const recordings = recordingsOf(desk);
    expect(() => recordings.start('13800138000', clock.now)).toThrow(/off by the team policy/);

    desk.settings.update({ monitoring: { ...desk.settings.get().monitoring, recording: { enabled: true, retentionDays: 7 } } });
    const visit = desk.visits.open({ channel: 'hotline', direction: 'inbound', customerNumber: '13800138000', startedAt: clock.now, callId: 'c1' });
    const r = recordings.start('13800138000', clock.now, visit.id);
    recordings.append(r.id, b64('webm-head'));
    expect(recordings.append(r.id, b64('-opus')).bytes).toBe(14);
    expect(recordings.end(r.id, clock.now + 60_000)).toMatchObject({ visitId: visit.id, endedAt: clock.now + 60_000, bytes: 14 });
    const file = join(desk.dir, 'recordings', `${r.id}.webm`);
    expect(readFileSync(file, 'utf8')).toBe('webm-head-opus');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(recordings.forVisit(visit.id).map((x) => x.id)).toEqual([r.id]);
    // an ended recording takes nothing more
    expect(() => recordings.append(r.id, b64('late'))).toThrow(/has ended/);
    expect(readFileSync(file, 'utf8')).toBe('webm-head-opus');
  });

  it('playback is for a lead or a desk alone, never an agent\'s desk in a team', () => {
    const { admin, agents } = smallTeam(tempDir);
    for (const d of [admin, agents[0]!]) d.settings.update({ monitoring: { ...d.settings.get().monitoring, recording: { enabled: true, retentionDays: 7 } } });
    const lead = recordingsOf(admin);
    const agent = recordingsOf(agents[0]!);
    const own = lead.start('1002', clock.now);
    lead.append(own.id, b64('lead-call'));
    expect(Buffer.from(lead.read(own.id).base64, 'base64').toString()).toBe('lead-call');
    const theirs = agent.start('1002', clock.now);
    expect(() => agent.read(theirs.id)).toThrow(/lead's desk/);
    const alone = teamDesk(tempDir(), '1009');
    expect(() => recordingsOf(alone).read(999)).toThrow(/no recording 999/);
  });

  it('recordings past the policy\'s days are deleted, file and row; newer ones stay', () => {
    const desk = teamDesk(tempDir(), '1001');
    desk.settings.update({ monitoring: { ...desk.settings.get().monitoring, recording: { enabled: true, retentionDays: 2 } } });
    const recordings = recordingsOf(desk);
    const old = recordings.start('1', clock.now - 3 * DAY);
    const recent = recordings.start('2', clock.now - DAY);
    expect(recordings.purge()).toBe(1);
    expect(existsSync(join(desk.dir, 'recordings', `${old.id}.webm`))).toBe(false);
    expect(existsSync(join(desk.dir, 'recordings', `${recent.id}.webm`))).toBe(true);
    expect(() => recordings.read(old.id)).toThrow(/no recording/);
  });
});
