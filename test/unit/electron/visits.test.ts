import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStateRepo } from '../../../electron/db/agent-state.repo';
import { openDatabase } from '../../../electron/db/database';
import { SettingsRepo } from '../../../electron/db/settings.repo';
import { visitStores } from '../../../electron/db/visit-stores';
import { loadDefaultSettings, SettingsService } from '../../../electron/services/settings.service';
import { VisitsService } from '../../../electron/services/visits.service';
import type { AgentStateChange } from '../../../shared/ipc-contract';
import { type AppError } from '../../../shared/result';
import { visitClocksFor, type VisitCategory, type VisitDeadline } from '../../../shared/visits';
import { DeadlinesRepo } from '../../../electron/db/deadlines.repo';
import { DeadlinesService } from '../../../electron/services/deadlines.service';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
// 2026-11-22 10:00 in Beijing (UTC+8: getTimezoneOffset() = -480)
const T0 = Date.UTC(2026, 10, 22, 2, 0);
const BEIJING = -480;

function setup() {
  const db = openDatabase({ path: join(tempDir(), 'z.sqlite3') });
  const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(join(__dirname, '../../../resources')));
  settings.seedDefaults();
  let now = T0;
  let agent = '1001';
  const deadlines = new DeadlinesService(new DeadlinesRepo(db), settings, () => now);
  const service = new VisitsService(visitStores(db), settings, () => agent, deadlines, { now: () => now, tzOffset: () => BEIJING });
  return { db, service, deadlines, tick: (ms: number) => (now += ms), setAgent: (a: string) => (agent = a) };
}

/** Where a wall-clock deadline falls (none of these run in business hours). */
const due = (d: VisitDeadline) => d.startedAt + d.durationMs + d.pausedMs;
const running = (ds: readonly VisitDeadline[]) => ds.filter((d) => d.doneAt === null).map((d) => [d.clock, due(d)]);

const call = { channel: 'hotline' as const, direction: 'inbound' as const, customerNumber: '13800138000', startedAt: T0, answeredAt: T0 + 5000, callId: 'call-1' };

