import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * Statements prepared lazily on first use and kept (better-sqlite3: prepare once per repository).
 * Lazy, so a repository can be constructed on a database whose later tables do not exist yet.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}
