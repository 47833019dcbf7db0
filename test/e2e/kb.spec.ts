import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeTinyModel } from '../helpers/tiny-onnx';
import { CLI_BUNDLE, expect, openDesk, test, zuoxiCli } from './harness';

const DAY = 86_400_000;
const jsonl = (...rows: object[]) => Buffer.from(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));

test.describe('knowledge base in the desk', () => {
  test('an import with a bad line changes nothing and says where; a good one is searchable as you type', async ({ page, host, pageErrors }) => {
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '知识库' }).click();
    const chooser = page.getByLabel('导入文章（Markdown / JSONL / CSV）');

    await chooser.setInputFiles([{ name: 'bad.jsonl', mimeType: 'application/json', buffer: jsonl({ id: 'r-1', title: '退款多久到账', body: '1-3 个工作日' }, { id: 'r-2', title: '' }) }]);
    await expect(page.getByTestId('kb-import-result')).toContainText('bad.jsonl:2: title: title is empty');
    expect(zuoxiCli('kb', 'search', '退款', '--data-dir', host.dataDir).stdout.trim()).toBe('');

    await chooser.setInputFiles([
      {
        name: 'kb.jsonl',
        mimeType: 'application/json',
        buffer: jsonl(
          { id: 'r-1', title: '退款多久到账', body: '审核通过后 **1 到 3 个工作日**原路退回。', category: '订单/退款', similar: ['退钱几天到'] },
          { id: 'promo-next', title: '下月退款优惠活动', body: '未上线', validFrom: Date.now() + 30 * DAY },
        ),
      },
      { name: 'pw.md', mimeType: 'text/markdown', buffer: Buffer.from('---\nid: pw-1\ncategory: 账户\n---\n# 忘记密码怎么办\n\n<script>document.title = "pwned"</script>\n\n1. 打开登录页\n2. 点击忘记密码\n') },
    ]);
    await expect(page.getByTestId('kb-import-result')).toContainText('新增 3 篇');

    const search = page.getByLabel('搜索知识库');
    await search.pressSequentially('退款', { delay: 30 });
    const hits = page.getByTestId('kb-hit');
    await expect(hits).toHaveCount(1); // the article not yet published never shows
    await expect(hits.first().locator('mark').first()).toHaveText('退款');

    await search.fill('');
    await page.keyboard.press('Control+K');
    await expect(search).toBeFocused();
    await search.pressSequentially('密码忘了', { delay: 30 });
    await hits.first().getByRole('button', { name: /忘记密码怎么办/ }).click();
    const article = page.getByTestId('kb-article');
    await expect(article.getByRole('heading', { name: '忘记密码怎么办' })).toBeVisible();
    await expect(article.locator('ol > li')).toHaveCount(2);
    await expect(article).toContainText('<script>');
    expect(await page.title()).not.toBe('pwned');

    // synonyms are edited in the desk: a bad line is named and nothing is saved; a good list widens search
    await article.getByRole('button', { name: '返回' }).click();
    await search.fill('赔付');
    await expect(page.getByText('没有找到相关文章')).toBeVisible();
    await page.getByRole('button', { name: '同义词' }).click();
    const editor = page.getByRole('textbox', { name: /同义词/ });
    await expect(editor).toHaveValue(/密码、口令/); // the defaults
    await editor.press('Control+End');
    await editor.pressSequentially('\n赔付');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('synonyms-result')).toContainText(/第 \d+ 行：一组至少要有两个词/);
    await editor.pressSequentially(' 退款');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('synonyms-result')).toContainText('已保存');
    await page.keyboard.press('Escape');
    await search.fill('');
    await search.pressSequentially('赔付', { delay: 30 });
    await expect(hits.first()).toContainText('退款多久到账');
    expect(pageErrors).toEqual([]);

    // the CLI reads the same knowledge base; batch mode answers one JSON line per query
    const cli = JSON.parse(zuoxiCli('kb', 'search', '退款要几天', '--json', '--data-dir', host.dataDir).stdout) as { id: string }[];
    expect(cli[0]?.id).toBe('r-1');
    const batch = spawnSync(process.execPath, [CLI_BUNDLE, 'kb', 'search', '--batch', '--data-dir', host.dataDir], { input: '退款\n忘记密码\n', encoding: 'utf8' });
    expect(batch.stdout.trim().split('\n').map((l) => (JSON.parse(l) as string[])[0])).toEqual(['r-1', 'pw-1']);
    const exported = join(host.dataDir, 'kb-export.jsonl');
    expect(zuoxiCli('kb', 'export', '--out', exported, '--data-dir', host.dataDir).status).toBe(0);
    expect(readFileSync(exported, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['promo-next', 'pw-1', 'r-1']);
  });

  test("a company's semantic model: the admin sets its folder, the desk says what is wrong with a bad one, and a good one embeds every article", async ({ page, host, pageErrors }) => {
    // the tiny model of the unit tests (no real model can be fetched here); how its ranks join the
    // fusion is shown there (test/unit/electron/kb-semantic.test.ts)
    const dir = join(host.dataDir, '..', 'model-e2e');
    mkdirSync(dir, { recursive: true });
    const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '退', '款', '币', '多', '久'];
    writeTinyModel(dir, vocab, vocab.map((t, i) => (t.startsWith('[') ? [0, 0, 0] : [i % 3, (i + 1) % 3, 1])));
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '知识库' }).click();
    await page.getByLabel('导入文章（Markdown / JSONL / CSV）').setInputFiles([
      { name: 'kb.jsonl', mimeType: 'application/json', buffer: jsonl({ id: 'refund', title: '退款需要多久到账', body: '' }, { id: 'fee', title: '退币的手续费', body: '' }) },
    ]);
    await expect(page.getByTestId('kb-import-result')).toContainText('新增 2 篇');

    // a folder that is not a model says why, and search stays lexical
    const folder = page.getByLabel('语义模型文件夹（可选，管理员配置）');
    await folder.fill(host.dataDir);
    await page.getByRole('button', { name: '应用模型文件夹' }).click();
    await expect(page.getByTestId('semantic-model')).toContainText('no model.onnx');
    await folder.fill(dir);
    await page.getByRole('button', { name: '应用模型文件夹' }).click();
    await expect(page.getByTestId('semantic-status')).toHaveAttribute('data-embedded', '2');
    await expect(page.getByTestId('semantic-status')).toContainText('已处理 2 / 2 篇');
    // searching now embeds the query on the main side too
    await page.getByLabel('搜索知识库').fill('退币多久');
    await expect(page.getByTestId('kb-hit')).toHaveCount(2);
    // an article added later is embedded after its import
    await page.getByLabel('导入文章（Markdown / JSONL / CSV）').setInputFiles([{ name: 'more.jsonl', mimeType: 'application/json', buffer: jsonl({ id: 'more', title: '退币多久', body: '' }) }]);
    await expect(page.getByTestId('kb-import-result')).toContainText('新增 1 篇');
    await expect(page.getByTestId('semantic-status')).toHaveAttribute('data-embedded', '3');
    expect(pageErrors).toEqual([]);
  });

  test('a 10 MB import goes through the browser host in pieces with a progress bar, as one all-or-nothing import', async ({ page, host, pageErrors }) => {
    test.setTimeout(90_000);
    await openDesk(page, host.url);
    await page.getByRole('tab', { name: '知识库' }).click();
    // 10,000 articles of about 1 KB: twenty times the 512 KB piece, ten times the host's 1 MiB message cap
    const body = '宽带故障请先重启光猫，再检查网线是否松动；仍无法上网请拨打热线报修，工程师会在二十四小时内上门处理。'.repeat(7);
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: `big-${i}`, title: `第 ${i} 号宽带问题`, body: `${body}（编号 ${i}，宽带报修）`, category: '宽带' }));
    const big = jsonl(...rows);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    await page.getByLabel('导入文章（Markdown / JSONL / CSV）').setInputFiles([{ name: 'big.jsonl', mimeType: 'application/json', buffer: big }]);
    // the bar moves by bytes sent (seen at least once between 0 and 100 %)
    await expect(page.locator('.ant-progress')).toContainText(/发送 big\.jsonl… [1-9][0-9]?%/);
    await expect(page.getByTestId('kb-import-result')).toContainText('新增 10000 篇', { timeout: 60_000 });
    expect(JSON.parse(zuoxiCli('kb', 'search', '第 9999 号宽带问题', '--json', '--data-dir', host.dataDir).stdout)[0]?.id).toBe('big-9999');
    expect(pageErrors).toEqual([]);
  });
});