describe('visit log service (real SQLite)', () => {
  it('opens one visit per call, owned by the agent who took it, due in 24 h and on the next working morning', () => {
    const { service } = setup();
    const v = service.open(call);
    expect(service.open(call).id).toBe(v.id);
    expect(v).toMatchObject({ customerNumber: '13800138000', owner: '1001', status: 'open', answeredAt: T0 + 5000 });
    // T0 is Sunday: the next working morning is Monday 09:00 Beijing
    expect(running(service.get(v.id).deadlines)).toEqual([
      ['issue-resolve', T0 + 24 * HOUR],
      ['next-day', Date.UTC(2026, 10, 23, 1, 0)],
    ]);
  });

  it('saves fields with an audit entry (who, when, before/after), keeps the first owner, and drops the draft', () => {
    const { service, tick, setAgent } = setup();
    const v = service.open(call);
    service.saveDraft(v.id, { description: '宽带断网' });
    expect(service.get(v.id).draft?.fields).toEqual({ description: '宽带断网' });
    tick(60_000);
    setAgent('2002');
    const saved = service.update(v.id, { category: 'complaint', description: '宽带断网三天，要求赔偿', complexity: 'complex' });
    expect(saved.owner).toBe('1001');
    const detail = service.get(v.id);
    expect(detail.draft).toBeNull();
    expect(detail.audit).toEqual([{ at: T0 + 60_000, actor: '2002', change: { category: [null, 'complaint'], description: ['', '宽带断网三天，要求赔偿'], complexity: [null, 'complex'] } }]);
    // a complaint: reply 12 h, resolve 48 h from the call, a definite answer within 24 h of deciding it is complex;
    // the general-problem clocks started when the call was opened are completed, not dropped
    expect(running(detail.deadlines)).toEqual([
      ['complaint-reply', T0 + 12 * HOUR],
      ['complaint-resolve', T0 + 48 * HOUR],
      ['complaint-answer-complex', T0 + 60_000 + 24 * HOUR],
    ]);
    expect(detail.deadlines.filter((d) => d.doneAt !== null).map((d) => [d.clock, d.doneAt])).toEqual([
      ['issue-resolve', T0 + 60_000],
      ['next-day', T0 + 60_000],
    ]);
  });

  it('gives field-level errors and writes nothing for bad input', () => {
    const { service } = setup();
    const v = service.open(call);
    const attempt = (fields: object) => {
      try {
        service.update(v.id, fields as never);
      } catch (e) {
        return (e as AppError).fields;
      }
      return undefined;
    };
    expect(attempt({ description: 'x'.repeat(2001) })).toHaveProperty('description');
    expect(attempt({ category: 'no-such' })).toEqual({ category: 'unknown category' });
    expect(attempt({ status: 'done' })).toHaveProperty('status');
    expect(service.get(v.id).visit.updatedAt).toBe(v.updatedAt);
    expect(service.get(v.id).audit).toEqual([]);
  });

  it('refuses a save over a newer change (optimistic concurrency)', () => {
    const { service, tick } = setup();
    const v = service.open(call);
    tick(1000);
    service.update(v.id, { description: 'first' });
    expect(() => service.update(v.id, { description: 'second' }, v.updatedAt)).toThrow(/changed elsewhere/);
  });

  it('finds visits by Chinese words, number prefix, category and date, newest first, paged', () => {
    const { service, tick } = setup();
    const texts = ['宽带断网', '咨询套餐资费', '要求退款', '宽带报修', '密码重置'];
    texts.forEach((d, i) => {
      tick(HOUR);
      const v = service.open({ ...call, callId: `c${i}`, customerNumber: `1390000000${i}`, startedAt: T0 + i * HOUR });
      service.update(v.id, { description: d, category: i % 2 ? 'consult' : 'repair' });
    });
    expect(service.list({ text: '宽带' }).items.map((v) => v.description)).toEqual(['宽带报修', '宽带断网']);
    expect(service.list({ text: '退款' }).total).toBe(1);
    expect(service.list({ text: '"' }).total).toBe(0);
    expect(service.list({ customerNumber: '1390000000' }).total).toBe(5);
    expect(service.list({ category: 'consult' }).total).toBe(2);
    expect(service.list({ from: T0 + 2 * HOUR, to: T0 + 4 * HOUR }).items.map((v) => v.description)).toEqual(['宽带报修', '要求退款']);
    expect(service.list({ limit: 2, offset: 2 }).items.map((v) => v.description)).toEqual(['要求退款', '咨询套餐资费']);
    expect(service.history('13900000003').map((v) => v.description)).toEqual(['宽带报修']);
  });

  it('keeps the board: running clocks soonest first, complete, pause while the customer owes an answer, alert once', () => {
    const { service, deadlines, tick } = setup();
    const order = service.open({ ...call, callId: 'o' });
    service.update(order.id, { category: 'order', status: 'resolved' });
    const complaint = service.open({ ...call, callId: 'c' });
    service.update(complaint.id, { category: 'complaint', resolution: '已致歉，正在核实' });
    expect(deadlines.running().map((d) => [d.visitId, d.clock])).toEqual([
      [complaint.id, 'complaint-resolve'],
      [order.id, 'follow-up'],
    ]);
    const [resolve, followUp] = deadlines.running();
    expect(() => deadlines.pause(followUp!.id)).toThrow(/does not pause/);
    tick(HOUR);
    expect(deadlines.pause(resolve!.id).pausedAt).toBe(T0 + HOUR);
    expect(deadlines.running().map((d) => d.clock)).toEqual(['follow-up', 'complaint-resolve']); // paused ones last
    tick(5 * HOUR);
    const resumed = deadlines.resume(resolve!.id);
    expect(due(resumed)).toBe(T0 + 53 * HOUR);
    expect(deadlines.alerted(resolve!.id, 'due-soon')).toBe(true);
    expect(deadlines.alerted(resolve!.id, 'due-soon')).toBe(false);
    expect(deadlines.alerted(resolve!.id, 'breached')).toBe(true);
    expect(deadlines.complete(followUp!.id).doneAt).toBe(T0 + 6 * HOUR);
    expect(deadlines.running().map((d) => d.clock)).toEqual(['complaint-resolve']);
    service.update(complaint.id, { status: 'closed' });
    expect(deadlines.running()).toEqual([]);
    expect(() => deadlines.complete(999)).toThrow(/999/);
  });

  it('resumes every clock after a restart exactly where it was (a new process on the same file)', () => {
    const { db, service, deadlines, tick } = setup();
    const v = service.open(call);
    const [first] = deadlines.running();
    tick(3 * HOUR);
    const path = db.name;
    db.close();
    const reopened = openDatabase({ path });
    const settings = new SettingsService(new SettingsRepo(reopened), loadDefaultSettings(join(__dirname, '../../../resources')));
    const again = new DeadlinesService(new DeadlinesRepo(reopened), settings, () => T0 + 3 * HOUR).running();
    expect(again[0]).toEqual(first);
    expect(again.map((d) => [d.visitId, d.clock, due(d)])).toEqual([
      [v.id, 'next-day', Date.UTC(2026, 10, 23, 1, 0)],
      [v.id, 'issue-resolve', T0 + 24 * HOUR],
    ]);
    reopened.close();
  });
});

