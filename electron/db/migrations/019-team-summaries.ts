import type { Migration } from '../migration.js';

/**
 * Team statistics (issue 16, R-STATS-WEEKLY): on a lead's desk, the latest signed day summary of
 * each member for each day (a day is summarised again as it goes on; the last one received wins).
 */
export const m019TeamSummaries: Migration = {
  version: 19,
  name: 'team-summaries',
  up(db) {
    db.exec(`
      CREATE TABLE team_summaries (
        member      TEXT NOT NULL,
        day         TEXT NOT NULL,
        figures     TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (member, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX team_summaries_by_day ON team_summaries (day);
    `);
  },
};
