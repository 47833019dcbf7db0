import { randomBytes } from 'node:crypto';
import { PLAIN_TEXT_TYPE, isRetryable, parseChat, perMinute, splitText, wireOf, type ChatDelivery, type ChatIncoming, type ChatMessage, type ChatOutgoing, type Conversation, type TypingSpeed } from '../../shared/chat.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import { mediaType } from '../../shared/softphone.js';
import type { ChatRepo } from '../db/chat.repo.js';
import type { VisitsService } from './visits.service.js';

/** Then it is failed, shown with a retry: about two and a half minutes of resending every 5 s. */
export const MAX_AUTO_ATTEMPTS = 30;

/**
 * The online channel's store (issue 18, item 6: nothing lost, nothing twice). Every message is
 * stored before it is shown or sent. An incoming one is found by its sender's id, so a repeat is
 * answered 200 again and not stored twice; a conversation opens a visit with channel "online"
 * (R-VISIT-LOG) and belongs to the SIP user who opened it. An outgoing one is queued with the
 * conversation's next sequence, and stays queued (resent) until its peer's desk answers 200; a
 * definite refusal, or too many attempts, marks it failed, shown with a retry, never dropped.
 */
export class ChatService {
  constructor(
    private readonly repo: ChatRepo,
    private readonly visits: VisitsService,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => `d-${randomBytes(12).toString('base64url')}`,
  ) {}

  receive(input: ChatIncoming): ChatDelivery {
    const now = this.now();
    const parsed = parseChat({ ...input, now });
    if (!parsed.ok) return { code: parsed.code, reason: parsed.reason };
    const chat = parsed.chat;
    return this.repo.inTransaction((): ChatDelivery => {
      const conversation = this.repo.conversation(chat.conv);
      if (conversation && conversation.peer !== input.from) return { code: 403, reason: `conversation ${chat.conv} is not ${input.from}'s` };
      const seen = this.repo.message(chat.id);
      if (seen) return seen.conv === chat.conv ? { code: 200, message: seen, conversation: conversation!, isNew: false } : { code: 403, reason: `message ${chat.id} belongs to another conversation` };
      // a conversation that is not open now counts against the desk's limit (a returning customer too)
      if ((!conversation || conversation.closedAt !== null) && input.limit !== undefined) {
        const open = this.repo.openConversations().length;
        if (open >= input.limit) return { code: 486, reason: `busy: ${open} conversations open` };
      }
      if (!conversation) {
        const visit = this.visits.open({ channel: 'online', direction: 'inbound', customerNumber: input.from, startedAt: now, callId: chat.conv });
        this.repo.openConversation({ id: chat.conv, peer: input.from, peerKind: mediaType(input.contentType) === PLAIN_TEXT_TYPE ? 'plain' : 'zuoxi', visitId: visit.id, openedAt: now });
      } else if (conversation.closedAt !== null) this.repo.reopen(chat.conv); // the customer came back (R-CALLBACK-DROP)
      const message = this.repo.insert({ id: chat.id, conv: chat.conv, direction: 'in', seq: chat.seq, text: chat.text, sentAt: chat.at, storedAt: now, status: 'received' });
      return { code: 200, message, conversation: this.repo.conversation(chat.conv)!, isNew: true };
    });
  }

  /**
   * The agent's reply, stored and queued (split when longer than one message), ready for the wire.
   * `typingMs`: how long the agent typed it (kept with it for the typing speed); none for a phrase the desk sent by itself.
   */
  compose(conv: string, text: string, typingMs?: number): ChatOutgoing[] {
    const conversation = this.requireOpen(conv);
    const parts = splitText(text.trim());
    if (parts.length === 0) throw new AppError(ErrorCode.BadArguments, 'an empty reply');
    const now = this.now();
    return this.repo.inTransaction(() =>
      parts.map((part, i) =>
        this.outgoing(this.repo.insert({ id: this.newId(), conv, direction: 'out', seq: this.repo.takeSeq(conv), text: part, sentAt: now, storedAt: now, status: 'queued' }, typingMs === undefined ? null : i === 0 ? typingMs : 0), conversation),
      ),
    );
  }

  /** The SIP answer to one send: 200 delivered; no answer or the peer away, queued again; a refusal, failed. */
  sent(id: string, code: number): ChatMessage {
    const before = this.repo.message(id);
    if (!before || before.direction !== 'out') throw new AppError(ErrorCode.NotFound, `no outgoing message ${id}`);
    const again = isRetryable(code) && before.attempts + 1 < MAX_AUTO_ATTEMPTS;
    return this.repo.attempted(id, code >= 200 && code < 300 ? 'delivered' : again ? 'queued' : 'failed', code)!;
  }

  /** The agent asks to send a failed message again. */
  retry(id: string): ChatOutgoing {
    const message = this.repo.message(id);
    if (!message || message.direction !== 'out') throw new AppError(ErrorCode.NotFound, `no outgoing message ${id}`);
    return this.outgoing(message, this.repo.conversation(message.conv)!);
  }

  /** Everything still to send (after a reconnect or a restart), oldest first. */
  pending(): ChatOutgoing[] {
    return this.repo.pending().map((m) => this.outgoing(m, this.repo.conversation(m.conv)!));
  }

  close(conv: string): Conversation {
    this.requireOpen(conv);
    this.repo.close(conv, this.now());
    return this.repo.conversation(conv)!;
  }

  open(): Conversation[] {
    return this.repo.openConversations();
  }

  transcript(conv: string): ChatMessage[] {
    if (!this.repo.conversation(conv)) throw new AppError(ErrorCode.NotFound, `no conversation ${conv}`);
    return this.repo.transcript(conv);
  }

  /** The agent's typing speed since `from` (R-TYPING-30: at least 30 characters a minute), from its typed replies. */
  typingSpeed(from: number): TypingSpeed {
    const { chars, ms, replies } = this.repo.typed(from);
    return { replies, chars, minutes: ms / 60_000, perMinute: perMinute(chars, ms) };
  }

  forVisit(visitId: number): ChatMessage[] {
    return this.repo.forVisit(visitId);
  }

  private requireOpen(conv: string): Conversation {
    const conversation = this.repo.conversation(conv);
    if (!conversation) throw new AppError(ErrorCode.NotFound, `no conversation ${conv}`);
    if (conversation.closedAt !== null) throw new AppError(ErrorCode.BadArguments, `conversation ${conv} is closed`);
    return conversation;
  }

  private outgoing(message: ChatMessage, conversation: Conversation): ChatOutgoing {
    return { message, to: conversation.peer, ...wireOf(message, conversation.peerKind) };
  }
}
