import type { Migration } from '../migration.js';

/** Customer data retention: when a visit's personal data was removed (anonymised) by the retention policy. */
export const m017Retention: Migration = {
  version: 17,
  name: 'retention',
  up(db) {
    db.exec(`
      ALTER TABLE visits ADD COLUMN anonymised_at INTEGER;
      CREATE INDEX visits_to_anonymise ON visits (started_at) WHERE anonymised_at IS NULL;
    `);
  },
};
