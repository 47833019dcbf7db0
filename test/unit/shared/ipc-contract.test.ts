import { describe, expect, it } from 'vitest';
import { CHANNELS, contract, createAgentApi, isChannel, type Channel } from '../../../shared/ipc-contract';
import { ok } from '../../../shared/result';

describe('ipc contract', () => {
  it('names every channel namespace.method and builds one API function bound to each', async () => {
    const calls: [Channel, unknown][] = [];
    const api = createAgentApi(async (channel, args) => {
      calls.push([channel, args]);
      return ok(channel);
    });
    for (const channel of CHANNELS) {
      expect(channel).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      const [ns, method] = channel.split('.') as [string, string];
      const fn = (api as unknown as Record<string, Record<string, (a?: unknown) => Promise<unknown>>>)[ns]![method]!;
      await expect(fn({ probe: channel })).resolves.toEqual(ok(channel));
    }
    expect(calls).toEqual(CHANNELS.map((c) => [c, { probe: c }]));
  });

  it('recognises only declared channels, not prototype keys', () => {
    expect(isChannel('settings.get')).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel(42)).toBe(false);
  });

  it('rejects an agent state change whose reason does not fit its status', () => {
    const schema = contract['agentState.record'].args;
    expect(schema.safeParse({ status: 'not-ready', reasonId: 'meal', at: 1 }).success).toBe(true);
    expect(schema.safeParse({ status: 'not-ready', at: 1 }).success).toBe(false);
    expect(schema.safeParse({ status: 'ready', reasonId: 'meal', at: 1 }).success).toBe(false);
    expect(schema.safeParse({ status: 'ready', at: 1, extra: true }).success).toBe(false);
  });
});
