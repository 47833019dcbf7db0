import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { DeadlinesRepo } from '../../../electron/db/deadlines.repo';
import { EscalationsRepo } from '../../../electron/db/escalations.repo';
import { RetentionRepo } from '../../../electron/db/retention.repo';
import { SettingsRepo } from '../../../electron/db/settings.repo';
import { visitStores } from '../../../electron/db/visit-stores';
import { DeadlinesService } from '../../../electron/services/deadlines.service';
import { EscalationsService } from '../../../electron/services/escalations.service';
import { RetentionService } from '../../../electron/services/retention.service';
import { loadDefaultSettings, SettingsService } from '../../../electron/services/settings.service';
import { VisitsService } from '../../../electron/services/visits.service';
import { DAY_MS } from '../../../shared/retention';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 11, 1, 2, 0);

/** A desk with one old (400 days) and one recent (10 days) visit, each with a draft, a search entry and an event. */
function desk() {
  const db = openDatabase({ path: join(tempDir(), 'z.sqlite3') });
  const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(join(__dirname, '../../../resources')));
  settings.seedDefaults();
  const stores = visitStores(db);
  let now = NOW - 400 * DAY_MS;
  const clock = { now: () => now, tzOffset: () => -480 };
  const visits = new VisitsService(stores, settings, () => '1001', new DeadlinesService(new DeadlinesRepo(db), settings, () => now), clock);
  const add = (number: string, text: string) => {
    const v = visits.open({ channel: 'hotline', direction: 'inbound', customerNumber: number, customerName: '王女士', startedAt: now, answeredAt: now + 5_000, callId: number });
    visits.update(v.id, { description: text, category: 'complaint', contact: '朝阳区某路 1 号' });
    visits.submitEvent({ visitId: v.id, department: '维修部', description: `${text}（派单）`, dueAt: now + DAY_MS });
    visits.saveDraft(v.id, { description: `${text}，草稿` });
    return v.id;
  };
  const old = add('13800000001', '宽带断网投诉维修人员');
  new EscalationsService(new EscalationsRepo(db), () => '1001', () => now).create({ reason: 'manual', customerNumber: '13800000001', words: [], note: '' });
  now = NOW - 10 * DAY_MS;
  const recent = add('13900000002', '宽带断网三天了');
  now = NOW;
  const retention = new RetentionService(new RetentionRepo(db), settings, stores.deskLog, () => '1001', () => now, (fn) => fn());
  return { db, settings, visits, stores, retention, old, recent };
}

describe('customer data retention (real SQLite)', () => {
  it('is off by default: nothing is removed and nothing logged', async () => {
    const { visits, retention, stores, old } = desk();
    await retention.run();
    expect(visits.get(old).visit.customerNumber).toBe('13800000001');
    expect(stores.deskLog.list('retention', 10)).toEqual([]);
  });

  it('anonymises visits past the period (number, name, texts, search, draft, audit, events), keeps their figures, logs the run', async () => {
    const { visits, retention, settings, stores, old, recent, db } = desk();
    settings.update({ retention: { days: 365, action: 'anonymise' } });
    await retention.run();
    const gone = visits.get(old);
    expect(gone.visit).toMatchObject({ customerNumber: '已匿名', customerName: '', contact: '', description: '', category: 'complaint', owner: '1001' });
    expect(gone.draft).toBeNull();
    expect(gone.audit).toEqual([]);
    expect(gone.events.map((e) => e.description)).toEqual(['']);
    expect(visits.list({ text: '维修人员' }).items).toEqual([]);
    expect(visits.list({ customerNumber: '13800000001' }).items).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM escalations').get() as { n: number }).n).toBe(0);
    // the recent visit is untouched
    expect(visits.get(recent).visit.description).toBe('宽带断网三天了');
    expect(visits.list({ text: '三天' }).items.map((v) => v.id)).toEqual([recent]);
    // the report still counts the old visit
    expect(visits.report(NOW - 500 * DAY_MS, NOW).complaints.total).toBe(2);
    const [entry] = stores.deskLog.list('retention', 10);
    expect(entry).toMatchObject({ actor: '1001', detail: { action: 'anonymise', days: 365, visits: 1, escalations: 1, complete: true } });
    // a second pass finds nothing more to do and logs nothing
    await retention.run();
    expect(stores.deskLog.list('retention', 10)).toHaveLength(1);
  });

  it('or deletes them with everything that belongs to them', async () => {
    const { visits, retention, settings, old, recent, db } = desk();
    settings.update({ retention: { days: 30, action: 'delete' } });
    await retention.run();
    expect(() => visits.get(old)).toThrow(/no visit/);
    expect(visits.get(recent).visit.customerNumber).toBe('13900000002');
    for (const table of ['visit_audit', 'visit_drafts', 'visit_events', 'deadlines']) {
      expect((db.prepare(`SELECT count(*) AS n FROM ${table} WHERE visit_id = ?`).get(old) as { n: number }).n, table).toBe(0);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
