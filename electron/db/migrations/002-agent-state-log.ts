import type { Migration } from '../migration.js';

/**
 * Every agent state change (Ready / NotReady(reason) / Ringing / OnCall / WrapUp), the raw material
 * of the team lead's weekly statistics (R-STATS-WEEKLY): time in each state per agent per day.
 */
export const m002AgentStateLog: Migration = {
  version: 2,
  name: 'agent-state-log',
  up(db) {
    db.exec(`
      CREATE TABLE agent_state_log (
        id        INTEGER PRIMARY KEY,
        status    TEXT NOT NULL CHECK (status IN ('ready', 'not-ready', 'ringing', 'on-call', 'wrap-up')),
        reason_id TEXT CHECK ((status = 'not-ready') = (reason_id IS NOT NULL)),
        at        INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX agent_state_log_at ON agent_state_log (at);
    `);
  },
};
