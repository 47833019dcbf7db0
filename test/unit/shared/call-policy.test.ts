import { describe, expect, it } from 'vitest';
import { CallPolicySchema, isInternalNumber, normaliseDialString } from '../../../shared/call-policy';
import { formatTalkTime } from '../../../shared/softphone';

describe('internal numbers', () => {
  const directory = { pattern: '8[0-9]{3}', members: ['1005', '1006'] };

  it.each([
    ['8001', true], // matches the pattern
    ['1005', true], // a team lead
    ['80012', false], // the pattern covers the whole number, not a prefix
    ['13800138000', false],
    ['9001', false],
  ])('%s is internal: %s', (user, internal) => {
    expect(isInternalNumber(user, directory)).toBe(internal);
  });

  it('with no pattern only team members are internal', () => {
    expect(isInternalNumber('8001', { pattern: '', members: ['1005'] })).toBe(false);
    expect(isInternalNumber('1005', { pattern: '', members: ['1005'] })).toBe(true);
  });

  it('refuses a pattern that does not compile', () => {
    expect(CallPolicySchema.safeParse({ refer: 'refuse', internalNumbers: '([0-9]' }).success).toBe(false);
    expect(CallPolicySchema.safeParse({ refer: 'ask', internalNumbers: '^[0-9]{4}$' }).success).toBe(true);
  });
});

describe('numbers as agents paste them', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['010-12345678', '01012345678'],
    ['(010) 1234.5678', '01012345678'],
    ['+86 138-0013-8000', '+8613800138000'],
    ['  1001 ', '1001'],
    ['sip:lead@pbx.example', 'sip:lead@pbx.example'],
    ['alice', 'alice'],
  ])('%s dials as %s', (pasted, dialled) => {
    expect(normaliseDialString(pasted)).toBe(dialled);
  });
});

describe('talk time on the call card', () => {
  it.each([
    [0, '0:00'],
    [7_900, '0:07'],
    [760_000, '12:40'],
    [3_725_000, '1:02:05'],
    [-500, '0:00'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatTalkTime(ms)).toBe(text);
  });
});
