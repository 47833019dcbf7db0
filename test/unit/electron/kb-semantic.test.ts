import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { KbVectorsRepo } from '../../../electron/db/kb-vectors.repo';
import { KbRepo } from '../../../electron/db/kb.repo';
import { KbSemantic, openEmbedder } from '../../../electron/services/kb-semantic';
import { KbService } from '../../../electron/services/kb.service';
import { useTempDirs } from '../helpers/temp-dir';
import { writeTinyModel } from '../../helpers/tiny-onnx';

// The optional semantic signal (issue 19, item 2), on a tiny ONNX model the test writes itself: each
// character's vector is its row of the table. 钱 and 款 point the same way, 费 does not: a model
// that "knows" 退钱 means 退款. Unmeasured on real models (none can be fetched here).
const tempDir = useTempDirs();
const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '退', '钱', '款', '费', '多', '久', '到', '账', '话', '充', '值', '的', '手', '续', '几', '天', '需', '要'];
// dimensions: 退 / money (钱 = 款) / fee / time; the special tokens are zero
const vector: Record<string, number[]> = { 退: [1, 0, 0, 0], 钱: [0, 1, 0, 0], 款: [0, 1, 0, 0], 费: [0, 0, 1, 0], 话: [0, 0, 1, 0], 充: [0, 0, 1, 0], 值: [0, 0, 1, 0], 的: [0, 0, 1, 0], 手: [0, 0, 1, 0], 续: [0, 0, 1, 0] };
const table = VOCAB.map((t) => (t.startsWith('[') ? [0, 0, 0, 0] : (vector[t] ?? [0, 0, 0, 1])));

function modelDir() {
  const dir = join(tempDir(), 'model-a');
  mkdirSync(dir);
  writeTinyModel(dir, VOCAB, table);
  return dir;
}

describe('semantic signal from a company model folder', () => {
  it('loads the folder, embeds a text as a unit vector (mean over its tokens), and names the model by its bytes', async () => {
    const embedder = await openEmbedder(modelDir());
    expect(embedder.model).toMatch(/^model-a:[0-9a-f]{12}$/);
    const a = await embedder.embed('退款');
    const b = await embedder.embed('退钱');
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(Array.from(a)).toEqual(Array.from(b)); // 钱 and 款 have the same row
    expect(Array.from(await embedder.embed('退费'))).not.toEqual(Array.from(a));
  });

  it('says what is wrong with a folder: missing files, a model that does not load, a model without the inputs', async () => {
    const empty = tempDir();
    await expect(openEmbedder(empty)).rejects.toThrow(/no model\.onnx/);
    writeFileSync(join(empty, 'model.onnx'), 'not a model');
    writeFileSync(join(empty, 'vocab.txt'), VOCAB.join('\n'));
    await expect(openEmbedder(empty)).rejects.toThrow(/model\.onnx does not load/);
  });

  it('embeds articles in the background, keeps them per model, drops an edited one, and the fusion lifts the article the model says is meant', async () => {
    const db = openDatabase({ path: join(tempDir(), 'kb.sqlite3') });
    const vectors = new KbVectorsRepo(db);
    const kb = new KbService(new KbRepo(db), { agent: () => 't', vectors });
    const dir = modelDir();
    const semantic = new KbSemantic(vectors, () => dir, () => {});
    const articles = [
      { id: 'refund', title: '退款需要多久到账', body: '' },
      { id: 'fee', title: '退钱的手续费', body: '' },
      { id: 'topup', title: '话费充值多久到账', body: '' },
    ];
    const file = join(tempDir(), 'a.jsonl');
    writeFileSync(file, articles.map((a) => JSON.stringify(a)).join('\n'));
    kb.importPath(file);
    expect(await semantic.fill()).toBe(3);
    const model = (await semantic.embedder())!.model;
    expect(vectors.count(model)).toBe(3);
    expect(await semantic.fill()).toBe(0); // nothing missing

    // lexically 退钱多久 is nearest 退钱的手续费 (it shares 退钱); the model knows 钱 is 款 and asks how long
    const q = '退钱多久';
    const lexical = kb.search(q, 3).map((h) => h.id);
    const fused = kb.search(q, 3, await semantic.query(q)).map((h) => h.id);
    expect(lexical[0]).toBe('fee');
    expect(fused[0]).toBe('refund');
    // a vector of another model is never compared
    expect(kb.search(q, 3, { model: 'other:000000000000', vector: new Float32Array(4) }).map((h) => h.id)).toEqual(lexical);

    // an edited article loses its vector and gets a new one
    writeFileSync(file, JSON.stringify({ ...articles[0], body: '审核后 1 到 3 个工作日' }));
    kb.importPath(file);
    expect(vectors.count(model)).toBe(2);
    expect(await semantic.fill()).toBe(1);
    db.close();
  });

  it('without a folder, or with a broken one (logged once), search stays lexical', async () => {
    const db = openDatabase({ path: join(tempDir(), 'kb.sqlite3') });
    const vectors = new KbVectorsRepo(db);
    expect(await new KbSemantic(vectors, () => null, () => {}).query('退款')).toBeNull();
    const log: string[] = [];
    const empty = tempDir();
    const broken = new KbSemantic(vectors, () => empty, (m) => log.push(m));
    expect(await broken.query('退款')).toBeNull();
    expect(await broken.query('退款')).toBeNull();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/semantic search off: .*no model\.onnx/);
    db.close();
  });
});
