import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { createHandlers, type HandlerTable } from '../../../electron/api/handlers';
import { createAppContext } from '../../../electron/services/app-context';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations';
import { CHANNELS } from '../../../shared/ipc-contract';
import { AppError, ErrorCode } from '../../../shared/result';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const root = join(__dirname, '..', '..', '..');
const context = () => createAppContext({ host: 'browser', version: '1.2.3', dataDir: tempDir(), resourcesDir: join(root, 'resources'), appRoot: root });

describe('handler table and dispatch', () => {
  it('has exactly one handler per contract channel', () => {
    const ctx = context();
    expect(Object.keys(createHandlers(ctx)).sort()).toEqual([...CHANNELS].sort());
    ctx.close();
  });

  it('round-trips through a real database', async () => {
    const ctx = context();
    const table = createHandlers(ctx);
    const log = vi.fn();
    expect(await dispatch(table, 'settings.update', { locale: 'en-US' }, log)).toMatchObject({ ok: true, value: { locale: 'en-US' } });
    expect(await dispatch(table, 'settings.get', undefined, log)).toMatchObject({ ok: true, value: { locale: 'en-US' } });
    expect(await dispatch(table, 'agentState.record', { status: 'not-ready', reasonId: 'meal', at: 1700000000000 }, log)).toEqual({ ok: true, value: null });
    expect(ctx.db.prepare('SELECT status, reason_id FROM agent_state_log').all()).toEqual([{ status: 'not-ready', reason_id: 'meal' }]);
    expect(await dispatch(table, 'app.getInfo', undefined, log)).toMatchObject({
      ok: true,
      value: { name: 'zuoxi', version: '1.2.3', host: 'browser', database: { schemaVersion: LATEST_SCHEMA_VERSION } },
    });
    expect(log).not.toHaveBeenCalled();
    ctx.close();
  });

  it.each<[string, string, unknown]>([
    ['a wrong type', 'settings.update', { locale: 42 }],
    ['an unknown field', 'settings.update', { locale: 'zh-CN', admin: true }],
    ['arguments to a no-argument call', 'settings.get', { sneaky: 1 }],
    ['a missing reason', 'agentState.record', { status: 'not-ready', at: 1 }],
    ['no argument at all', 'agentState.record', undefined],
  ])('answers { ok: false } for %s and never calls the handler', async (_name, channel, args) => {
    const spy = vi.fn();
    const table = Object.fromEntries(CHANNELS.map((c) => [c, spy])) as unknown as HandlerTable;
    const r = await dispatch(table, channel, args, vi.fn());
    expect(r).toMatchObject({ ok: false, error: { code: ErrorCode.BadArguments } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers not-found for an unknown channel, including prototype names', async () => {
    const table = {} as HandlerTable;
    for (const channel of ['nope.nothing', 'constructor', '__proto__', 7]) {
      expect(await dispatch(table, channel, undefined, vi.fn())).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    }
  });

  it('passes an expected AppError through and hides an unexpected exception behind a generic message', async () => {
    const table = {
      'settings.get': () => {
        throw new AppError(ErrorCode.Unavailable, 'database is busy');
      },
      'app.getInfo': () => {
        throw new Error('SECRET internal detail');
      },
    } as unknown as HandlerTable;
    const log = vi.fn();
    expect(await dispatch(table, 'settings.get', undefined, log)).toEqual({ ok: false, error: { code: 'unavailable', message: 'database is busy' } });
    const internal = await dispatch(table, 'app.getInfo', undefined, log);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('SECRET');
    expect(log).toHaveBeenCalledOnce();
  });
});
