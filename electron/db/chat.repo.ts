import type { ChatMessage, ChatStatus, Conversation, PeerKind } from '../../shared/chat.js';
import type { Db } from './database.js';

interface ConversationRow {
  id: string;
  peer: string;
  peer_kind: PeerKind;
  visit_id: number | null;
  opened_at: number;
  closed_at: number | null;
  next_seq: number;
}
interface MessageRow {
  id: string;
  conv: string;
  direction: 'in' | 'out';
  seq: number | null;
  text: string;
  sent_at: number;
  stored_at: number;
  status: ChatStatus;
  attempts: number;
  last_code: number | null;
  typing_ms: number | null;
}

const toConversation = (r: ConversationRow): Conversation => ({ id: r.id, peer: r.peer, peerKind: r.peer_kind, visitId: r.visit_id, openedAt: r.opened_at, closedAt: r.closed_at });
const toMessage = (r: MessageRow): ChatMessage => ({
  id: r.id,
  conv: r.conv,
  direction: r.direction,
  seq: r.seq,
  text: r.text,
  sentAt: r.sent_at,
  storedAt: r.stored_at,
  status: r.status,
  attempts: r.attempts,
  lastCode: r.last_code,
});

/** Conversations and their messages (migration 022). */
export class ChatRepo {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      conversation: db.prepare<[string], ConversationRow>('SELECT * FROM chat_conversations WHERE id = ?'),
      openConversation: db.prepare<[string, string, PeerKind, number | null, number]>('INSERT INTO chat_conversations (id, peer, peer_kind, visit_id, opened_at) VALUES (?, ?, ?, ?, ?)'),
      takeSeq: db.prepare<[string], { seq: number }>('UPDATE chat_conversations SET next_seq = next_seq + 1 WHERE id = ? RETURNING next_seq - 1 AS seq'),
      close: db.prepare<[number, string]>('UPDATE chat_conversations SET closed_at = ? WHERE id = ? AND closed_at IS NULL'),
      reopen: db.prepare<[string]>('UPDATE chat_conversations SET closed_at = NULL WHERE id = ?'),
      open: db.prepare<[], ConversationRow>('SELECT * FROM chat_conversations WHERE closed_at IS NULL ORDER BY opened_at'),
      message: db.prepare<[string], MessageRow>('SELECT * FROM chat_messages WHERE id = ?'),
      insert: db.prepare<[string, string, 'in' | 'out', number | null, string, number, number, ChatStatus, number | null]>(
        'INSERT INTO chat_messages (id, conv, direction, seq, text, sent_at, stored_at, status, typing_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      typed: db.prepare<[number, number], { chars: number; ms: number; replies: number }>(
        "SELECT coalesce(sum(length(text)), 0) AS chars, coalesce(sum(typing_ms), 0) AS ms, count(*) AS replies FROM chat_messages WHERE direction = 'out' AND typing_ms IS NOT NULL AND stored_at >= ? AND stored_at < ?",
      ),
      attempt: db.prepare<[ChatStatus, number, string]>("UPDATE chat_messages SET status = ?, attempts = attempts + 1, last_code = ? WHERE id = ? AND direction = 'out'"),
      transcript: db.prepare<[string], MessageRow>('SELECT * FROM chat_messages WHERE conv = ? ORDER BY stored_at, rowid'),
      forVisit: db.prepare<[number], MessageRow>('SELECT m.* FROM chat_messages m JOIN chat_conversations c ON c.id = m.conv WHERE c.visit_id = ? ORDER BY m.stored_at, m.rowid'),
      pending: db.prepare<[], MessageRow>("SELECT * FROM chat_messages WHERE direction = 'out' AND status = 'queued' ORDER BY stored_at, rowid"),
    };
  }

  conversation(id: string): Conversation | null {
    const row = this.q.conversation.get(id);
    return row ? toConversation(row) : null;
  }

  openConversation(c: Omit<Conversation, 'closedAt'>): Conversation {
    this.q.openConversation.run(c.id, c.peer, c.peerKind, c.visitId, c.openedAt);
    return this.conversation(c.id)!;
  }

  /** The desk's next sequence number in a conversation. */
  takeSeq(conv: string): number {
    return this.q.takeSeq.get(conv)!.seq;
  }

  close(conv: string, at: number): void {
    this.q.close.run(at, conv);
  }

  reopen(conv: string): void {
    this.q.reopen.run(conv);
  }

  openConversations(): Conversation[] {
    return this.q.open.all().map(toConversation);
  }

  message(id: string): ChatMessage | null {
    const row = this.q.message.get(id);
    return row ? toMessage(row) : null;
  }

  insert(m: Omit<ChatMessage, 'attempts' | 'lastCode'>, typingMs: number | null = null): ChatMessage {
    this.q.insert.run(m.id, m.conv, m.direction, m.seq, m.text, m.sentAt, m.storedAt, m.status, typingMs);
    return this.message(m.id)!;
  }

  attempted(id: string, status: ChatStatus, code: number): ChatMessage | null {
    this.q.attempt.run(status, code, id);
    return this.message(id);
  }

  transcript(conv: string): ChatMessage[] {
    return this.q.transcript.all(conv).map(toMessage);
  }

  /** What the agent typed in [from, to): characters, typing time, replies (automatic prompts and inserted text are not typed). */
  typed(from: number, to = Number.MAX_SAFE_INTEGER): { chars: number; ms: number; replies: number } {
    return this.q.typed.get(from, to)!;
  }

  /** The transcript of an online visit's conversation. */
  forVisit(visitId: number): ChatMessage[] {
    return this.q.forVisit.all(visitId).map(toMessage);
  }

  /** Outgoing messages still to send. */
  pending(): ChatMessage[] {
    return this.q.pending.all().map(toMessage);
  }

  /** Several writes as one (a conversation opened with its first message). */
  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
