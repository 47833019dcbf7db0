import { describe, expect, it } from 'vitest';
import { CHAT_MESSAGE_TYPE, IS_COMPOSING_TYPE, MAX_CHAT_CHARS, isComposingBody } from '../../../shared/chat';
import { CustomerChat, type KeyValueStore } from '../../../renderer/webchat/customer-chat';

// The web-chat page's end of a conversation (issue 18, items 2 and 6), on a fake storage and line.
const memory = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};
const line = (answers: number[]) => {
  const sent: { type: string; body: string }[] = [];
  return { sent, send: async (type: string, body: string) => (sent.push({ type, body }), answers.shift() ?? 200) };
};
const desk = (conv: string, id: string, text: string) => JSON.stringify({ v: 1, kind: 'msg', id, conv, seq: 1, text, at: 1 });

describe('CustomerChat', () => {
  it('saves a message before sending it, and numbers what it sends in the conversation', async () => {
    const storage = memory();
    const chat = new CustomerChat(storage, 'k');
    const { sent, send } = line([200, 200]);
    const saying = chat.say('你好', send);
    expect(JSON.parse(storage.data.get('k')!).messages).toMatchObject([{ text: '你好', status: 'sending' }]);
    await saying;
    await chat.say('在吗', send);
    expect(sent.map((m) => JSON.parse(m.body))).toMatchObject([
      { conv: chat.snapshot().conv, seq: 1, text: '你好' },
      { conv: chat.snapshot().conv, seq: 2, text: '在吗' },
    ]);
    expect(chat.snapshot().messages.map((m) => m.status)).toEqual(['delivered', 'delivered']);
    expect(chat.snapshot().user).toMatch(/^guest-[0-9a-z]{10}$/);
  });

  it('keeps resending on a retryable answer, with the same id, and shows a refusal with a retry', async () => {
    const chat = new CustomerChat(memory(), 'k');
    const { sent, send } = line([503, 480, 200]);
    await chat.say('一', send);
    expect(chat.snapshot().messages[0]).toMatchObject({ status: 'sending', code: 503 });
    await chat.flush(send);
    await chat.flush(send);
    expect(chat.snapshot().messages[0]).toMatchObject({ status: 'delivered', code: 200 });
    expect(new Set(sent.map((m) => JSON.parse(m.body).id)).size).toBe(1);

    const refused = line([403, 200]);
    await chat.say('二', refused.send);
    const failed = chat.snapshot().messages[1]!;
    expect(failed).toMatchObject({ status: 'failed', code: 403 });
    await chat.flush(refused.send); // a failed one is not resent by itself
    expect(refused.sent).toHaveLength(1);
    await chat.retry(failed.id, refused.send);
    expect(chat.snapshot().messages[1]).toMatchObject({ status: 'delivered' });
  });

  it('survives a reload: the same guest, conversation and undelivered messages', async () => {
    const storage = memory();
    const first = new CustomerChat(storage, 'k');
    await first.say('断网前写的', line([503]).send);
    const again = new CustomerChat(storage, 'k');
    expect(again.snapshot()).toMatchObject({ user: first.snapshot().user, conv: first.snapshot().conv });
    const { sent, send } = line([200]);
    await again.flush(send);
    expect(sent.map((m) => JSON.parse(m.body).text)).toEqual(['断网前写的']);
    expect(again.snapshot().messages[0]!.status).toBe('delivered');
  });

  it("keeps the desk's reply once by its id, refuses other conversations and malformed ones", () => {
    const chat = new CustomerChat(memory(), 'k');
    const conv = chat.snapshot().conv;
    expect(chat.receive(CHAT_MESSAGE_TYPE, desk(conv, 'd-reply-0001', '您好'))).toEqual({ code: 200 });
    expect(chat.receive(CHAT_MESSAGE_TYPE, desk(conv, 'd-reply-0001', '您好'))).toEqual({ code: 200 });
    expect(chat.snapshot().messages.map((m) => m.text)).toEqual(['您好']);
    expect(chat.receive(CHAT_MESSAGE_TYPE, desk('web-someoneelse0000', 'd-reply-0002', '别人的'))).toMatchObject({ code: 481 });
    expect(chat.receive(CHAT_MESSAGE_TYPE, '{"v":1}')).toMatchObject({ code: 400 });
    expect(chat.receive('text/html', '<b>x</b>')).toMatchObject({ code: 415 });
    expect(chat.snapshot().messages).toHaveLength(1);
  });

  it('shows the agent typing until the reply or the refresh runs out, and tells the desk it types, not on every key', async () => {
    let now = 1_000;
    const chat = new CustomerChat(memory(), 'k', () => now);
    expect(chat.receive(IS_COMPOSING_TYPE, isComposingBody('active', 30))).toEqual({ code: 200 });
    expect(chat.snapshot().agentTypingUntil).toBe(31_000);
    chat.receive(CHAT_MESSAGE_TYPE, desk(chat.snapshot().conv, 'd-reply-0003', '好的'));
    expect(chat.snapshot().agentTypingUntil).toBe(0);
    const { sent, send } = line([]);
    chat.typing(send);
    chat.typing(send);
    now += 16_000;
    chat.typing(send);
    expect(sent.filter((m) => m.type === IS_COMPOSING_TYPE)).toHaveLength(2);
  });

  it('splits a long text into messages the desk takes', async () => {
    const chat = new CustomerChat(memory(), 'k');
    const { sent, send } = line([]);
    await chat.say('长'.repeat(MAX_CHAT_CHARS + 10), send);
    expect(sent.map((m) => (JSON.parse(m.body) as { text: string }).text.length)).toEqual([MAX_CHAT_CHARS, 10]);
  });
});
