import { describe, expect, it } from 'vitest';
import { MAX_TEAM_MESSAGE_BYTES, nextLead, parseTeamMessage, retryDelayMs, TEAM_MESSAGE_TYPE, utf8Length, type EscalationPayload } from '../../../shared/escalation';

const escalation: EscalationPayload = { v: 1, kind: 'escalation', id: 'e-12345678', agent: '1001', createdAt: 1_000, reason: 'sensitive-words', words: ['记者'], note: '' };
const team = { escalation: ['1001', '1002'], ack: ['1005'] };
const parse = (body: unknown, from = '1001', type = TEAM_MESSAGE_TYPE) => parseTeamMessage(from, type, typeof body === 'string' ? body : JSON.stringify(body), team);
const refusal = (r: ReturnType<typeof parse>) => (r.ok ? null : r.refusal);

describe('incoming team messages', () => {
  it('accepts a well-formed escalation from an agent of the team, and an acknowledgement from a lead', () => {
    expect(parse(escalation)).toEqual({ ok: true, message: escalation });
    const ack = { v: 1, kind: 'escalation-ack', id: 'e-12345678', status: 'acknowledged', by: '1005', at: 2_000 };
    expect(parse(ack, '1005')).toEqual({ ok: true, message: ack });
  });

  it('refuses, with a code and a reason: strangers, impostors, other versions, bad shapes, wrong types, oversized bodies', () => {
    expect(refusal(parse(escalation, '1003'))).toEqual({ code: 403, reason: '1003 may not send escalation here' });
    expect(refusal(parse(escalation, '1002'))).toEqual({ code: 403, reason: 'escalation from 1002 claims agent 1001' });
    expect(refusal(parse({ v: 1, kind: 'escalation-ack', id: 'e-12345678', status: 'acknowledged', by: '1005', at: 2 }, '1001'))?.code).toBe(403);
    expect(refusal(parse({ ...escalation, v: 2 }))).toEqual({ code: 400, reason: 'unknown schema version 2' });
    expect(refusal(parse({ ...escalation, kind: 'chat' }))).toEqual({ code: 400, reason: 'unknown kind chat' });
    expect(refusal(parse({ ...escalation, reason: 'bored' }))?.reason).toMatch(/^invalid escalation: reason/);
    expect(refusal(parse({ ...escalation, extra: '<script>' }))?.code).toBe(400);
    expect(refusal(parse('not json {'))).toEqual({ code: 400, reason: 'payload is not JSON' });
    expect(refusal(parse(escalation, '1001', 'text/plain'))?.code).toBe(415);
    expect(refusal(parse('记'.repeat(MAX_TEAM_MESSAGE_BYTES / 3 + 1)))?.code).toBe(413);
  });

  it('counts UTF-8 bytes like an encoder', () => {
    for (const s of ['', 'abc', '记者曝光', 'é', '😀x']) expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});

describe('delivery', () => {
  it('moves to the next lead round the list, and backs off 2, 4, 8 … 30 s', () => {
    expect(nextLead(['1005', '1006'], undefined)).toBe('1005');
    expect(nextLead(['1005', '1006'], '1005')).toBe('1006');
    expect(nextLead(['1005', '1006'], '1006')).toBe('1005');
    expect(nextLead([], undefined)).toBeUndefined();
    expect([1, 2, 3, 4, 5, 6].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
