import { describe, expect, it } from 'vitest';
import { CHAT_MESSAGE_TYPE, MAX_CHAT_CHARS, byUrgency, chatClocks, idleSince, isComposingBody, parseChat, parseIsComposing, plainConversation, promptSent, splitText, waitingSince } from '../../../shared/chat';

const wire = (over: Record<string, unknown> = {}) => JSON.stringify({ v: 1, kind: 'msg', id: 'm-0000000001', conv: 'c-web-000001', seq: 1, text: '宽带断网了', at: 1_000, ...over });
const sip = (contentType: string | undefined, body: string, callId = 'abc@host', cseq = 7) => parseChat({ from: '1002', contentType, body, callId, cseq, now: 5_000 });

describe('chat over SIP MESSAGE (issue 18, item 1)', () => {
  it('a Zuoxi chat message keeps its sender\'s id, conversation and sequence', () => {
    expect(sip(`${CHAT_MESSAGE_TYPE}; charset=utf-8`, wire())).toEqual({ ok: true, chat: { id: 'm-0000000001', conv: 'c-web-000001', seq: 1, text: '宽带断网了', at: 1_000 } });
  });

  it('plain text from any SIP client is chat: one conversation per sender, an id that a retransmission repeats', () => {
    const first = sip('text/plain', '  你好，我要报修  ');
    expect(first).toMatchObject({ ok: true, chat: { conv: plainConversation('1002'), seq: null, text: '你好，我要报修', at: 5_000 } });
    const again = sip('text/plain', '你好，我要报修');
    const next = sip('text/plain', '你好，我要报修', 'abc@host', 8);
    const otherCall = sip('text/plain', '你好，我要报修', 'def@host', 7);
    const id = (p: ReturnType<typeof sip>) => (p.ok ? p.chat.id : null);
    expect(id(again)).toBe(id(first));
    expect(new Set([id(first), id(next), id(otherCall)]).size).toBe(3);
  });

  it('refuses with a reason: malformed, wrong version, empty, too long, too big, not chat', () => {
    expect(sip(CHAT_MESSAGE_TYPE, '{not json')).toEqual({ ok: false, code: 400, reason: 'not JSON' });
    expect(sip(CHAT_MESSAGE_TYPE, wire({ v: 2 }))).toMatchObject({ ok: false, code: 400, reason: expect.stringContaining('v:') });
    expect(sip(CHAT_MESSAGE_TYPE, wire({ id: 'x' }))).toMatchObject({ ok: false, code: 400, reason: expect.stringContaining('id:') });
    expect(sip(CHAT_MESSAGE_TYPE, wire({ extra: 1 }))).toMatchObject({ ok: false, code: 400 });
    expect(sip('text/plain', '   ')).toEqual({ ok: false, code: 400, reason: 'empty message' });
    expect(sip('text/plain', 'a'.repeat(MAX_CHAT_CHARS + 1))).toMatchObject({ ok: false, code: 413 });
    expect(sip('text/plain', '字'.repeat(3_000))).toMatchObject({ ok: false, code: 413, reason: expect.stringContaining('bytes') });
    expect(sip('image/png', 'x')).toMatchObject({ ok: false, code: 415 });
    expect(sip(undefined, 'x')).toMatchObject({ ok: false, code: 415, reason: '(none) is not chat' });
  });

  it('long text is split into messages, at a sentence end where one is near, and nothing is lost', () => {
    const text = `${'第一句话很长。'.repeat(200)}最后`;
    const parts = splitText(text, 500);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(parts[0]!.endsWith('。')).toBe(true);
    const noBreaks = 'x'.repeat(1_200);
    expect(splitText(noBreaks, 500).map((p) => p.length)).toEqual([500, 500, 200]);
    expect(splitText('短', 500)).toEqual(['短']);
  });

  it('typing is RFC 3994 isComposing, both ways', () => {
    expect(parseIsComposing(isComposingBody('active', 30))).toEqual({ state: 'active', refreshSeconds: 30 });
    expect(parseIsComposing(isComposingBody('idle'))).toEqual({ state: 'idle', refreshSeconds: null });
    expect(parseIsComposing('<isComposing><state>active</state></isComposing>')).toBeNull(); // no namespace
    expect(parseIsComposing('hello')).toBeNull();
  });
});

describe('the reply and 3/5 clocks of a conversation (R-REPLY-3MIN, R-CLOSE-3-5)', () => {
  const m = (direction: 'in' | 'out', storedAt: number) => ({ direction, storedAt });
  it('the reply clock runs from the customer\'s oldest unanswered message, and stops on a reply', () => {
    expect(waitingSince([m('in', 10), m('in', 20)])).toBe(10);
    expect(waitingSince([m('in', 10), m('out', 15), m('in', 20), m('in', 30)])).toBe(20);
    expect(waitingSince([m('in', 10), m('out', 15)])).toBeNull();
    expect(waitingSince([])).toBeNull();
  });
  it('the idle clock runs from the desk\'s first message after the customer\'s last; the prompt does not restart it, the customer does', () => {
    expect(idleSince([m('in', 10), m('out', 15)])).toBe(15);
    expect(idleSince([m('in', 10), m('out', 15), m('out', 195)])).toBe(15); // the 3-minute prompt
    expect(idleSince([m('in', 10), m('out', 15), m('in', 100)])).toBeNull();
    expect(idleSince([m('in', 10), m('out', 15), m('in', 100), m('out', 110)])).toBe(110);
    expect(idleSince([m('out', 5)])).toBeNull(); // the desk opened it: nobody has been heard yet
  });
  it('the prompt counts once per silence, whoever sent it; a new silence needs a new one', () => {
    const out = (storedAt: number, text: string) => ({ direction: 'out' as const, storedAt, text });
    const prompt = '您好，请问您还在线吗？';
    expect(promptSent([out(15, '请稍等'), out(100, prompt)], 15, prompt)).toBe(true);
    expect(promptSent([out(15, '请稍等')], 15, prompt)).toBe(false);
    expect(promptSent([out(5, prompt), out(15, '请稍等')], 15, prompt)).toBe(false); // an earlier silence's
  });
  it('the longest-waiting conversation comes first; then those where nobody waits, oldest first', () => {
    const convs = [{ id: 'a', openedAt: 1 }, { id: 'b', openedAt: 2 }, { id: 'c', openedAt: 3 }];
    expect(byUrgency(convs, { a: [m('in', 1), m('out', 2)], b: [m('in', 50)], c: [m('in', 40)] }).map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('chatClocks', () => {
  const msg = (direction: 'in' | 'out', storedAt: number) => ({ direction, storedAt });
  it('runs the reply clock while the customer waits and the 3/5 clocks while the desk does, per conversation', () => {
    const conversations = [
      { id: 'conv-waiting', peer: 'guest-a' },
      { id: 'conv-answered', peer: '1003' },
      { id: 'conv-new-out', peer: '1004' },
    ];
    const transcripts = {
      'conv-waiting': [msg('in', 10), msg('out', 20), msg('in', 30), msg('in', 40)],
      'conv-answered': [msg('in', 10), msg('out', 25)],
      // the desk wrote first: nobody waits, and no silence of the customer's to count yet
      'conv-new-out': [msg('out', 5)],
    };
    expect(chatClocks(conversations, transcripts)).toEqual([
      { conv: 'conv-waiting', peer: 'guest-a', clock: 'reply', startedAt: 30 },
      { conv: 'conv-answered', peer: '1003', clock: 'idle-prompt', startedAt: 25 },
      { conv: 'conv-answered', peer: '1003', clock: 'idle-close', startedAt: 25 },
    ]);
  });
});
