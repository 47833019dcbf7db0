import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import { dispatch } from '../../../electron/api/dispatch';
import { createAppContext } from '../../../electron/services/app-context';
import { FileKeySecretStore } from '../../../electron/services/secret-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('shift handover (R-HANDOVER-20MIN) through the contract', () => {
  it('the outgoing agent lists open matters; the incoming agent acknowledges each once, both stamped', async () => {
    const dataDir = tempDir();
    const ctx = createAppContext({ host: 'browser', version: '0', dataDir, resourcesDir: join(__dirname, '../../../resources'), appRoot: join(__dirname, '../../..'), secrets: new FileKeySecretStore(dataDir, 'm') });
    const table = createHandlers(ctx);
    const call = (channel: string, args?: unknown) => dispatch(table, channel, args, () => {});
    try {
      expect(await call('handover.create', { fromAgent: '张三', items: [] })).toMatchObject({ ok: false, error: { code: 'bad-arguments', fields: { items: expect.any(String) } } });
      const created = await call('handover.create', { fromAgent: '张三', items: [{ text: '王女士宽带投诉，明早 9 点前回电' }, { text: '维修部未答复的事件' }] });
      expect(created.ok).toBe(true);
      const [handover] = (created as { value: { id: number; fromAgent: string; createdAt: number; items: { id: number; acknowledgedBy: string | null }[] }[] }).value;
      expect(handover).toMatchObject({ fromAgent: '张三', items: [{ acknowledgedBy: null }, { acknowledgedBy: null }] });
      const first = handover!.items[0]!.id;
      const acked = await call('handover.acknowledge', { itemId: first, by: '李四' });
      expect(acked).toMatchObject({ ok: true, value: [{ items: [{ acknowledgedBy: '李四', acknowledgedAt: expect.any(Number) }, { acknowledgedBy: null }] }] });
      expect(await call('handover.acknowledge', { itemId: first, by: '王五' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await call('handover.acknowledge', { itemId: first, by: '' })).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    } finally {
      ctx.close();
    }
  });
});
