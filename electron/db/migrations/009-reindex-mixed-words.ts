import type { Database } from 'better-sqlite3';
import { articleTokens, KbRepo } from '../kb.repo.js';
import type { Migration } from '../migration.js';
import { visitTokens } from '../visits.repo.js';

/**
 * Until this version, a letter or digit run ran on into the Han characters after it (4G套餐, WiFi密码
 * were one token each), so 套餐 / 密码 did not find them. The tokenizer now splits them; this re-indexes
 * the visits and articles whose text has such a run (only those: the others' tokens are unchanged).
 */
const MIXED = /(?!\p{Script=Han})[\p{L}\p{N}]\p{Script=Han}/u;
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
    type VisitText = { key: number; customer_name: string; contact: string; description: string; resolution: string; tags: string };
    const visits: VisitText[] = [];
    inChunks<VisitText>(db, 'SELECT id AS key, customer_name, contact, description, resolution, tags FROM visits WHERE id > ? ORDER BY id LIMIT ?', (r) => {
      if (MIXED.test(`${r.customer_name} ${r.contact} ${r.description} ${r.resolution} ${r.tags}`)) visits.push(r);
    });
    const deleteVisit = db.prepare('DELETE FROM visits_fts WHERE rowid = ?');
    const insertVisit = db.prepare('INSERT INTO visits_fts (rowid, tokens) VALUES (?, ?)');
    for (const r of visits) {
      deleteVisit.run(r.key);
      insertVisit.run(r.key, visitTokens({ customerName: r.customer_name, contact: r.contact, description: r.description, resolution: r.resolution, tags: JSON.parse(r.tags) as string[] }));
    }

    type ArticleText = { key: number; title: string; tags: string; similar: string; body: string };
    const articles: ArticleText[] = [];
    inChunks<ArticleText>(db, 'SELECT rid AS key, title, tags, similar, body FROM kb_articles WHERE rid > ? ORDER BY rid LIMIT ?', (r) => {
      if (MIXED.test(`${r.title} ${r.tags} ${r.similar} ${r.body}`)) articles.push(r);
    });
    const deleteArticle = db.prepare('DELETE FROM kb_fts WHERE rowid = ?');
    const insertArticle = db.prepare('INSERT INTO kb_fts (rowid, title, similar, body) VALUES (?, ?, ?, ?)');
    for (const r of articles) {
      const fts = articleTokens({ title: r.title, tags: JSON.parse(r.tags) as string[], similar: JSON.parse(r.similar) as string[], body: r.body });
      deleteArticle.run(r.key);
      insertArticle.run(r.key, fts.title, fts.similar, fts.body);
    }
    if (articles.length > 0) new KbRepo(db).refreshFrequencies();
  },
};
