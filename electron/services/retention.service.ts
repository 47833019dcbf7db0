import { retentionCutoff } from '../../shared/retention.js';
import type { DeskLogRepo } from '../db/desk-log.repo.js';
import type { RetentionRepo } from '../db/retention.repo.js';
import { inTurns, nextTurn, type Schedule } from './in-turns.js';
import type { SettingsService } from './settings.service.js';

const CHUNK = 200;

/**
 * Applies the retention policy (settings.retention) in the background: visits past it are
 * anonymised or deleted a chunk per turn, with progress for the status bar, then escalations and
 * refused-REFER entries older than the cutoff; each run that changed something is in the desk log
 * (policy, cutoff, how many). Off by default: nothing happens until a site sets a period.
 */
export class RetentionService {
  private current: { done: number; total: number } | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly repo: RetentionRepo,
    private readonly settings: SettingsService,
    private readonly deskLog: DeskLogRepo,
    private readonly agent: () => string,
    private readonly now: () => number = Date.now,
    private readonly schedule: Schedule = nextTurn,
  ) {}

  progress(): { done: number; total: number } | null {
    return this.current;
  }

  /** One pass over what the policy covers now; a pass already under way is joined, not doubled. */
  run(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
      this.current = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async pass(): Promise<void> {
    const policy = this.settings.get().retention;
    const at = this.now();
    const cutoff = retentionCutoff(policy, at);
    if (cutoff === null || this.stopped) return;
    const total = this.repo.pending(cutoff, policy.action);
    let done = 0;
    this.current = { done, total };
    if (total > 0) {
      await inTurns(
        () => {
          const n = this.repo.step(cutoff, policy.action, CHUNK, at);
          done += n;
          this.current = { done, total: Math.max(total, done) };
          return n === CHUNK;
        },
        this.schedule,
        () => this.stopped,
      );
    }
    const other = this.repo.purgeOther(cutoff);
    if (done + other.escalations + other.deskLog > 0) {
      this.deskLog.append(this.now(), this.agent(), 'retention', { action: policy.action, days: policy.days, cutoff, visits: done, ...other, complete: !this.stopped });
    }
  }
}
