import type { Statement } from 'better-sqlite3';
import type { AgentStateChange } from '../../shared/ipc-contract.js';
import type { Db } from './database.js';

/** Append-only log of agent state changes (see migration 002). */
export class AgentStateRepo {
  private readonly insert: Statement<[string, string | null, number]>;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO agent_state_log (status, reason_id, at) VALUES (?, ?, ?)');
  }

  record(change: AgentStateChange): void {
    this.insert.run(change.status, change.reasonId ?? null, change.at);
  }
}
