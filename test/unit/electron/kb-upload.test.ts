import { describe, expect, it } from 'vitest';
import { KbUploads, UPLOAD_MAX_BYTES } from '../../../electron/services/kb-upload';

describe('knowledge-base uploads in chunks', () => {
  it("joins each file's pieces in order, and forgets the upload once taken", () => {
    const uploads = new KbUploads();
    const id = uploads.begin();
    uploads.chunk(id, 'a.jsonl', Buffer.from('{"id":"a",'));
    uploads.chunk(id, 'b.md', Buffer.from('# 标题'));
    expect(uploads.chunk(id, 'a.jsonl', Buffer.from('"title":"甲"}\n'))).toEqual({ received: Buffer.byteLength('{"id":"a",# 标题"title":"甲"}\n') });
    expect(uploads.take(id).map((f) => [f.name, Buffer.from(f.bytes).toString('utf8')])).toEqual([
      ['a.jsonl', '{"id":"a","title":"甲"}\n'],
      ['b.md', '# 标题'],
    ]);
    expect(() => uploads.take(id)).toThrow(/expired or was cancelled/);
  });

  it('refuses more than 50 MB in all, and drops an abandoned upload after 30 minutes', () => {
    let now = 0;
    const uploads = new KbUploads(() => now);
    const big = uploads.begin();
    const piece = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < UPLOAD_MAX_BYTES / piece.length; i++) uploads.chunk(big, 'big.jsonl', piece);
    expect(() => uploads.chunk(big, 'big.jsonl', Buffer.alloc(1))).toThrow(/larger than 50 MB/);
    const idle = uploads.begin();
    now += 31 * 60_000;
    expect(() => uploads.chunk(idle, 'x.md', Buffer.from('x'))).toThrow(/expired/);
  });
});
