import { describe, expect, it } from 'vitest';
import { ChatRepo } from '../../../electron/db/chat.repo';
import { openDatabase } from '../../../electron/db/database';
import { ChatService, MAX_AUTO_ATTEMPTS } from '../../../electron/services/chat.service';
import { CHAT_MESSAGE_TYPE, MAX_CHAT_CHARS, chatLimit, plainConversation } from '../../../shared/chat';
import { useTempDirs } from '../helpers/temp-dir';
import { clock, teamDesk } from '../helpers/team-desks';

const tempDir = useTempDirs();

function chatDesk(dir = tempDir()) {
  const desk = teamDesk(dir, '1001');
  let n = 0;
  const chat = new ChatService(new ChatRepo(desk.db), desk.visits, () => clock.now, () => `d-test-${String(++n).padStart(4, '0')}`);
  return { desk, chat };
}
const wire = (over: Record<string, unknown> = {}) => JSON.stringify({ v: 1, kind: 'msg', id: 'c-msg-000001', conv: 'web-conv-0001', seq: 1, text: '宽带断网了', at: clock.now - 500, ...over });
const from = (user: string, body: string, contentType = CHAT_MESSAGE_TYPE, cseq = 1) => ({ from: user, contentType, body, callId: `call-${cseq}@x`, cseq });

