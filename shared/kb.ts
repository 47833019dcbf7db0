/**
 * The knowledge base (知识库): articles agents answer from (R-KB-COMPLETE). An article outside its
 * publish window, or not yet valid, never reaches an agent (R-NO-UNRELEASED).
 */
import { z } from 'zod';

const Time = z.number().int().nonnegative();

export const ArticleIdSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,99}$/u, 'id: letters, digits, . _ : -, up to 100 characters');

/** One article as imported or edited. */
export const ArticleInputSchema = z
  .object({
    id: ArticleIdSchema,
    title: z.string().trim().min(1, 'title is empty').max(200),
    /** Markdown; rendered without HTML, scripts or remote images. */
    body: z.string().max(50_000),
    /** Category path, levels separated by "/" (账户/密码). */
    category: z.string().trim().max(100).default(''),
    tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
    /** Other ways customers ask the same thing (相似问). */
    similar: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    validFrom: Time.nullable().default(null),
    validUntil: Time.nullable().default(null),
    /** Internal-only: for agents' eyes, never to be sent to a customer. */
    internal: z.boolean().default(false),
  })
  .strict()
  .refine((a) => a.validFrom === null || a.validUntil === null || a.validFrom < a.validUntil, { message: 'validFrom must be before validUntil', path: ['validUntil'] });
export type ArticleInput = z.input<typeof ArticleInputSchema>;
export type ArticleData = z.output<typeof ArticleInputSchema>;

export interface Article extends ArticleData {
  readonly updatedBy: string;
  readonly updatedAt: number;
}

/** Published at `now`: inside its window (from inclusive, until exclusive). */
export const isPublished = (a: Pick<ArticleData, 'validFrom' | 'validUntil'>, now: number): boolean =>
  (a.validFrom === null || a.validFrom <= now) && (a.validUntil === null || now < a.validUntil);

export const KbSearchSchema = z
  .object({
    q: z.string().max(500),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();

/** A search result: snippet HTML is escaped text with <mark> around matched words, nothing else. */
export interface KbHit {
  readonly id: string;
  readonly title: string;
  readonly titleHtml: string;
  readonly snippetHtml: string;
  readonly category: string;
  readonly internal: boolean;
  readonly score: number;
}

/** Where an import line went wrong: nothing was changed. */
export interface ImportProblem {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface ImportSummary {
  readonly added: number;
  readonly updated: number;
  readonly total: number;
}

/** Synonym groups (editable): a query word also finds the other words of its group. */
export const SynonymsSchema = z.array(z.array(z.string().trim().min(1).max(20)).min(2).max(20)).max(2000);

/** Files chosen in the import dialog, sent whole (base64) to the main side: at most 50 MB in all. */
/**
 * A piece of one file of a staged import (kb.importBegin → kb.importChunk… → kb.importCommit): small
 * enough for any transport (the browser host caps a message at 1 MiB).
 */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
export const UploadIdSchema = z.string().uuid();
export const ImportChunkSchema = z
  .object({
    uploadId: UploadIdSchema,
    name: z.string().min(1).max(300),
    // base64 of at most IMPORT_CHUNK_BYTES bytes
    base64: z.string().max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4),
  })
  .strict();

/** A synonym group per line, words split by spaces or Chinese / Latin commas and enumeration marks. */
const SYNONYM_SEPARATORS = /[\s,，、;；]+/u;
const SYNONYM_WORD_MAX = 20;
const SYNONYM_GROUP_MAX = 20;
const SYNONYM_GROUPS_MAX = 2000;

export interface SynonymLineError {
  /** 1-based line of the text. */
  readonly line: number;
  readonly reason: 'one-word' | 'word-too-long' | 'too-many-words' | 'too-many-groups';
}

/** Parses the editable synonyms text; every problem is reported with its line, blank lines are skipped. */
export function parseSynonyms(text: string): { groups: string[][]; errors: SynonymLineError[] } {
  const groups: string[][] = [];
  const errors: SynonymLineError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const words = [...new Set(raw.normalize('NFKC').split(SYNONYM_SEPARATORS).filter(Boolean))];
    if (words.length === 0) return;
    const line = i + 1;
    if (words.length === 1) errors.push({ line, reason: 'one-word' });
    else if (words.length > SYNONYM_GROUP_MAX) errors.push({ line, reason: 'too-many-words' });
    else if (words.some((w) => w.length > SYNONYM_WORD_MAX)) errors.push({ line, reason: 'word-too-long' });
    else if (groups.length === SYNONYM_GROUPS_MAX) errors.push({ line, reason: 'too-many-groups' });
    else groups.push(words);
  });
  return { groups, errors };
}

/** The text {@link parseSynonyms} reads back to the same groups. */
export const formatSynonyms = (groups: readonly (readonly string[])[]): string => groups.map((g) => g.join('、')).join('\n');
