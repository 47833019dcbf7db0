import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { PhrasesRepo } from '../../../electron/db/phrases.repo';
import { PhrasesService } from '../../../electron/services/phrases.service';
import type { PhraseLibrary } from '../../../shared/phrases';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const ROOT = join(__dirname, '../../..');

/** A resources folder of its own (its shipped file is rewritten to simulate a new release), and a database on disk. */
function setup() {
  const dir = tempDir();
  mkdirSync(join(dir, 'resources'));
  cpSync(join(ROOT, 'resources/phrases'), join(dir, 'resources/phrases'), { recursive: true });
  const dbPath = join(dir, 'z.sqlite3');
  const file = join(dir, 'resources/phrases/zh-CN.json');
  const open = () => {
    const db = openDatabase({ path: dbPath });
    return { db, service: new PhrasesService(new PhrasesRepo(db), join(dir, 'resources'), () => '1001', () => 1_000) };
  };
  const ship = (edit: (l: PhraseLibrary) => PhraseLibrary) => writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')) as PhraseLibrary)));
  return { open, ship };
}

describe('phrase library in SQLite', () => {
  it('seeds the shipped library on first use; a newer release updates shipped phrases but never the company’s edits', () => {
    const { open, ship } = setup();
    let { db, service } = open();
    const first = service.library('zh-CN');
    expect(first.version).toBe(1);
    expect(first.phrases.map((p) => p.id)).toEqual(service.shipped('zh-CN').phrases.map((p) => p.id));
    const greeting = first.phrases.find((p) => p.id === 'greeting')!;
    service.save('zh-CN', { ...greeting, say: ['您好，{company}热线，工号{agentId}为您服务。'] });
    service.remove('zh-CN', 'dialect');
    service.save('zh-CN', { id: 'holiday', phase: 'opening', situation: '节假日问候', channels: ['hotline'], say: ['节日快乐！'], never: [], forbid: [] });
    db.close();

    // release 2: greeting and please-wait reworded, dialect reworded, record dropped, a new phrase
    ship((l) => ({
      ...l,
      version: 2,
      phrases: [
        ...l.phrases
          .filter((p) => p.id !== 'record')
          .map((p) => (['greeting', 'please-wait', 'dialect'].includes(p.id) ? { ...p, say: [`${p.say[0]}（v2）`] } : p)),
        { id: 'new-in-v2', phase: 'during', situation: '新情境', channels: ['hotline'], say: ['新话术'], never: [], forbid: [] },
      ],
    }));
    ({ db, service } = open());
    const second = service.library('zh-CN');
    const say = (id: string) => second.phrases.find((p) => p.id === id)?.say[0];
    expect(second.version).toBe(2);
    expect(say('greeting')).toBe('您好，{company}热线，工号{agentId}为您服务。'); // edited: kept
    expect(say('please-wait')).toMatch(/（v2）$/); // shipped: updated
    expect(say('dialect')).toBeUndefined(); // removed here: stays removed
    expect(say('record')).toBeUndefined(); // dropped from the release
    expect(say('new-in-v2')).toBe('新话术');
    expect(say('holiday')).toBe('节日快乐！');
    // the same version again changes nothing
    db.close();
    ({ db, service } = open());
    expect(service.library('zh-CN')).toEqual(second);
    db.close();
  });

  it('imports an exported library all or nothing, with the path of each problem, and refuses the other language’s file', () => {
    const { open } = setup();
    const { db, service } = open();
    const before = service.library('zh-CN');
    const broken = { ...before, phrases: [...before.phrases, { ...before.phrases[0]!, id: 'Bad Id', say: [] }] };
    const at = before.phrases.length; // the appended, broken one
    expect(() => service.import('zh-CN', JSON.stringify(broken))).toThrow(new RegExp(`phrases\\.${at}\\.id.*phrases\\.${at}\\.say`, 's'));
    expect(() => service.import('zh-CN', '{"version": 1,')).toThrow(/not JSON/);
    expect(() => service.import('zh-CN', JSON.stringify(service.library('en-US')))).toThrow(/en-US library, not zh-CN/);
    expect(service.library('zh-CN')).toEqual(before);

    const trimmed = { ...before, phrases: before.phrases.slice(0, 3).reverse() };
    expect(service.import('zh-CN', JSON.stringify(trimmed)).phrases).toEqual(trimmed.phrases);
    expect(() => service.remove('zh-CN', before.phrases[5]!.id)).toThrow(/no phrase/);
    db.close();
  });
});