describe('events to other departments (R-EVENT)', () => {
  it('puts the visit on hold for the department and reopens it once the customer has the answer', () => {
    const { service, tick } = setup();
    const v = service.open(call);
    expect(() => service.submitEvent({ visitId: v.id, department: '维修部', description: '上门检修光猫', dueAt: T0 - 1 })).toThrow(/future/);
    const e = service.submitEvent({ visitId: v.id, department: '维修部', description: '上门检修光猫', dueAt: T0 + 24 * HOUR });
    expect(service.get(v.id).visit.status).toBe('pending-department');
    tick(HOUR);
    service.setEventStatus(e.id, 'answered');
    expect(service.get(v.id).visit.status).toBe('pending-department');
    tick(HOUR);
    expect(service.setEventStatus(e.id, 'customer-informed').status).toBe('customer-informed');
    const detail = service.get(v.id);
    expect(detail.visit.status).toBe('open');
    expect(detail.events).toHaveLength(1);
    expect(detail.audit.map((a) => Object.keys(a.change)[0])).toEqual(['event', 'status', `event ${e.id}`, `event ${e.id}`, 'status']);
    // the department's due time ran as its own clock until the customer was informed
    expect(detail.deadlines.filter((d) => d.clock === 'department-event').map((d) => [d.subject, due(d), d.doneAt])).toEqual([[e.id, T0 + 24 * HOUR, T0 + 2 * HOUR]]);
  });
});

describe('knowledge articles linked to a visit', () => {
  it('links once, audits link and unlink, keeps the title as linked, and refuses an unknown visit', () => {
    const { service, tick } = setup();
    const v = service.open(call);
    service.linkArticle({ visitId: v.id, articleId: 'kb-12', title: '宽带故障报修流程' });
    tick(1000);
    const twice = service.linkArticle({ visitId: v.id, articleId: 'kb-12', title: '改过的标题' });
    expect(twice).toEqual([{ articleId: 'kb-12', title: '宽带故障报修流程', linkedBy: '1001', linkedAt: T0 }]);
    expect(service.unlinkArticle({ visitId: v.id, articleId: 'kb-12' })).toEqual([]);
    expect(service.unlinkArticle({ visitId: v.id, articleId: 'kb-12' })).toEqual([]);
    expect(service.get(v.id).audit.map((a) => a.change)).toEqual([{ 'article kb-12': [null, '宽带故障报修流程'] }, { 'article kb-12': ['宽带故障报修流程', null] }]);
    expect(() => service.linkArticle({ visitId: 999, articleId: 'kb-1', title: 't' })).toThrow(/999/);
  });
});

describe('call script checklist and compliance overrides', () => {
  it('keeps the latest checklist per visit and the overrides with their reason, and sums both in the report', () => {
    const { service, tick } = setup();
    const a = service.open(call);
    const b = service.open({ ...call, callId: 'call-2', startedAt: T0 + HOUR });
    expect(service.get(a.id)).toMatchObject({ checklist: null, overrides: [] });
    service.setChecklist({ visitId: a.id, checklist: { greeting: true, waiting: null, confirmed: false, closing: false } });
    tick(60_000);
    service.setChecklist({ visitId: a.id, checklist: { greeting: true, waiting: false, confirmed: true, closing: true } });
    service.setChecklist({ visitId: b.id, checklist: { greeting: false, waiting: true, confirmed: false, closing: true } });
    expect(service.get(a.id).checklist).toEqual({ greeting: true, waiting: false, confirmed: true, closing: true });
    const o = service.logOverride({ visitId: a.id, field: 'resolution', findings: [{ rule: 'R-NO-LINKS', match: 'http://bit.ly/x' }], reason: '客户要求的政府网站' });
    expect(o).toMatchObject({ visitId: a.id, agent: '1001', at: T0 + 60_000, reason: '客户要求的政府网站' });
    expect(service.get(a.id).overrides).toEqual([o]);
    expect(service.get(b.id).overrides).toEqual([]);
    expect(service.report(T0, T0 + 24 * HOUR).script).toEqual({ calls: 2, greeting: 1, held: 2, waiting: 1, confirmed: 1, closing: 2, overrides: 1 });
    expect(service.report(T0 + 2 * HOUR, T0 + 24 * HOUR).script).toEqual({ calls: 0, greeting: 0, held: 0, waiting: 0, confirmed: 0, closing: 0, overrides: 0 });
    expect(() => service.setChecklist({ visitId: 999, checklist: { greeting: true, waiting: null, confirmed: false, closing: false } })).toThrow(/999/);
    expect(() => service.logOverride({ visitId: 999, field: 'reply', findings: [{ rule: 'R-NO-LINKS', match: 'x' }], reason: 'why not' })).toThrow(/999/);
  });
});

