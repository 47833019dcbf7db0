import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/zuoxi';
import { openDatabase } from '../../../electron/db/database';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations';
import { DATABASE_FILE } from '../../../electron/services/paths';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const root = join(__dirname, '..', '..', '..');

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function seededDir() {
  const dir = tempDir();
  const db = openDatabase({ path: join(dir, DATABASE_FILE) });
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('locale', '\"zh-CN\"', 1)").run();
  db.close();
  return dir;
}

describe('zuoxi CLI', () => {
  it.each([[[]], [['db']], [['db', 'drop']], [['visits', 'info']], [['db', 'info', 'extra']], [['db', 'info', '--bogus']]])(
    'prints the usage and exits 2 for %j',
    (argv) => {
      const r = run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain('usage: zuoxi');
    },
  );

  it('db info shows path, schema version and row counts', () => {
    const dir = seededDir();
    const r = run(['db', 'info', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(join(dir, DATABASE_FILE));
    expect(r.out).toContain(`schema version: ${LATEST_SCHEMA_VERSION}`);
    expect(r.out).toMatch(/settings\s+1 rows/);
    const json = JSON.parse(run(['db', 'info', '--data-dir', dir, '--json']).out);
    expect(json.tables).toContainEqual({ name: 'settings', rows: 1 });
  });

  it('db check says ok for a sound file and exits 1 for a file that is not a database', () => {
    const dir = seededDir();
    expect(run(['db', 'check', '--data-dir', dir])).toMatchObject({ code: 0, out: expect.stringContaining('ok:') });
    const bad = tempDir();
    writeFileSync(join(bad, DATABASE_FILE), 'this is not sqlite '.repeat(300));
    const r = run(['db', 'check', '--data-dir', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a database|damaged/);
  });

  it('a writing command on a new data folder creates and migrates the database: db init, then kb import', () => {
    const dir = join(tempDir(), 'new-site', 'data');
    const init = run(['db', 'init', '--data-dir', dir]);
    expect(init).toMatchObject({ code: 0, out: `ready: ${join(dir, DATABASE_FILE)} (schema version ${LATEST_SCHEMA_VERSION})` });
    expect(run(['db', 'init', '--data-dir', dir]).code).toBe(0); // again: nothing to do, still fine
    const other = join(tempDir(), 'never-started');
    const articles = join(tempDir(), 'kb.jsonl');
    writeFileSync(articles, `${JSON.stringify({ id: 'kb-1', title: '宽带报修流程', body: '拨打热线报修，工程师 24 小时内上门。' })}\n`);
    const imported = run(['kb', 'import', articles, '--data-dir', other]);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('added 1') });
    expect(run(['kb', 'search', '报修', '--data-dir', other]).out).toContain('[kb-1] 宽带报修流程');
    // the defaults were seeded as on a first start
    const tables = JSON.parse(run(['db', 'info', '--data-dir', other, '--json']).out).tables as { name: string; rows: number }[];
    expect(tables.find((t) => t.name === 'settings')!.rows).toBeGreaterThan(5);
  });

  it('read-only commands do not create a database where there is none', () => {
    const dir = tempDir();
    const r = run(['db', 'info', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no database');
    expect(r.err).toContain('zuoxi db init');
    expect(run(['kb', 'search', '报修', '--data-dir', dir]).code).toBe(1);
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(false);
  });

  it('the built bin (npm run build) exits 2 with the usage on bad arguments', () => {
    expect(existsSync(join(root, 'dist', 'cli', 'zuoxi.cjs')), 'dist/cli/zuoxi.cjs missing: run npm run build first').toBe(true);
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'zuoxi.cjs'), 'nonsense'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: zuoxi');
    expect(execFileSync(process.execPath, [join(root, 'dist', 'cli', 'zuoxi.cjs'), '--help'], { encoding: 'utf8' })).toContain('db check');
  });
});

describe('zuoxi compliance eval', () => {
  it('prints precision and recall per rule and per family as JSON, with the misses, on the shipped defaults and a company policy', () => {
    const dir = tempDir();
    const file = join(dir, 'set.jsonl');
    const lines = [
      { text: '这个问题不归我们管，您问问别人吧。', rules: ['R-NO-HANGUP'] },
      { text: '我帮您联系相关部门，稍后回电给您。', rules: [] },
      { text: '王小明今天不在。', rules: ['R-NO-INTERNAL'] },
      { text: '不行。', rules: ['R-POLITE'], reply: true },
      { text: '我要打12315投诉你们', families: ['authority'] },
      { text: '我想订购这个节目', families: [] },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const defaults = run(['compliance', 'eval', file]);
    expect(defaults.code).toBe(0);
    const r = JSON.parse(defaults.out) as { replies: number; messages: number; checker: { perRule: Record<string, { recall: number }> }; warning: { perFamily: Record<string, { precision: number; recall: number }> }; wrong: string[] };
    expect([r.replies, r.messages]).toEqual([4, 2]);
    expect(r.checker.perRule['R-NO-HANGUP']!.recall).toBe(1);
    expect(r.warning.perFamily['authority']).toMatchObject({ precision: 1, recall: 1 });
    // the colleague's name is the company's: only its policy knows it
    expect(r.wrong).toEqual(['missed R-NO-INTERNAL: 王小明今天不在。']);
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ staffNames: ['王小明'] }));
    expect(JSON.parse(run(['compliance', 'eval', file, '--policy', policy]).out).wrong).toEqual([]);
  });

  it('refuses a line it cannot read, naming the file and line', () => {
    const file = join(tempDir(), 'bad.jsonl');
    writeFileSync(file, '{"text":"您好","rules":[]}\n{"text":"x","rules":["R-NOPE"]}\n');
    const r = run(['compliance', 'eval', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.jsonl:2');
    // a missing file, or a policy that is not JSON, is said plainly
    expect(run(['compliance', 'eval', join(tempDir(), 'missing.jsonl')]).err).toMatch(/cannot read .*missing\.jsonl: ENOENT/);
    const good = join(tempDir(), 'good.jsonl');
    writeFileSync(good, '{"text":"您好","rules":[]}\n');
    const policy = join(tempDir(), 'policy.json');
    writeFileSync(policy, 'nope');
    expect(run(['compliance', 'eval', good, '--policy', policy])).toMatchObject({ code: 1, err: expect.stringContaining('policy.json: not JSON') });
  });
});
