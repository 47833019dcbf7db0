import type { Migration } from '../migration.js';

/**
 * The online channel (issue 18): conversations, each a visit with channel "online", and every
 * message both ways, stored before it is sent or shown. A message's id is its sender's, so a repeat
 * (a resend after a lost answer, a reconnect, a restart) is found and not stored twice. A reply the
 * agent typed keeps how long it took (typing speed, R-TYPING-30).
 */
export const m022Chat: Migration = {
  version: 22,
  name: 'chat',
  up(db) {
    db.exec(`
      CREATE TABLE chat_conversations (
        id         TEXT PRIMARY KEY,
        peer       TEXT NOT NULL,
        peer_kind  TEXT NOT NULL CHECK (peer_kind IN ('zuoxi', 'plain')),
        visit_id   INTEGER REFERENCES visits (id) ON DELETE SET NULL,
        opened_at  INTEGER NOT NULL,
        closed_at  INTEGER,
        next_seq   INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE TABLE chat_messages (
        id          TEXT PRIMARY KEY,
        conv        TEXT NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
        direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        seq         INTEGER,
        text        TEXT NOT NULL,
        sent_at     INTEGER NOT NULL,
        stored_at   INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('received', 'queued', 'delivered', 'failed')),
        typing_ms   INTEGER,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_code   INTEGER
      ) STRICT;
      CREATE INDEX chat_messages_by_conv ON chat_messages (conv, stored_at);
      CREATE INDEX chat_messages_pending ON chat_messages (stored_at) WHERE status = 'queued';
    `);
  },
};
