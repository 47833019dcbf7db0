import { CHAT_CONTENT_TYPES, IS_COMPOSING_TYPE, chatLimit, isComposingBody, parseIsComposing, type ChatOutgoing } from '../../../../shared/chat';
import type { AgentApi } from '../../../../shared/ipc-contract';
import { mediaType } from '../../../../shared/softphone';
import type { AppStore } from '../../store';
import type { SoftphoneController } from '../softphone';

/** Resend what is still queued this often while the line is up (the main side keeps the queue). */
const RESEND_EVERY_MS = 5_000;
/** Our isComposing 'active' is sent again at most this often while the agent types (RFC 3994 refresh). */
const TYPING_REFRESH_S = 30;
const MAX_INCOMING_CHARS = 64 * 1024;

/**
 * The online channel over the line (issue 18): owns the chat content types (Zuoxi chat JSON,
 * plain text, isComposing). An arriving message goes to the main side first, which stores it once
 * and decides the SIP answer; only then is it shown. A reply is stored and queued on the main side
 * before it is sent, and sent again until the peer's desk answers 200, also after a reconnect or a
 * restart (`chat.pending`).
 */
export class ChatChannel {
  private readonly sending = new Set<string>();
  private readonly typingSentAt = new Map<string, number>();

  constructor(
    private readonly store: AppStore,
    private readonly api: AgentApi,
    private readonly phone: SoftphoneController,
  ) {}

  start(): () => void {
    const release = this.phone.onMessages(CHAT_CONTENT_TYPES, (m) => {
      if (mediaType(m.contentType) === IS_COMPOSING_TYPE) {
        const typing = parseIsComposing(m.body);
        if (!typing) return m.respond(400, 'not an isComposing document');
        m.respond(200);
        return this.store.getState().setTyping(m.from, typing.state === 'active' ? Date.now() + (typing.refreshSeconds ?? 120) * 1000 : null);
      }
      const s = this.store.getState();
      // fewer conversations while the agent is on a voice call
      const limit = s.settings ? chatLimit(s.settings.chatCapacity, s.calls.some((c) => c.phase === 'connected' || c.phase === 'ringing')) : undefined;
      const incoming = { from: m.from.slice(0, 64), ...(m.contentType ? { contentType: m.contentType.slice(0, 200) } : {}), body: m.body.slice(0, MAX_INCOMING_CHARS), callId: m.callId.slice(0, 256), cseq: m.cseq };
      void this.api.chat.receive({ ...incoming, ...(limit !== undefined ? { limit } : {}) }).then((r) => {
        if (!r.ok) return m.respond(500, 'could not store it');
        const d = r.value;
        if (d.code !== 200) return m.respond(d.code, d.reason);
        m.respond(200);
        this.store.getState().setTyping(m.from, null);
        if (d.isNew) this.store.getState().chatMessage(d.message, d.conversation);
      });
    });
    void this.store.getState().loadChats();
    const unsubscribe = this.store.subscribe((s, before) => {
      if (s.registration.status === 'registered' && before.registration.status !== 'registered') void this.resend();
    });
    const timer = setInterval(() => void this.resend(), RESEND_EVERY_MS);
    return () => {
      release();
      unsubscribe();
      clearInterval(timer);
    };
  }

  /** The agent's reply (`typingMs`: how long it was typed), stored, shown as queued, then sent; null or the reason it could not be stored. */
  async reply(conv: string, text: string, typingMs?: number): Promise<string | null> {
    const r = await this.api.chat.compose({ conv, text, ...(typingMs !== undefined ? { typingMs: Math.min(Math.round(typingMs), 3_600_000) } : {}) });
    if (!r.ok) return r.error.message;
    this.typingSentAt.delete(conv);
    for (const out of r.value) this.store.getState().chatMessage(out.message);
    for (const out of r.value) await this.send(out);
    return null;
  }

  /** A failed message, sent again at the agent's request. */
  async retry(id: string): Promise<void> {
    const r = await this.api.chat.retry({ id });
    if (r.ok) await this.send(r.value);
  }

  /** The agent is typing in conversation `conv` (RFC 3994), at most one 'active' per refresh. */
  typing(conv: string): void {
    const peer = this.store.getState().conversations.find((c) => c.id === conv);
    if (!peer || peer.peerKind !== 'zuoxi' || this.store.getState().registration.status !== 'registered') return;
    const last = this.typingSentAt.get(conv) ?? 0;
    if (Date.now() - last < (TYPING_REFRESH_S * 1000) / 2) return;
    this.typingSentAt.set(conv, Date.now());
    void this.phone.sendMessage(peer.peer, IS_COMPOSING_TYPE, isComposingBody('active', TYPING_REFRESH_S)).catch(() => {});
  }

  async close(conv: string): Promise<string | null> {
    const r = await this.api.chat.close({ conv });
    if (!r.ok) return r.error.message;
    this.store.getState().chatClosed(conv);
    return null;
  }

  private async resend(): Promise<void> {
    if (this.store.getState().registration.status !== 'registered') return;
    const pending = await this.api.chat.pending();
    if (pending.ok) for (const out of pending.value) await this.send(out);
  }

  /** One attempt; the answer is written on the main side (delivered, queued again, or failed). */
  private async send(out: ChatOutgoing): Promise<void> {
    if (this.sending.has(out.message.id)) return;
    this.sending.add(out.message.id);
    try {
      const code = await this.phone.sendMessage(out.to, out.contentType, out.body).catch(() => 503);
      const r = await this.api.chat.sent({ id: out.message.id, code });
      if (r.ok) this.store.getState().chatMessage(r.value);
    } finally {
      this.sending.delete(out.message.id);
    }
  }
}
