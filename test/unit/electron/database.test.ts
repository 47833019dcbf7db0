import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, SchemaTooNewError, schemaVersion } from '../../../electron/db/database';
import { checkIntegrity, describeDatabase } from '../../../electron/db/maintenance';
import type { Migration } from '../../../electron/db/migration';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/db/migrations';
import { KbRepo } from '../../../electron/db/kb.repo';
import { SearchIndexRepo } from '../../../electron/db/search-index.repo';
import { SearchIndexKeeper } from '../../../electron/services/search-index.service';
import { indexText, matchQuery, tokenOf } from '../../../shared/text-index';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const tables = (db: Database.Database) =>
  db.prepare<[], { name: string }>("SELECT name FROM pragma_table_list WHERE schema='main' AND type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);
const ALL_TABLES = ['agent_state_log', 'chat_conversations', 'chat_messages', 'compliance_overrides', 'deadlines', 'desk_log', 'escalations', 'handover_items', 'handovers', 'kb_articles', 'kb_df', 'kb_vectors', 'message_refusals', 'monitor_sessions', 'phrase_seeds', 'phrases', 'recordings', 'search_index', 'settings', 'sip_account', 'team_directory', 'team_identity', 'team_nonces', 'team_summaries', 'visit_articles', 'visit_audit', 'visit_checklists', 'visit_drafts', 'visit_events', 'visits'];

describe('database', () => {
  it('opens a new file with WAL, synchronous FULL, foreign keys, a busy timeout and the latest schema', () => {
    const path = join(tempDir(), 'z.sqlite3');
    const db = openDatabase({ path });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // "saved" means durable: a commit is on disk before it is acknowledged, even across power loss
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(ALL_TABLES);
    expect(checkIntegrity(db)).toEqual({ ok: true, problems: [] });
    db.close();
  });

  it('keeps migration versions consecutive from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it.each(MIGRATIONS.map((m) => m.version - 1))('upgrades a database from version %i to the latest, keeping its rows', (from) => {
    const path = join(tempDir(), 'z.sqlite3');
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, from));
    expect(schemaVersion(old)).toBe(from);
    if (from >= 1) old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('locale', '\"en-US\"', 1)").run();
    old.close();

    const db = openDatabase({ path });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(ALL_TABLES);
    if (from >= 1) expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('locale')).toBe('"en-US"');
    db.close();
  });

  it('makes every table STRICT', () => {
    const db = openDatabase({ path: join(tempDir(), 'z.sqlite3') });
    const strict = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema='main' AND type='table' AND name NOT LIKE 'sqlite_%'").all();
    expect(strict.length).toBeGreaterThan(0);
    expect(strict.every((t) => t.strict === 1)).toBe(true);
    db.close();
  });

  it('refuses a database from a newer Zuoxi without modifying it', () => {
    const path = join(tempDir(), 'z.sqlite3');
    const future = new Database(path);
    future.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    future.close();
    const before = sha256(path);

    expect(() => openDatabase({ path })).toThrow(SchemaTooNewError);
    expect(() => openDatabase({ path })).toThrow(/newer than this Zuoxi supports/);
    expect(sha256(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('rolls back every step of a failed migration run', () => {
    const path = join(tempDir(), 'z.sqlite3');
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (db) => db.exec('CREATE TABLE half_done (x INTEGER) STRICT; THIS IS NOT SQL'),
    };
    expect(() => openDatabase({ path, migrations: [...MIGRATIONS, broken] })).toThrow();
    const db = new Database(path);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('reports path, schema version and row counts', () => {
    const path = join(tempDir(), 'z.sqlite3');
    const db = openDatabase({ path });
    db.prepare('INSERT INTO agent_state_log (status, reason_id, at) VALUES (?, ?, ?)').run('not-ready', 'meal', 1);
    const report = describeDatabase(db);
    expect(report.path).toBe(path);
    expect(report.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(report.tables).toEqual([
      { name: 'agent_state_log', rows: 1 },
      // the two free-text indexes are listed in search_index from the start
      ...ALL_TABLES.slice(1).map((name) => ({ name, rows: name === 'search_index' ? 2 : 0 })),
    ]);
    db.close();
  });

  it('finds damage with the integrity check', () => {
    const path = join(tempDir(), 'z.sqlite3');
    const db = openDatabase({ path });
    db.exec('CREATE TABLE big (x TEXT) STRICT; CREATE INDEX big_x ON big (x)');
    const insert = db.prepare('INSERT INTO big (x) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    // overwrite a stretch in the middle of the file (inside table/index pages), keep the header
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 4096);
    writeFileSync(path, bytes);
    const damaged = new Database(path, { readonly: true });
    const result = checkIntegrity(damaged);
    damaged.close();
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
  });

  it('a constraint in the schema stops a not-ready row without a reason', () => {
    const db = openDatabase({ path: join(tempDir(), 'z.sqlite3') });
    expect(() => db.prepare("INSERT INTO agent_state_log (status, reason_id, at) VALUES ('not-ready', NULL, 1)").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('re-indexing after a tokenizer change (no longer inside migration 009)', () => {
  /** A v8 database whose indexes hold tokens of tokenizer 1: 4G套餐 and WiFi密码忘了 as one token each. */
  function v8Database(path: string, visits = 2) {
    const old = openDatabase({ path, migrations: MIGRATIONS.filter((m) => m.version <= 8) });
    const visit = (id: number, description: string) => {
      old.prepare("INSERT INTO visits (id, channel, direction, customer_number, started_at, description, owner, created_at, updated_at) VALUES (?, 'hotline', 'inbound', '13800138000', 0, ?, '1001', 0, 0)").run(id, description);
      old.prepare('INSERT INTO visits_fts (rowid, tokens) VALUES (?, ?)').run(id, description.includes('4G套餐') ? [tokenOf('4g套餐'), tokenOf('办'), tokenOf('理'), tokenOf('办理')].join(' ') : indexText(description));
    };
    visit(1, '办理4G套餐');
    for (let i = 2; i <= visits; i++) visit(i, i === 2 ? '宽带套餐变更' : `办理4G套餐 ${i}`);
    old.prepare("INSERT INTO kb_articles (rid, id, title, body, updated_by, updated_at) VALUES (1, 'a-1', 'WiFi密码忘了', '', 'x', 0)").run();
    old.prepare('INSERT INTO kb_fts (rowid, title, similar, body) VALUES (1, ?, ?, ?)').run(tokenOf('wifi密码忘了'), '', '');
    old.close();
  }
  const match = (db: Database.Database, table: string, q: string) =>
    db.prepare<[string], { rowid: number }>(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(matchQuery(q)!).map((r) => r.rowid);

  it('an upgrade from v8 marks both indexes stale; the keeper rebuilds them in the background, so 套餐 finds 4G套餐', async () => {
    const path = join(tempDir(), 'old.sqlite3');
    v8Database(path);
    const db = openDatabase({ path });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const repo = new SearchIndexRepo(db);
    expect(repo.stale().map((s) => s.name)).toEqual(['visits', 'kb']);
    expect(match(db, 'visits_fts', '套餐')).toEqual([2]); // the migration itself changed no tokens
    await new SearchIndexKeeper(repo).run();
    expect(repo.stale()).toEqual([]);
    expect(match(db, 'visits_fts', '套餐')).toEqual([1, 2]);
    expect(match(db, 'visits_fts', '4g')).toEqual([1]);
    expect(match(db, 'kb_fts', '密码')).toEqual([1]);
    expect(new KbRepo(db).documentFrequency('密码')).toBe(1);
    db.close();
  });

  it('goes a chunk per turn with progress, keeps every row findable meanwhile, and resumes after a restart', () => {
    const path = join(tempDir(), 'old.sqlite3');
    v8Database(path, 1200);
    let db = openDatabase({ path });
    const turns: (() => void)[] = [];
    const keeper = new SearchIndexKeeper(new SearchIndexRepo(db), (fn) => void turns.push(fn));
    void keeper.run();
    turns.shift()!(); // first chunk of 500
    expect(keeper.progress()).toEqual({ index: 'visits', done: 500, total: 1200 });
    expect(match(db, 'visits_fts', '办理').length).toBe(1199); // old and new tokens alike still find them
    keeper.stop();
    db.close();
    db = openDatabase({ path }); // restarted: continues after row 500
    expect(new SearchIndexRepo(db).stale()).toEqual([{ name: 'visits', doneUpTo: 500 }, { name: 'kb', doneUpTo: 0 }]);
    db.close();
  });

  it('a new database and one upgraded from v9 or later are current: nothing to rebuild', () => {
    const fresh = openDatabase({ path: join(tempDir(), 'new.sqlite3') });
    expect(new SearchIndexRepo(fresh).stale()).toEqual([]);
    fresh.close();
    const path = join(tempDir(), 'v13.sqlite3');
    openDatabase({ path, migrations: MIGRATIONS.filter((m) => m.version <= 13) }).close();
    const db = openDatabase({ path });
    expect(new SearchIndexRepo(db).stale()).toEqual([]);
    db.close();
  });

  it('no migration imports a repository or the tokenizer (a released migration is frozen code)', () => {
    const dir = join(__dirname, '..', '..', '..', 'electron', 'db', 'migrations');
    for (const file of readdirSync(dir)) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect({ file, imports: imports.filter((i) => i !== '../migration.js' && !/^\.\/0\d\d-[a-z0-9-]+\.js$/.test(i)) }).toEqual({ file, imports: [] });
    }
  });
});

describe('migration 013: follow-ups become deadlines', () => {
  it('turns follow_ups rows into clocks with the same due time and adds a clock for each unanswered department event', () => {
    const path = join(tempDir(), 'old.sqlite3');
    const old = openDatabase({ path, migrations: MIGRATIONS.filter((m) => m.version <= 12) });
    const HOUR = 3_600_000;
    const T0 = Date.UTC(2026, 10, 20, 2);
    for (const id of [1, 2]) {
      old.prepare("INSERT INTO visits (id, channel, direction, customer_number, started_at, owner, created_at, updated_at) VALUES (?, 'hotline', 'inbound', '13800138000', ?, '1001', ?, ?)").run(id, T0, T0, T0);
    }
    const follow = old.prepare('INSERT INTO follow_ups (visit_id, rule, due_at, done_at, created_at) VALUES (?, ?, ?, ?, ?)');
    follow.run(1, 'R-COMPLAINT-12-48', T0 + 48 * HOUR, null, T0 + HOUR);
    follow.run(1, 'R-NEXT-DAY', T0 + 23 * HOUR, T0 + 20 * HOUR, T0 + HOUR);
    follow.run(2, 'R-FOLLOWUP-7D', T0 + 7 * 24 * HOUR, null, T0);
    const event = old.prepare("INSERT INTO visit_events (visit_id, department, description, due_at, status, created_by, created_at, updated_at) VALUES (2, '维修部', 'x', ?, ?, '1001', ?, ?)");
    event.run(T0 + 30 * HOUR, 'in-progress', T0 + 2 * HOUR, T0 + 2 * HOUR);
    event.run(T0 + 30 * HOUR, 'customer-informed', T0 + 2 * HOUR, T0 + 3 * HOUR);
    old.close();

    const db = openDatabase({ path });
    expect(tables(db)).not.toContain('follow_ups');
    const rows = db
      .prepare<[], { visit_id: number; clock: string; subject: number; started_at: number; due: number; done_at: number | null; due_at: number | null }>(
        'SELECT visit_id, clock, subject, started_at, started_at + duration_ms AS due, done_at, due_at FROM deadlines ORDER BY visit_id, clock',
      )
      .all();
    expect(rows).toEqual([
      { visit_id: 1, clock: 'complaint-resolve', subject: 0, started_at: T0, due: T0 + 48 * HOUR, done_at: null, due_at: T0 + 48 * HOUR },
      { visit_id: 1, clock: 'next-day', subject: 0, started_at: T0 + HOUR, due: T0 + 23 * HOUR, done_at: T0 + 20 * HOUR, due_at: null },
      { visit_id: 2, clock: 'department-event', subject: 1, started_at: T0 + 2 * HOUR, due: T0 + 30 * HOUR, done_at: null, due_at: T0 + 30 * HOUR },
      { visit_id: 2, clock: 'follow-up', subject: 0, started_at: T0, due: T0 + 7 * 24 * HOUR, done_at: null, due_at: T0 + 7 * 24 * HOUR },
    ]);
    db.close();
  });
});
