import type { SearchIndexName, SearchIndexRepo } from '../db/search-index.repo.js';

export interface IndexingProgress {
  readonly index: SearchIndexName;
  readonly done: number;
  readonly total: number;
}

/** Rows per chunk: ~20 ms of work, so a search or a save waits at most that long. */
const CHUNK = 500;

/**
 * Keeps the free-text indexes in step with the tokenizer: on start, every index built with an older
 * one is rebuilt in the background, a chunk per turn of the event loop, with progress for the
 * status bar. Never inside a migration, so a tokenizer change never edits a released migration.
 */
export class SearchIndexKeeper {
  private current: IndexingProgress | null = null;
  private stopped = false;

  constructor(
    private readonly repo: SearchIndexRepo,
    private readonly schedule: (fn: () => void) => void = (fn) => void setImmediate(fn),
  ) {}

  progress(): IndexingProgress | null {
    return this.current;
  }

  /** Starts rebuilding what is stale; resolves when every index is current (or the keeper stopped). */
  run(): Promise<void> {
    return new Promise((resolve) => {
      const next = () => {
        const stale = this.repo.stale()[0];
        if (!stale || this.stopped) {
          this.current = null;
          return resolve();
        }
        let after = stale.doneUpTo;
        const turn = () => {
          if (this.stopped) return next();
          const last = this.repo.step(stale.name, after, CHUNK);
          if (last === null) return this.schedule(next);
          after = last;
          this.current = { index: stale.name, ...this.repo.progress(stale.name, after) };
          this.schedule(turn);
        };
        this.current = { index: stale.name, ...this.repo.progress(stale.name, after) };
        this.schedule(turn);
      };
      next();
    });
  }

  stop(): void {
    this.stopped = true;
  }
}
