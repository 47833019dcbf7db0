import { describe, expect, it } from 'vitest';
import { MessageRouter, reasonPhrase, type IncomingSipMessage } from '../../../renderer/src/features/softphone/engine/sip-messages';
import { mediaType } from '../../../shared/softphone';

/** A MESSAGE as the engine hands it on, recording how it was answered. */
function message(contentType: string | undefined) {
  const answers: { code: number; reason?: string | undefined; headers?: readonly string[] | undefined }[] = [];
  const m: IncomingSipMessage = { from: '1002', contentType, body: 'x', callId: 'c@x', cseq: 1, respond: (code, reason, headers) => void answers.push({ code, reason, headers }) };
  return { m, answers };
}

describe('incoming MESSAGEs by content type (issue 18, item 1)', () => {
  it('each type goes to its one owner, whatever the case or parameters of the header', () => {
    const router = new MessageRouter();
    const team: string[] = [];
    const chat: string[] = [];
    router.own(['application/vnd.zuoxi.team-signed+json'], (x) => void team.push(x.contentType!));
    router.own(['text/plain', 'application/vnd.zuoxi.chat+json'], (x) => void chat.push(x.contentType!));
    router.deliver(message('Application/Vnd.Zuoxi.Team-Signed+JSON').m);
    router.deliver(message('text/plain; charset=UTF-8').m);
    expect(team).toEqual(['Application/Vnd.Zuoxi.Team-Signed+JSON']);
    expect(chat).toEqual(['text/plain; charset=UTF-8']);
  });

  it('a type nobody owns is refused with 415 and the types taken here', () => {
    const router = new MessageRouter();
    router.own(['text/plain'], () => {});
    const { m, answers } = message('image/png');
    router.deliver(m);
    expect(answers).toEqual([{ code: 415, reason: 'not taken here: image/png', headers: ['Accept: text/plain'] }]);
    const none = message(undefined);
    router.deliver(none.m);
    expect(none.answers[0]).toMatchObject({ code: 415, reason: 'not taken here: (no content type)' });
  });

  it('a second owner for a type is a programming error; a released type can be owned again', () => {
    const router = new MessageRouter();
    const release = router.own(['text/plain'], () => {});
    expect(() => router.own(['TEXT/PLAIN'], () => {})).toThrow(/already have an owner/);
    release();
    const { m, answers } = message('text/plain');
    router.deliver(m);
    expect(answers[0]?.code).toBe(415);
    expect(() => router.own(['text/plain'], () => {})).not.toThrow();
  });

  it('mediaType drops parameters and case', () => {
    expect(mediaType(' Text/Plain ;charset=utf-8')).toBe('text/plain');
    expect(mediaType(undefined)).toBe('');
  });

  it('a reason phrase is printable ASCII without quotes, at most 60 characters', () => {
    expect(reasonPhrase('kind: Invalid input: expected "msg"; id: …')).toBe('kind: Invalid input: expected msg ; id:');
    expect(reasonPhrase('不是聊天消息')).toBe('refused');
    expect(reasonPhrase(`line one\r\nVia: forged`)).toBe('line one Via: forged');
    expect(reasonPhrase('x'.repeat(100))).toHaveLength(60);
  });
});
