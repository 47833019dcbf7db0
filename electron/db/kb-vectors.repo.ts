import type { Db } from './database.js';

/** An article that has no vector of a model yet: the text to embed. */
export interface Unembedded {
  readonly rid: number;
  readonly text: string;
}

/** Articles' sentence embeddings (migration 023), per model, as little-endian float32 blobs. */
export class KbVectorsRepo {
  constructor(private readonly db: Db) {}

  /** Up to `limit` articles without a vector of `model`, their title, similar questions and body as one text. */
  missing(model: string, limit: number): Unembedded[] {
    const rows = this.db
      .prepare<[string, number], { rid: number; title: string; similar: string; body: string }>(
        'SELECT a.rid, a.title, a.similar, a.body FROM kb_articles a LEFT JOIN kb_vectors v ON v.rid = a.rid AND v.model = ? WHERE v.rid IS NULL ORDER BY a.rid LIMIT ?',
      )
      .all(model, limit);
    return rows.map((r) => ({ rid: r.rid, text: [r.title, ...(JSON.parse(r.similar) as string[]), r.body].join('\n') }));
  }

  put(rid: number, model: string, vector: Float32Array): void {
    this.db.prepare('INSERT INTO kb_vectors (rid, model, vector) VALUES (?, ?, ?) ON CONFLICT (rid) DO UPDATE SET model = excluded.model, vector = excluded.vector').run(rid, model, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
  }

  /** The vectors of `model` for these article ids. */
  forArticles(model: string, ids: readonly string[]): Map<string, Float32Array> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare<unknown[], { id: string; vector: Buffer }>(`SELECT a.id, v.vector FROM kb_vectors v JOIN kb_articles a ON a.rid = v.rid WHERE v.model = ? AND a.id IN (${ids.map(() => '?').join(', ')})`)
      .all(model, ...ids);
    return new Map(rows.map((r) => [r.id, new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength))]));
  }

  count(model: string): number {
    return (this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM kb_vectors WHERE model = ?').get(model)?.n ?? 0);
  }
}
