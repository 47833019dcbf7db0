import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { KbRepo } from '../../../electron/db/kb.repo';
import { parseArticles, readArticles } from '../../../electron/services/kb-import';
import { KbService } from '../../../electron/services/kb.service';
import type { AppError } from '../../../shared/result';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 2, 0);

function setup(synonyms: string[][] = []) {
  const dir = tempDir();
  const db = openDatabase({ path: join(dir, 'kb.sqlite3') });
  let now = NOW;
  const kb = new KbService(new KbRepo(db), { agent: () => '1001', now: () => now, synonyms: () => synonyms });
  return { dir, db, kb, setNow: (t: number) => (now = t) };
}

const line = (a: object) => `${JSON.stringify(a)}\n`;
const ARTICLES = [
  { id: 'pw-1', title: '忘记登录密码怎么办', body: '在登录页点**忘记密码**，用绑定的手机号接收验证码后重设。', category: '账户/密码', similar: ['密码忘了', '怎么重置密码'] },
  { id: 'refund-1', title: '退款多久到账', body: '退款在审核通过后 1 到 3 个工作日原路退回。', category: '订单/退款' },
  { id: 'bb-1', title: '宽带断网报修', body: '先重启光猫，仍不通请登记报修。', category: '宽带' },
];

describe('knowledge base import', () => {
  it('imports JSON Lines, CSV in GB18030 and Markdown with front matter; re-import updates by id', () => {
    const { dir, kb } = setup();
    writeFileSync(join(dir, 'a.jsonl'), ARTICLES.map(line).join(''));
    expect(kb.importPath(join(dir, 'a.jsonl'))).toEqual({ added: 3, updated: 0, total: 3 });

    const folder = join(dir, 'kb');
    mkdirSync(folder);
    const csv = 'id,title,body,category,similar\nrefund-1,退款多长时间到账,"审核后 1-3 个工作日，""原路""退回",订单/退款,退钱几天到；退款什么时候到\n';
    writeFileSync(join(folder, 'b.csv'), new Uint8Array(Buffer.from(new TextEncoderGb().encode(csv))));
    writeFileSync(join(folder, 'c.md'), '---\nid: plan-1\ntags: [套餐, 资费]\nvalid_from: 2026-01-01\nsimilar:\n  - 怎么换套餐\n---\n# 套餐变更\n\n次月生效。\n');
    expect(kb.importPath(folder)).toEqual({ added: 1, updated: 1, total: 4 });
    expect(kb.get('refund-1')).toMatchObject({ title: '退款多长时间到账', body: '审核后 1-3 个工作日，"原路"退回', similar: ['退钱几天到', '退款什么时候到'] });
    expect(kb.get('plan-1')).toMatchObject({ title: '套餐变更', tags: ['套餐', '资费'], similar: ['怎么换套餐'], body: '# 套餐变更\n\n次月生效。' });
  });

  it('refuses the whole import on one bad line, naming file and line, and changes nothing', () => {
    const { dir, kb } = setup();
    writeFileSync(join(dir, 'ok.jsonl'), ARTICLES.map(line).join(''));
    kb.importPath(join(dir, 'ok.jsonl'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, line({ ...ARTICLES[1], title: '改掉的标题' }) + line({ id: 'x-2', title: '' }) + '{oops\n');
    let error: AppError | undefined;
    try {
      kb.importPath(bad);
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.message).toMatch(/bad\.jsonl:2: title: title is empty/);
    expect(error?.message).toMatch(/bad\.jsonl:3: bad JSON/);
    expect(kb.get('refund-1').title).toBe('退款多久到账');
    expect(parseArticles([{ name: 'dup.jsonl', bytes: Buffer.from(line(ARTICLES[0]!) + line(ARTICLES[0]!)) }]).problems).toEqual([
      { file: 'dup.jsonl', line: 2, reason: 'id pw-1 already used at dup.jsonl:1' },
    ]);
    expect(readArticles(join(dir, 'ok.jsonl')).problems).toEqual([]);
  });
});

describe('knowledge base search', () => {
  it('finds two-character words (退款, 密码) with the title match first and highlighted, escaped snippets', () => {
    const { dir, kb } = setup();
    writeFileSync(join(dir, 'a.jsonl'), ARTICLES.map(line).join('') + line({ id: 'xss', title: '<script>alert(1)</script> 密码', body: '<img src=x onerror=alert(1)> 密码' }));
    kb.importPath(join(dir, 'a.jsonl'));
    expect(kb.search('退款')[0]?.id).toBe('refund-1');
    const pw = kb.search('密码忘记了');
    expect(pw[0]?.id).toBe('pw-1');
    expect(pw[0]?.titleHtml).toContain('<mark>忘记</mark>');
    const xss = kb.search('密码').find((h) => h.id === 'xss')!;
    expect(xss.titleHtml).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>密码</mark>');
    expect(xss.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
  });

  it('never shows an article before its window opens or after it closes', () => {
    const { dir, kb, setNow } = setup();
    writeFileSync(
      join(dir, 'a.jsonl'),
      line({ id: 'soon', title: '双十二优惠活动', body: '', validFrom: NOW + DAY }) + line({ id: 'gone', title: '国庆优惠活动', body: '', validUntil: NOW - DAY }) + line({ id: 'now', title: '本月优惠活动', body: '' }),
    );
    kb.importPath(join(dir, 'a.jsonl'));
    expect(kb.search('优惠活动').map((h) => h.id)).toEqual(['now']);
    expect(() => kb.get('soon')).toThrow(/no published article/);
    setNow(NOW + 2 * DAY);
    expect(kb.search('优惠活动').map((h) => h.id).sort()).toEqual(['now', 'soon']);
  });

  it("gives a customer an article's words as plain text, never an internal-only or unpublished one", () => {
    const { dir, kb } = setup();
    writeFileSync(
      join(dir, 'a.jsonl'),
      line({ id: 'pub', title: '退款多久到账', body: '**审核通过后** 1 到 3 个工作日，见[退款说明](https://example.com/r)。' }) +
        line({ id: 'inner', title: '退款内部口径', body: '系统故障时先安抚，别提故障', internal: true }) +
        line({ id: 'soon', title: '双十二优惠', body: '满减', validFrom: NOW + DAY }),
    );
    kb.importPath(join(dir, 'a.jsonl'));
    expect(kb.customerText('pub')).toBe('审核通过后 1 到 3 个工作日，见退款说明。');
    expect(() => kb.customerText('inner')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => kb.customerText('soon')).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('takes any typed text, FTS5 syntax included, without an error', () => {
    const { dir, kb } = setup();
    writeFileSync(join(dir, 'a.jsonl'), ARTICLES.map(line).join(''));
    kb.importPath(join(dir, 'a.jsonl'));
    for (const q of ['', '   ', '"', '"退款', 'AND', 'OR OR', 'NEAR(退款 密码)', '退款*', '(密码', ')', 'title:密码', '^退款', '-', '*', '{}', 'NOT 密码', "'; DROP TABLE kb_articles; --"]) {
      expect(() => kb.search(q)).not.toThrow();
    }
    expect(kb.search('NEAR(退款 密码)').length).toBeGreaterThan(0);
  });

  it('expands synonyms: 退钱 finds the 退款 article', () => {
    const { dir, kb } = setup([['退款', '退钱']]);
    writeFileSync(join(dir, 'a.jsonl'), ARTICLES.map(line).join(''));
    kb.importPath(join(dir, 'a.jsonl'));
    expect(kb.search('退钱要几天')[0]?.id).toBe('refund-1');
  });
});

/** GB18030 bytes for the test file (Node can decode GB18030 but has no encoder: a small table suffices). */
class TextEncoderGb {
  encode(text: string): Uint8Array {
    const decoder = new TextDecoder('gb18030');
    const out: number[] = [];
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) {
        out.push(ch.charCodeAt(0));
        continue;
      }
      out.push(...gbBytes(ch, decoder));
    }
    return new Uint8Array(out);
  }
}

const gbCache = new Map<string, number[]>();
/** Finds the two-byte GB code of a Han character by decoding the GBK range once. */
function gbBytes(ch: string, decoder: TextDecoder): number[] {
  if (gbCache.size === 0) {
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const s = decoder.decode(new Uint8Array([hi, lo]));
        if (!gbCache.has(s)) gbCache.set(s, [hi, lo]);
      }
    }
  }
  const bytes = gbCache.get(ch);
  if (!bytes) throw new Error(`no GBK code for ${ch}`);
  return bytes;
}