describe('the online channel\'s store on real SQLite (issue 18, item 6)', () => {
  it('a first message opens a conversation and an online visit; a repeat is answered 200 and stored once', () => {
    const { desk, chat } = chatDesk();
    const first = chat.receive(from('guest-7', wire()));
    expect(first).toMatchObject({ code: 200, isNew: true, conversation: { id: 'web-conv-0001', peer: 'guest-7', peerKind: 'zuoxi' }, message: { direction: 'in', seq: 1, status: 'received' } });
    const visitId = first.code === 200 ? first.conversation.visitId! : 0;
    expect(desk.visits.get(visitId).visit).toMatchObject({ channel: 'online', customerNumber: 'guest-7' });
    expect(chat.receive(from('guest-7', wire()))).toMatchObject({ code: 200, isNew: false });
    expect(chat.transcript('web-conv-0001')).toHaveLength(1);
  });

  it('a conversation is its opener\'s: another user cannot write into it or reuse a message id', () => {
    const { chat } = chatDesk();
    chat.receive(from('guest-7', wire()));
    expect(chat.receive(from('guest-8', wire({ id: 'c-msg-000002' })))).toEqual({ code: 403, reason: "conversation web-conv-0001 is not guest-8's" });
    expect(chat.receive(from('guest-8', wire({ conv: 'web-conv-0002' })))).toEqual({ code: 403, reason: 'message c-msg-000001 belongs to another conversation' });
    expect(chat.transcript('web-conv-0001').map((m) => m.text)).toEqual(['宽带断网了']);
  });

  it('plain text from a SIP phone is a chat with one conversation per sender, and replies go back as text', () => {
    const { chat } = chatDesk();
    const r = chat.receive(from('1002', '你好', 'text/plain; charset=utf-8', 5));
    expect(r).toMatchObject({ code: 200, conversation: { id: plainConversation('1002'), peerKind: 'plain' } });
    const [out] = chat.compose(plainConversation('1002'), '您好，请讲');
    expect(out).toMatchObject({ to: '1002', contentType: 'text/plain;charset=utf-8', body: '您好，请讲' });
  });

  it('a reply is stored queued before it is sent, with the next sequence; sent again until answered 200; a refusal is failed, and retried by hand', () => {
    const { chat } = chatDesk();
    chat.receive(from('guest-7', wire()));
    const [a] = chat.compose('web-conv-0001', '您好，我是 1001 号坐席');
    const [b] = chat.compose('web-conv-0001', '请问您的宽带账号？');
    expect(JSON.parse(a!.body)).toMatchObject({ v: 1, kind: 'msg', id: 'd-test-0001', conv: 'web-conv-0001', seq: 1, text: '您好，我是 1001 号坐席' });
    expect(b!.message).toMatchObject({ seq: 2, status: 'queued' });
    expect(chat.pending().map((o) => o.message.id)).toEqual(['d-test-0001', 'd-test-0002']);
    expect(chat.sent('d-test-0001', 200).status).toBe('delivered');
    expect(chat.sent('d-test-0002', 408)).toMatchObject({ status: 'queued', attempts: 1, lastCode: 408 }); // no answer: again by itself
    expect(chat.pending().map((o) => o.message.id)).toEqual(['d-test-0002']);
    expect(chat.sent('d-test-0002', 403)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(chat.pending()).toEqual([]);
    expect(chat.retry('d-test-0002').body).toBe(b!.body); // the same message (same id): the peer drops it if it had it
  });

  it('a customer away for now (404, 480) is sent to again, but not for ever', () => {
    const { chat } = chatDesk();
    chat.receive(from('guest-7', wire()));
    const [a] = chat.compose('web-conv-0001', '您好');
    for (let i = 1; i < MAX_AUTO_ATTEMPTS; i++) expect(chat.sent(a!.message.id, i % 2 ? 404 : 480).status).toBe('queued');
    expect(chat.sent(a!.message.id, 404)).toMatchObject({ status: 'failed', attempts: MAX_AUTO_ATTEMPTS });
    expect(chat.pending()).toEqual([]);
  });

  it('nothing is lost across a restart: the queue and the transcript are read back from the file', () => {
    const dir = tempDir();
    const before = chatDesk(dir);
    before.chat.receive(from('guest-7', wire()));
    before.chat.compose('web-conv-0001', '稍等，我帮您查询');
    before.desk.db.close();
    const after = new ChatService(new ChatRepo(openDatabase({ path: `${dir}/z.sqlite3` })), before.desk.visits, () => clock.now);
    expect(after.pending().map((o) => o.message.text)).toEqual(['稍等，我帮您查询']);
    expect(after.transcript('web-conv-0001').map((m) => `${m.direction} ${m.text}`)).toEqual(['in 宽带断网了', 'out 稍等，我帮您查询']);
  });

  it('a long reply goes as several messages; a closed conversation takes no reply until the customer comes back', () => {
    const { chat } = chatDesk();
    chat.receive(from('guest-7', wire()));
    expect(chat.compose('web-conv-0001', '好'.repeat(MAX_CHAT_CHARS + 10)).map((o) => o.message.seq)).toEqual([1, 2]);
    expect(() => chat.compose('web-conv-0001', '   ')).toThrow(/empty reply/);
    chat.close('web-conv-0001');
    expect(() => chat.compose('web-conv-0001', '还在吗')).toThrow(/is closed/);
    expect(chat.open()).toEqual([]);
    chat.receive(from('guest-7', wire({ id: 'c-msg-000009', seq: 2, text: '我又回来了' })));
    expect(chat.open().map((c) => c.id)).toEqual(['web-conv-0001']);
    expect(chat.compose('web-conv-0001', '您好，继续为您服务')[0]!.message.seq).toBe(3);
  });

  it('the transcript is part of the online visit: listed with it, and in the visit export', () => {
    const { desk, chat } = chatDesk();
    const r = chat.receive(from('guest-7', wire()));
    chat.compose('web-conv-0001', '您好，请问您的宽带账号？');
    const visitId = r.code === 200 ? r.conversation.visitId! : 0;
    expect(chat.forVisit(visitId).map((m) => `${m.direction} ${m.text}`)).toEqual(['in 宽带断网了', 'out 您好，请问您的宽带账号？']);
    const csv = desk.visits.export(clock.now - 60_000, clock.now + 60_000, 'csv').bytes.toString('utf8');
    expect(csv).toContain('会话记录');
    expect(csv).toMatch(/客户：宽带断网了\n[^"]*坐席：您好，请问您的宽带账号？/);
  });

  it('past the desk\'s limit a new conversation is refused 486 and not stored; open ones and repeats still go through', () => {
    const { chat } = chatDesk();
    const limited = (user: string, body: string, limit: number) => chat.receive({ ...from(user, body), limit });
    expect(limited('guest-1', wire({ id: 'c-msg-100001', conv: 'web-conv-1001' }), 1)).toMatchObject({ code: 200 });
    expect(limited('guest-2', wire({ id: 'c-msg-200001', conv: 'web-conv-2001' }), 1)).toEqual({ code: 486, reason: 'busy: 1 conversations open' });
    expect(chat.open().map((c) => c.id)).toEqual(['web-conv-1001']);
    expect(limited('guest-1', wire({ id: 'c-msg-100002', conv: 'web-conv-1001', seq: 2 }), 1)).toMatchObject({ code: 200, isNew: true });
    expect(limited('guest-1', wire({ id: 'c-msg-100002', conv: 'web-conv-1001', seq: 2 }), 0)).toMatchObject({ code: 200, isNew: false });
    // on a voice call the limit is lower (chatLimit)
    expect(chatLimit({ conversations: 5, onCall: 1 }, true)).toBe(1);
    expect(chatLimit({ conversations: 5, onCall: 1 }, false)).toBe(5);
  });

  it('typing speed comes from the replies the agent typed, not from phrases the desk sent by itself (R-TYPING-30)', () => {
    const { chat } = chatDesk();
    chat.receive(from('guest-7', wire()));
    expect(chat.typingSpeed(0)).toEqual({ replies: 0, chars: 0, minutes: 0, perMinute: null });
    chat.compose('web-conv-0001', '您'.repeat(20), 60_000); // 20 characters in a minute
    chat.compose('web-conv-0001', '您好，请问您还在线吗？'); // the desk's own prompt: no typing time
    chat.compose('web-conv-0001', '好'.repeat(MAX_CHAT_CHARS + 40), 30_000); // split in two, typed in half a minute
    expect(chat.typingSpeed(0)).toEqual({ replies: 3, chars: 20 + MAX_CHAT_CHARS + 40, minutes: 1.5, perMinute: Math.round((20 + MAX_CHAT_CHARS + 40) / 1.5) });
    expect(chat.typingSpeed(clock.now + 1).replies).toBe(0);
  });
});