describe('mass incidents from saved visits', () => {
  it('suggests a report once five customers describe the same outage within the window', () => {
    const { service, tick } = setup();
    const texts = ['朝阳区宽带断网', '宽带断网，朝阳区', '朝阳区家里宽带断网了', '宽带突然断网（朝阳区）', '朝阳区宽带断网无法上网'];
    texts.forEach((d, i) => {
      tick(60_000);
      const v = service.open({ ...call, callId: `m${i}`, customerNumber: `1370000000${i}`, startedAt: T0 + (i + 1) * 60_000 });
      service.update(v.id, { category: 'repair', description: d });
      expect(service.massIncidents()).toHaveLength(i === 4 ? 1 : 0);
    });
    expect(service.massIncidents()[0]).toMatchObject({ category: 'repair', examples: ['朝阳区宽带断网无法上网', '宽带突然断网（朝阳区）', '朝阳区家里宽带断网了'] });
    tick(40 * 60_000); // the window has passed
    expect(service.massIncidents()).toEqual([]);
  });
});

describe('drafts', () => {
  it('a draft typed on an older version than the one saved since is not kept; the newer of the two wins', () => {
    const { service, tick } = setup();
    const v = service.open({ ...call, callId: 'd-1' });
    const base = v.updatedAt;
    tick(1000);
    const saved = service.update(v.id, { description: '已保存的新内容' });
    tick(1000);
    // a late autosave of the form as it was before that save (another window, a request in flight)
    expect(service.saveDraft(v.id, { description: '旧的草稿' }, base)).toMatchObject({ kept: false });
    expect(service.get(v.id).draft).toBeNull();
    expect(service.unsavedDrafts()).toEqual([]);
    // typed on the saved version: kept, newer than the visit, listed
    expect(service.saveDraft(v.id, { description: '接着写的', resolution: '已派单' }, saved.updatedAt)).toMatchObject({ kept: true });
    expect(service.get(v.id).draft?.fields).toEqual({ description: '接着写的', resolution: '已派单' });
    expect(service.unsavedDrafts()).toEqual([expect.objectContaining({ visitId: v.id, customerNumber: '13800138000', preview: '接着写的 · 已派单' })]);
  });

  it('a draft older than the visit\'s last save (e.g. a status change by an event) is not shown over it', () => {
    const { service, tick } = setup();
    const v = service.open({ ...call, callId: 'd-2' });
    service.saveDraft(v.id, { description: '草稿' });
    tick(1000);
    // the visit moves on without the form: an event makes it pending (the draft stays, now older)
    service.submitEvent({ visitId: v.id, department: '维修部', description: '上门', dueAt: T0 + 24 * HOUR });
    expect(service.get(v.id).visit.status).toBe('pending-department');
    expect(service.get(v.id).draft).toBeNull();
    expect(service.unsavedDrafts()).toEqual([]);
  });
});

describe('the end of the call', () => {
  it('is written once by the desk, audited, and leaves the form\'s concurrency stamp alone', () => {
    const { service } = setup();
    const v = service.open({ ...call, callId: 'end-1', startedAt: T0, answeredAt: T0 + 5_000 });
    expect(v.endedAt).toBeNull();
    const after = service.callEnded(v.id, T0 + 65_000);
    expect(after.endedAt).toBe(T0 + 65_000);
    expect(after.updatedAt).toBe(v.updatedAt); // a form opened before the end still saves
    expect(service.update(v.id, { description: '改套餐' }, v.updatedAt).description).toBe('改套餐');
    expect(service.callEnded(v.id, T0 + 99_000).endedAt).toBe(T0 + 65_000); // a repeated report changes nothing
    expect(service.get(v.id).audit.filter((a) => 'endedAt' in a.change)).toHaveLength(1);
    expect(() => service.callEnded(v.id, T0 - 1)).toThrow(/before it started/);
  });

  it('of a call logged after it ended comes with the open', () => {
    const { service } = setup();
    expect(service.open({ ...call, callId: 'end-2', startedAt: T0, endedAt: T0 + 30_000 }).endedAt).toBe(T0 + 30_000);
  });
});

