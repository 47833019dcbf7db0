import type { LinkedArticle } from '../../shared/visits.js';
import { StatementCache } from './statement-cache.js';
import type { Db } from './database.js';

/** Knowledge articles a visit's answer came from (R-KB-COMPLETE, migration 007). */
export class VisitArticlesRepo {
  private readonly sql: StatementCache;

  constructor(db: Db) {
    this.sql = new StatementCache(db);
  }

  /** Links an article (false: it was linked already). */
  link(visitId: number, articleId: string, title: string, by: string, at: number): boolean {
    return (
      this.sql.get('INSERT INTO visit_articles (visit_id, article_id, title, linked_by, linked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(visitId, articleId, title, by, at)
        .changes === 1
    );
  }

  /** Unlinks an article; its title as linked, or undefined when it was not linked. */
  unlink(visitId: number, articleId: string): string | undefined {
    const row = this.sql.get('DELETE FROM visit_articles WHERE visit_id = ? AND article_id = ? RETURNING title').get(visitId, articleId) as { title: string } | undefined;
    return row?.title;
  }

  forVisit(visitId: number): LinkedArticle[] {
    return this.sql.get('SELECT article_id AS articleId, title, linked_by AS linkedBy, linked_at AS linkedAt FROM visit_articles WHERE visit_id = ? ORDER BY linked_at, article_id').all(visitId) as LinkedArticle[];
  }
}
