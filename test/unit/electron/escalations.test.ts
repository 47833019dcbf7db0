import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { EscalationsRepo } from '../../../electron/db/escalations.repo';
import { EscalationsService } from '../../../electron/services/escalations.service';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

function desk(user: string, file: string) {
  let now = 1_000;
  const db = openDatabase({ path: join(tempDir(), file) });
  return { db, service: new EscalationsService(new EscalationsRepo(db), () => user, () => now), tick: (ms: number) => (now += ms) };
}

describe('escalations on two desks (real SQLite)', () => {
  it('queued → delivered → acknowledged → resolved; the lead stores a repeat delivery once; nothing goes backwards', () => {
    const agent = desk('1001', 'a.sqlite3');
    const lead = desk('1005', 'l.sqlite3');
    const e = agent.service.create({ reason: 'sensitive-words', customerNumber: '13800138000', words: ['记者', '曝光'], note: '客户情绪激动' });
    expect(e).toMatchObject({ direction: 'out', status: 'queued', attempts: 0, payload: { v: 1, kind: 'escalation', agent: '1001', reason: 'sensitive-words', words: ['记者', '曝光'] } });
    agent.tick(1000);
    expect(agent.service.attempted({ id: e.payload.id, to: '1005', code: 480 })).toMatchObject({ status: 'queued', attempts: 1, peer: '1005' });
    agent.tick(2000);
    expect(agent.service.attempted({ id: e.payload.id, to: '1005', code: 200 })).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: 4_000 });

    expect(lead.service.receive({ payload: e.payload, from: '1001' }).isNew).toBe(true);
    expect(lead.service.receive({ payload: e.payload, from: '1001' }).isNew).toBe(false);
    expect(lead.service.list('in')).toHaveLength(1);
    lead.tick(5000);
    lead.service.respond({ id: e.payload.id, status: 'acknowledged', note: '我来处理' });
    const ack = lead.service.storedAck(e.payload.id);
    expect(ack).toEqual({ v: 1, kind: 'escalation-ack', id: e.payload.id, status: 'acknowledged', by: '1005', at: 6_000, note: '我来处理' });
    expect(agent.service.acknowledged({ ack })).toMatchObject({ status: 'acknowledged', acknowledgedAt: 6_000, leadNote: '我来处理' });
    lead.service.respond({ id: e.payload.id, status: 'resolved' });
    expect(agent.service.acknowledged({ ack: lead.service.storedAck(e.payload.id) }).status).toBe('resolved');
    expect(agent.service.acknowledged({ ack }).status).toBe('resolved'); // a late acknowledgement changes nothing
    expect(() => lead.service.respond({ id: 'nope-1234', status: 'acknowledged' })).toThrow(/no escalation/);
    expect(() => agent.service.respond({ id: e.payload.id, status: 'acknowledged' })).toThrow(/only a received/);
    agent.db.close();
    lead.db.close();
  });

  it('a repeat delivery of an acknowledged escalation is answered with the stored acknowledgement, kept across a restart', () => {
    const agent = desk('1001', 'a.sqlite3');
    const dir = tempDir();
    let lead = new EscalationsService(new EscalationsRepo(openDatabase({ path: join(dir, 'l.sqlite3') })), () => '1005', () => 9_000);
    const e = agent.service.create({ reason: 'manual', words: [], note: '' });
    expect(lead.receive({ payload: e.payload, from: '1001' }).ack).toBeNull();
    lead.respond({ id: e.payload.id, status: 'acknowledged' });
    const ack = lead.storedAck(e.payload.id);
    // the acknowledgement is lost; the lead's desk restarts; the agent's desk sends the escalation again
    lead = new EscalationsService(new EscalationsRepo(openDatabase({ path: join(dir, 'l.sqlite3') })), () => '1005', () => 20_000);
    const again = lead.receive({ payload: e.payload, from: '1001' });
    expect(again).toMatchObject({ isNew: false, ack });
    expect(agent.service.acknowledged({ ack: again.ack! }).status).toBe('acknowledged');
    // once resolved, the repeat gets the latest word
    lead.respond({ id: e.payload.id, status: 'resolved' });
    expect(lead.receive({ payload: e.payload, from: '1001' }).ack).toMatchObject({ status: 'resolved' });
  });

  it('orders the inbox open first, most urgent first, and logs refusals', () => {
    const lead = desk('1005', 'l.sqlite3');
    const agent = desk('1001', 'a.sqlite3');
    const manual = agent.service.create({ reason: 'manual' });
    agent.tick(10);
    const angry = agent.service.create({ reason: 'angry-customer' });
    agent.tick(10);
    const done = agent.service.create({ reason: 'sensitive-words' });
    for (const e of [manual, angry, done]) lead.service.receive({ payload: e.payload, from: '1001' });
    lead.service.respond({ id: done.payload.id, status: 'resolved' });
    expect(lead.service.list('in').map((e) => e.payload.reason)).toEqual(['angry-customer', 'manual', 'sensitive-words']);
    lead.service.refused({ from: '1002', code: 403, reason: '1002 may not send escalation here' });
    expect(lead.service.refusals()).toEqual([{ at: 1_000, from: '1002', code: 403, reason: '1002 may not send escalation here' }]);
    agent.db.close();
    lead.db.close();
  });
});
