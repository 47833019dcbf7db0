/**
 * The knowledge base's optional semantic signal (issue 19, item 2): where a company provides a
 * sentence-embedding model, articles are embedded after each import and the query at each search,
 * and the cosine order of the candidates joins the ranker's fusion (shared/kb-rank.ts).
 *
 * A model folder (settings `kbModelDir`, set by the admin) holds `model.onnx` (BERT-style inputs
 * `input_ids`, `attention_mask`, optionally `token_type_ids`; output `sentence_embedding`, else the
 * first output mean-pooled over the mask) and its `vocab.txt` (WordPiece). onnxruntime-node is an
 * optional dependency, loaded only when a folder is set. No model ships with Zuoxi, and none has been
 * measured here: the tests use a tiny model they write themselves.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError, ErrorCode } from '../../shared/result.js';
import { WordPiece } from '../../shared/wordpiece.js';
import type { KbVectorsRepo } from '../db/kb-vectors.repo.js';

/** Tokens per text: a title, its similar questions and the start of the body. */
export const MAX_TOKENS = 256;
/** Articles embedded per turn of the background fill (the event loop runs in between). */
const BATCH = 16;

export interface SemanticStatus {
  readonly dir: string | null;
  readonly model: string | null;
  readonly error: string | null;
  readonly embedded: number;
  readonly articles: number;
}

export interface Embedder {
  /** The model's identity: folder name and the first bytes of its hash (vectors of one model are never compared with another's). */
  readonly model: string;
  /** A unit-length sentence embedding. */
  embed(text: string): Promise<Float32Array>;
}

/** The part of onnxruntime-node used here (an optional dependency: typed locally, so the build does not need it). */
interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}
interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
}
interface Ort {
  readonly InferenceSession: { create(model: Uint8Array): Promise<OrtSession> };
  readonly Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => OrtTensor;
}
const ORT_MODULE = 'onnxruntime-node';

/** Opens a model folder; a clear error names what is missing (the folder, a file, the runtime, an input). */
export async function openEmbedder(dir: string): Promise<Embedder> {
  const modelFile = join(dir, 'model.onnx');
  const vocabFile = join(dir, 'vocab.txt');
  for (const file of [modelFile, vocabFile]) if (!existsSync(file)) throw new AppError(ErrorCode.BadArguments, `semantic model folder ${dir}: no ${basename(file)}`);
  let ort: Ort;
  try {
    ort = (await import(ORT_MODULE)) as Ort;
  } catch (e) {
    throw new AppError(ErrorCode.Unavailable, `onnxruntime-node is not installed (npm install onnxruntime-node): ${(e as Error).message}`);
  }
  const bytes = readFileSync(modelFile);
  const tokenizer = new WordPiece(readFileSync(vocabFile, 'utf8').replace(/\r?\n$/, '').split(/\r?\n/));
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(bytes);
  } catch (e) {
    throw new AppError(ErrorCode.BadArguments, `semantic model folder ${dir}: model.onnx does not load: ${(e as Error).message}`);
  }
  for (const input of ['input_ids', 'attention_mask']) if (!session.inputNames.includes(input)) throw new AppError(ErrorCode.BadArguments, `semantic model folder ${dir}: model.onnx has no input ${input}`);
  const output = session.outputNames.includes('sentence_embedding') ? 'sentence_embedding' : session.outputNames[0]!;
  const model = `${basename(dir)}:${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
  return {
    model,
    async embed(text) {
      const ids = tokenizer.encode(text, MAX_TOKENS);
      const shape = [1, ids.length];
      const feeds: Record<string, OrtTensor> = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), shape),
        attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), shape),
      };
      if (session.inputNames.includes('token_type_ids')) feeds['token_type_ids'] = new ort.Tensor('int64', new BigInt64Array(ids.length), shape);
      const out = (await session.run(feeds))[output]!;
      const data = out.data as Float32Array;
      // [1, dim] is already a sentence; [1, n, dim] is mean-pooled over the tokens (all attended)
      const dim = out.dims.at(-1)!;
      const vector = new Float32Array(dim);
      const rows = data.length / dim;
      for (let r = 0; r < rows; r++) for (let d = 0; d < dim; d++) vector[d]! += data[r * dim + d]! / rows;
      return unit(vector);
    },
  };
}

const unit = (v: Float32Array): Float32Array => {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
};

/** Cosine of two unit vectors. */
export const cosine = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length && i < b.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * The semantic signal as the app runs it: the embedder of the configured folder (opened once, again
 * when the folder changes), the background fill of missing article vectors, and the query vector.
 * Without a folder everything is null and search is lexical only; a folder that fails is logged
 * once and search stays lexical.
 */
export class KbSemantic {
  private opened: { dir: string; embedder: Promise<Embedder | null>; error: string | null } | undefined;
  private filling: Promise<number> | undefined;

  constructor(
    private readonly vectors: KbVectorsRepo,
    private readonly folder: () => string | null,
    private readonly log: (message: string) => void,
  ) {}

  /** The embedder of the configured folder, or null (none set, or it failed: logged). */
  embedder(): Promise<Embedder | null> {
    const dir = this.folder();
    if (!dir) return Promise.resolve(null);
    if (this.opened?.dir !== dir) {
      const opened: NonNullable<KbSemantic['opened']> = { dir, error: null, embedder: Promise.resolve(null) };
      opened.embedder = openEmbedder(dir).catch((e: unknown) => {
        opened.error = (e as Error).message;
        this.log(`semantic search off: ${opened.error}`);
        return null;
      });
      this.opened = opened;
    }
    return this.opened.embedder;
  }

  /** What the 知识库 tab shows: the folder, the model in use or why there is none, and how many articles have a vector of it. */
  async status(articles: number): Promise<SemanticStatus> {
    const embedder = await this.embedder();
    return { dir: this.folder(), model: embedder?.model ?? null, error: this.opened?.error ?? null, embedded: embedder ? this.vectors.count(embedder.model) : 0, articles };
  }

  /** The query's vector with its model, or null when there is no working model. */
  async query(text: string): Promise<{ model: string; vector: Float32Array } | null> {
    const embedder = await this.embedder();
    return embedder ? { model: embedder.model, vector: await embedder.embed(text) } : null;
  }

  /** Embeds every article that has no vector of the current model, a batch per turn; resolves with how many. */
  fill(): Promise<number> {
    this.filling ??= this.run().finally(() => (this.filling = undefined));
    return this.filling;
  }

  private async run(): Promise<number> {
    const embedder = await this.embedder();
    if (!embedder) return 0;
    let done = 0;
    for (let batch = this.vectors.missing(embedder.model, BATCH); batch.length > 0; batch = this.vectors.missing(embedder.model, BATCH)) {
      for (const a of batch) this.vectors.put(a.rid, embedder.model, await embedder.embed(a.text));
      done += batch.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return done;
  }
}
