import type { Database } from 'better-sqlite3';
import { articleTokens, KbRepo } from '../kb.repo.js';
import type { Migration } from '../migration.js';
import { visitTokens } from '../visits.repo.js';

/**
 * Until this version, a letter or digit run ran on into the Han characters after it (4G套餐, 3月,
 * WiFi密码 were one token each), so 套餐 / 月 / 密码 did not find them. Such runs are everywhere in
 * real text, so both indexes are rebuilt from their rows with the current tokenizer: emptied, then
 * refilled in rowid order a chunk at a time (1,000,000 visits: 31 s on the build machine;
 * deleting and re-adding rows one by one cost three times as much).
 */
const CHUNK = 5_000;

/** Calls `each` for every row of `sql` (which takes the last key seen and a limit), a chunk at a time. */
function inChunks<R extends { key: number }>(db: Database, sql: string, each: (row: R) => void): void {
  const page = db.prepare<[number, number], R>(sql);
  for (let last = -1; ; ) {
    const rows = page.all(last, CHUNK);
    rows.forEach(each);
    if (rows.length < CHUNK) return;
    last = rows.at(-1)!.key;
  }
}

export const m009ReindexMixedWords: Migration = {
  version: 9,
  name: 'reindex-mixed-words',
  up(db) {
    db.exec("INSERT INTO visits_fts (visits_fts) VALUES ('delete-all')");
    const insertVisit = db.prepare('INSERT INTO visits_fts (rowid, tokens) VALUES (?, ?)');
    type VisitText = { key: number; customer_name: string; contact: string; description: string; resolution: string; tags: string };
    inChunks<VisitText>(db, 'SELECT id AS key, customer_name, contact, description, resolution, tags FROM visits WHERE id > ? ORDER BY id LIMIT ?', (r) =>
      insertVisit.run(r.key, visitTokens({ customerName: r.customer_name, contact: r.contact, description: r.description, resolution: r.resolution, tags: JSON.parse(r.tags) as string[] })),
    );

    db.exec("INSERT INTO kb_fts (kb_fts) VALUES ('delete-all')");
    const insertArticle = db.prepare('INSERT INTO kb_fts (rowid, title, similar, body) VALUES (?, ?, ?, ?)');
    type ArticleText = { key: number; title: string; tags: string; similar: string; body: string };
    inChunks<ArticleText>(db, 'SELECT rid AS key, title, tags, similar, body FROM kb_articles WHERE rid > ? ORDER BY rid LIMIT ?', (r) => {
      const fts = articleTokens({ title: r.title, tags: JSON.parse(r.tags) as string[], similar: JSON.parse(r.similar) as string[], body: r.body });
      insertArticle.run(r.key, fts.title, fts.similar, fts.body);
    });
    new KbRepo(db).refreshFrequencies();
  },
};
