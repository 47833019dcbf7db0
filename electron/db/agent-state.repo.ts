import type { Statement } from 'better-sqlite3';
import type { AgentStateChange } from '../../shared/ipc-contract.js';
import type { Db } from './database.js';

/** Append-only log of agent state changes (see migration 002). */
export class AgentStateRepo {
  private readonly insert: Statement<[string, string | null, number]>;
  private readonly onCallSince: Statement<[{ since: number; now: number }], { calls: number; talk_ms: number | null }>;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO agent_state_log (status, reason_id, at) VALUES (?, ?, ?)');
    // every on-call stretch since `since`, ended by the next change (or now, for the one in hand)
    this.onCallSince = db.prepare(
      `SELECT COUNT(*) AS calls, SUM(ended - at) AS talk_ms FROM (
         SELECT status, at, COALESCE(LEAD(at) OVER (ORDER BY at, id), @now) AS ended FROM agent_state_log WHERE at >= @since
       ) WHERE status = 'on-call'`,
    );
  }

  record(change: AgentStateChange): void {
    this.insert.run(change.status, change.reasonId ?? null, change.at);
  }

  /** Calls taken or made since `since` and their talk time, from the state log. */
  callsSince(since: number, now: number): { calls: number; talkSeconds: number } {
    const row = this.onCallSince.get({ since, now })!;
    return { calls: row.calls, talkSeconds: Math.round((row.talk_ms ?? 0) / 1000) };
  }
}
