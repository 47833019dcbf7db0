/**
 * The customer's end of a conversation on the web-chat page (issue 18, item 2), with the same
 * guarantees as the desk's end (item 6): a message is saved in the page's storage before it is
 * sent, resent until the desk answers 200 (across a reload, a dropped socket or a PBX restart), a
 * definite refusal is shown with a retry, and the desk's replies are kept once by their id.
 * Transport-free: the page gives it a `send` and hands it what arrives.
 */
import { CHAT_MESSAGE_TYPE, IS_COMPOSING_TYPE, isComposingBody, isRetryable, parseChat, parseIsComposing, splitText, type ChatWire } from '../../shared/chat';
import { mediaType } from '../../shared/softphone';
import type { MessageAnswer } from '../src/features/softphone/engine/sip-messages';

export type CustomerStatus = 'sending' | 'delivered' | 'failed';

export interface CustomerMessage {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly text: string;
  readonly at: number;
  readonly status: CustomerStatus;
  /** The desk's last answer to it (an outgoing one). */
  readonly code: number | null;
}

export interface CustomerView {
  /** The guest's SIP user: `guest-` and 10 of [0-9a-z], kept across reloads. */
  readonly user: string;
  readonly conv: string;
  readonly messages: readonly CustomerMessage[];
  /** Until when the agent is typing (RFC 3994), ms; 0 when not. */
  readonly agentTypingUntil: number;
}

/** The bit of Web Storage it keeps its state in. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type Send = (contentType: string, body: string) => Promise<number>;

/** The page's isComposing refresh, seconds: 'active' is sent again at most every half of it. */
const TYPING_REFRESH_S = 30;
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export const randomToken = (length: number, random: () => number = Math.random): string =>
  Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');

interface Saved {
  readonly user: string;
  readonly conv: string;
  readonly messages: readonly CustomerMessage[];
}

export class CustomerChat {
  private saved: Saved;
  private view: CustomerView;
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Set<string>();
  private typingSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly storage: KeyValueStore,
    private readonly key: string,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.saved = this.load() ?? { user: `guest-${randomToken(10, random)}`, conv: this.newConv(), messages: [] };
    this.view = { user: this.saved.user, conv: this.saved.conv, messages: this.saved.messages, agentTypingUntil: 0 };
    this.persist();
  }

  snapshot = (): CustomerView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The customer's text, split where it is too long, saved, then sent. */
  async say(text: string, send: Send): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const added = splitText(trimmed).map((part): CustomerMessage => ({ id: `c-${randomToken(16, this.random)}`, direction: 'out', text: part, at: this.now(), status: 'sending', code: null }));
    this.update({ ...this.saved, messages: [...this.saved.messages, ...added] });
    this.typingSentAt = Number.NEGATIVE_INFINITY;
    for (const m of added) await this.deliver(m, send);
  }

  /** Everything still sending, sent again (on reconnect, and on a timer while online). */
  async flush(send: Send): Promise<void> {
    for (const m of this.saved.messages) if (m.status === 'sending') await this.deliver(m, send);
  }

  /** A failed message, at the customer's request. */
  async retry(id: string, send: Send): Promise<void> {
    const m = this.saved.messages.find((x) => x.id === id && x.status === 'failed');
    if (!m) return;
    this.patch(id, { status: 'sending' });
    await this.deliver({ ...m, status: 'sending' }, send);
  }

  /** The customer is typing: tells the desk at most once per half refresh. */
  typing(send: Send): void {
    if (this.now() - this.typingSentAt < (TYPING_REFRESH_S * 1000) / 2) return;
    this.typingSentAt = this.now();
    void send(IS_COMPOSING_TYPE, isComposingBody('active', TYPING_REFRESH_S)).catch(() => 0);
  }

  /** What arrived from the desk: stored once, and the SIP answer for it. */
  receive(contentType: string | undefined, body: string): { code: MessageAnswer; reason?: string } {
    if (mediaType(contentType) === IS_COMPOSING_TYPE) {
      const typing = parseIsComposing(body);
      if (!typing) return { code: 400, reason: 'not an isComposing document' };
      this.setView({ agentTypingUntil: typing.state === 'active' ? this.now() + (typing.refreshSeconds ?? 120) * 1000 : 0 });
      return { code: 200 };
    }
    if (mediaType(contentType) !== CHAT_MESSAGE_TYPE) return { code: 415, reason: 'this page takes Zuoxi chat only' };
    const parsed = parseChat({ from: 'desk', contentType, body, callId: '', cseq: 0, now: this.now() });
    if (!parsed.ok) return { code: parsed.code, reason: parsed.reason };
    const chat = parsed.chat;
    if (chat.conv !== this.saved.conv) return { code: 481, reason: 'not this conversation' };
    if (this.saved.messages.some((m) => m.id === chat.id)) return { code: 200 };
    const message: CustomerMessage = { id: chat.id, direction: 'in', text: chat.text, at: chat.at, status: 'delivered', code: null };
    this.update({ ...this.saved, messages: [...this.saved.messages, message] });
    this.setView({ agentTypingUntil: 0 });
    return { code: 200 };
  }

  /** Starts over (a new conversation id); what was not delivered is kept out of it. */
  restart(): void {
    this.update({ user: this.saved.user, conv: this.newConv(), messages: [] });
  }

  private async deliver(m: CustomerMessage, send: Send): Promise<void> {
    if (this.inFlight.has(m.id)) return;
    this.inFlight.add(m.id);
    try {
      // the customer's count in this conversation (ChatWire.seq), from 1
      const seq = this.saved.messages.filter((x) => x.direction === 'out').findIndex((x) => x.id === m.id) + 1;
      const wire: ChatWire = { v: 1, kind: 'msg', id: m.id, conv: this.saved.conv, seq, text: m.text, at: m.at };
      const code = await send(CHAT_MESSAGE_TYPE, JSON.stringify(wire)).catch(() => 503);
      if (!this.saved.messages.some((x) => x.id === m.id)) return;
      if (code >= 200 && code < 300) this.patch(m.id, { status: 'delivered', code });
      else this.patch(m.id, { status: isRetryable(code) ? 'sending' : 'failed', code });
    } finally {
      this.inFlight.delete(m.id);
    }
  }

  private newConv = () => `web-${randomToken(16, this.random)}`;

  private patch(id: string, change: Partial<CustomerMessage>): void {
    this.update({ ...this.saved, messages: this.saved.messages.map((m) => (m.id === id ? { ...m, ...change } : m)) });
  }

  private update(next: Saved): void {
    this.saved = next;
    this.persist();
    this.setView({ user: next.user, conv: next.conv, messages: next.messages });
  }

  private setView(change: Partial<CustomerView>): void {
    this.view = { ...this.view, ...change };
    for (const l of this.listeners) l();
  }

  private persist(): void {
    this.storage.setItem(this.key, JSON.stringify(this.saved));
  }

  private load(): Saved | null {
    try {
      const raw = this.storage.getItem(this.key);
      if (!raw) return null;
      const s = JSON.parse(raw) as Saved;
      return /^guest-[0-9a-z]{10}$/.test(s.user) && /^web-[0-9a-z]{16}$/.test(s.conv) && Array.isArray(s.messages) ? s : null;
    } catch {
      return null;
    }
  }
}
