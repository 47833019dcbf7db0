import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_RECORDING_BYTES, type RecordingInfo } from '../../shared/recording.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import type { Role } from '../../shared/team.js';
import type { RecordingsRepo } from '../db/recordings.repo.js';
import type { SettingsService } from './settings.service.js';

const DAY_MS = 86_400_000;

/**
 * Call recordings on this desk (issue 17, item 6). A recording starts only while the team's policy
 * has recording on (monitoring.recording, managed by the team): the renderer cannot start one when
 * it is off. Audio comes in base64 chunks and is appended to recordings/<id>.webm (owner-only);
 * a recording that ended takes no more. Playback is for a lead (or a desk alone, its own admin),
 * never an agent's or trainee's desk. Recordings past the policy's days are deleted, file and row.
 */
export class RecordingsService {
  private readonly dir: string;

  constructor(
    private readonly repo: RecordingsRepo,
    dataDir: string,
    private readonly settings: SettingsService,
    private readonly role: () => Role | null,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'recordings');
  }

  start(number: string, at: number, visitId?: number): RecordingInfo {
    if (!this.settings.get().monitoring.recording.enabled) throw new AppError(ErrorCode.Forbidden, 'call recording is off by the team policy');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const info = this.repo.start(number, at, visitId ?? null);
    writeFileSync(this.file(info.id), new Uint8Array(), { mode: 0o600 });
    return info;
  }

  append(id: number, chunk: string): RecordingInfo {
    const info = this.open(id);
    const bytes = Buffer.from(chunk, 'base64');
    if (info.bytes + bytes.length > MAX_RECORDING_BYTES) throw new AppError(ErrorCode.BadArguments, `recording ${id} is at its limit of ${MAX_RECORDING_BYTES} bytes`);
    appendFileSync(this.file(id), bytes);
    this.repo.grew(id, bytes.length);
    return this.repo.get(id)!;
  }

  end(id: number, at: number): RecordingInfo {
    this.open(id);
    return this.repo.ended(id, at)!;
  }

  forVisit(visitId: number): RecordingInfo[] {
    return this.repo.forVisit(visitId);
  }

  /** The audio (base64 WebM/Opus), for a lead's playback. */
  read(id: number): { mime: string; base64: string } {
    const role = this.role();
    if (role !== null && role !== 'lead' && role !== 'admin') throw new AppError(ErrorCode.Forbidden, 'recordings are played back on a lead\'s desk');
    if (!this.repo.get(id)) throw new AppError(ErrorCode.NotFound, `no recording ${id}`);
    return { mime: 'audio/webm', base64: readFileSync(this.file(id)).toString('base64') };
  }

  /** Deletes recordings past the policy's days; how many went. */
  purge(): number {
    const cutoff = this.now() - this.settings.get().monitoring.recording.retentionDays * DAY_MS;
    const old = this.repo.startedBefore(cutoff);
    for (const r of old) {
      rmSync(this.file(r.id), { force: true });
      this.repo.remove(r.id);
    }
    return old.length;
  }

  private open(id: number): RecordingInfo {
    const info = this.repo.get(id);
    if (!info) throw new AppError(ErrorCode.NotFound, `no recording ${id}`);
    if (info.endedAt !== null) throw new AppError(ErrorCode.BadArguments, `recording ${id} has ended`);
    return info;
  }

  private file(id: number): string {
    return join(this.dir, `${id}.webm`);
  }
}
