/**
 * A tiny sentence-embedding model in ONNX, written byte by byte (protobuf) for the tests of the
 * semantic signal (issue 19, item 2): no model can be downloaded here. The graph is one Gather: each
 * token id picks its row of `table` (the "last_hidden_state", [1, n, dim]); attention_mask is an
 * input as in BERT-style models, for the app's mean pooling. With a vocab.txt beside it, it is a
 * model folder as a company would configure one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const varint = (n: number | bigint): number[] => {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
};
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, n: number) => [...key(field, 0), ...varint(n)];
const bytes = (field: number, data: Uint8Array | number[]) => [...key(field, 2), ...varint(data.length), ...data];
const str = (field: number, s: string) => bytes(field, [...Buffer.from(s, 'utf8')]);
const msg = (field: number, parts: number[]) => bytes(field, parts);

const FLOAT = 1;
const INT64 = 7;
/** ValueInfoProto: a tensor of `elem` with dims (numbers fixed, strings symbolic). */
const valueInfo = (field: number, name: string, elem: number, dims: readonly (number | string)[]) =>
  msg(field, [...str(1, name), ...msg(2, msg(1, [...int(1, elem), ...msg(2, dims.flatMap((d) => msg(1, typeof d === 'number' ? int(1, d) : str(2, d))))]))]);

/** Writes `dir/model.onnx` and `dir/vocab.txt`; `table[i]` is the vector of the i-th vocab entry. */
export function writeTinyModel(dir: string, vocab: readonly string[], table: readonly (readonly number[])[]): void {
  const dim = table[0]!.length;
  const raw = new Uint8Array(new Float32Array(table.flat()).buffer);
  const initializer = msg(5, [...int(1, vocab.length), ...int(1, dim), ...int(2, FLOAT), ...str(8, 'embeddings'), ...bytes(9, raw)]);
  const node = msg(1, [...str(1, 'embeddings'), ...str(1, 'input_ids'), ...str(2, 'last_hidden_state'), ...str(3, 'lookup'), ...str(4, 'Gather')]);
  const graph = msg(7, [
    ...node,
    ...str(2, 'tiny'),
    ...initializer,
    ...valueInfo(11, 'input_ids', INT64, [1, 'n']),
    ...valueInfo(11, 'attention_mask', INT64, [1, 'n']),
    ...valueInfo(12, 'last_hidden_state', FLOAT, [1, 'n', dim]),
  ]);
  const model = [...int(1, 8), ...str(2, 'zuoxi-test'), ...graph, ...msg(8, [...str(1, ''), ...int(2, 13)])];
  writeFileSync(join(dir, 'model.onnx'), new Uint8Array(model));
  writeFileSync(join(dir, 'vocab.txt'), `${vocab.join('\n')}\n`);
}
