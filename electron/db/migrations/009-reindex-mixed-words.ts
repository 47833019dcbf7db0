import type { Migration } from '../migration.js';

/**
 * Until this version a letter or digit run swallowed the Han characters after it (4G套餐, WiFi密码
 * were one token each). This migration used to rebuild both indexes itself, with the live tokenizer
 * and repositories, so editing either changed what a released migration did. The rebuild now
 * belongs to the search-index keeper (electron/services/search-index.service.ts): migration 016
 * records which tokenizer each index was built with (1 for a database that had not reached this
 * version), and the keeper re-indexes a stale index in the background, with progress.
 */
export const m009ReindexMixedWords: Migration = {
  version: 9,
  name: 'reindex-mixed-words',
  up() {
    // the re-index is the keeper's (see above): nothing to change in the schema here
  },
};
