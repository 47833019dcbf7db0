import type { SearchIndexName, SearchIndexRepo } from '../db/search-index.repo.js';
import { inTurns, nextTurn, type Schedule } from './in-turns.js';

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
    private readonly schedule: Schedule = nextTurn,
  ) {}

  progress(): IndexingProgress | null {
    return this.current;
  }

  /** Rebuilds what is stale; resolves when every index is current (or the keeper stopped). */
  async run(): Promise<void> {
    for (let stale = this.repo.stale()[0]; stale && !this.stopped; stale = this.repo.stale()[0]) {
      const { name } = stale;
      let after = stale.doneUpTo;
      this.current = { index: name, ...this.repo.progress(name, after) };
      await inTurns(
        () => {
          const last = this.repo.step(name, after, CHUNK);
          if (last === null) return false;
          after = last;
          this.current = { index: name, ...this.repo.progress(name, after) };
          return true;
        },
        this.schedule,
        () => this.stopped,
      );
    }
    this.current = null;
  }

  stop(): void {
    this.stopped = true;
  }
}
