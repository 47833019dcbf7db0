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