describe('visit report', () => {
  it('counts a period by channel, category and agent, with answer rates and handle time', () => {
    const { service, setAgent } = setup();
    const add = (i: number, fields: object, over: object = {}) => {
      const v = service.open({ ...call, callId: `r${i}`, startedAt: T0 + i * HOUR, answeredAt: T0 + i * HOUR + 5_000, ...over });
      service.update(v.id, fields);
      service.callEnded(v.id, T0 + i * HOUR + 65_000); // what the desk reports when the call ends
    };
    add(0, { category: 'complaint' });
    add(1, { category: 'complaint', status: 'resolved' }, { answeredAt: T0 + HOUR + 20_000 });
    setAgent('2002');
    add(2, { category: 'consult' }, { direction: 'outbound' });
    add(30, { category: 'consult' }); // outside the period
    const r = service.report(T0, T0 + 24 * HOUR);
    expect(r).toMatchObject({
      total: 3,
      byChannel: { hotline: 3 },
      byCategory: { complaint: 2, consult: 1 },
      byOwner: { '1001': 2, '2002': 1 },
      complaints: { total: 2, open: 1 },
      inbound: { total: 2, answered: 2, answeredWithin15s: 1 },
    });
    expect(r.meanHandleMs).toBe(Math.round((60_000 + 45_000 + 60_000) / 3));
    expect(r.meanWrapUpMs).toBeNull();
    expect(() => service.report(T0, T0)).toThrow(/period/);
  });

  it('averages wrap-up time from the agent state log, each wrap-up lasting until the next state', () => {
    const { db, service } = setup();
    const states = new AgentStateRepo(db);
    const log = (status: AgentStateChange['status'], at: number) => states.record({ status, at, ...(status === 'not-ready' ? { reasonId: 'break' } : {}) });
    log('on-call', T0);
    log('wrap-up', T0 + 60_000);
    log('ready', T0 + 90_000); // 30 s
    log('wrap-up', T0 + 2 * HOUR);
    log('not-ready', T0 + 2 * HOUR + 50_000); // 50 s
    log('wrap-up', T0 - HOUR); // before the period
    log('wrap-up', T0 + 23 * HOUR); // still running: not counted
    expect(service.report(T0, T0 + 24 * HOUR).meanWrapUpMs).toBe(40_000);
    expect(service.report(T0 + 3 * HOUR, T0 + 22 * HOUR).meanWrapUpMs).toBeNull();
  });
});

describe('which clocks a visit needs (pure)', () => {
  const order = { id: 'order', label: { 'zh-CN': '订购', 'en-US': 'Order' }, followUp: 'order' as const };
  const complaint = { id: 'complaint', label: { 'zh-CN': '投诉', 'en-US': 'Complaint' }, followUp: 'complaint' as const };
  const visit = { status: 'open' as const, startedAt: T0, complexity: null, resolution: '' };
  const clocks = (v: object, category?: VisitCategory) => visitClocksFor({ ...visit, ...v }, category, T0 + HOUR).map((c) => `${c.clock}@${c.startedAt - T0}`);
  it('closed needs nothing; resolved orders keep the 7-day call; open problems get 24 h and the next working day', () => {
    expect(clocks({ status: 'closed' }, order)).toEqual([]);
    expect(clocks({ status: 'resolved' }, order)).toEqual(['follow-up@0']);
    expect(clocks({})).toEqual(['issue-resolve@0', `next-day@${HOUR}`]);
    expect(clocks({ status: 'pending-department' }, order)).toEqual(['follow-up@0', 'issue-resolve@0', `next-day@${HOUR}`]);
  });
  it('a complaint: reply until a resolution is written, resolve, and the 2 h / 24 h answer once judged simple or complex', () => {
    expect(clocks({}, complaint)).toEqual(['complaint-reply@0', 'complaint-resolve@0']);
    expect(clocks({ resolution: '已回复' }, complaint)).toEqual(['complaint-resolve@0']);
    expect(clocks({ complexity: 'simple' }, complaint)).toEqual(['complaint-reply@0', 'complaint-resolve@0', `complaint-answer-simple@${HOUR}`]);
    expect(clocks({ complexity: 'complex', resolution: 'x' }, complaint)).toEqual(['complaint-resolve@0', `complaint-answer-complex@${HOUR}`]);
  });
});
