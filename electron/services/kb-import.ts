/**
 * Reads knowledge articles from files: a folder of Markdown files (front matter for metadata), JSON
 * Lines, or CSV (UTF-8, with or without BOM, or GB18030). Every record is validated; the first
 * problems come back with file, line and reason, and the caller imports nothing.
 *
 * Conventions shared by the formats: `similar` may also be given as a body that begins with a
 * "相似问：a；b" line (common in exported Chinese knowledge bases); dates are YYYY-MM-DD (local
 * midnight) or epoch milliseconds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { ArticleInputSchema, type ArticleData, type ImportProblem } from '../../shared/kb.js';

export interface ParsedArticles {
  readonly articles: ArticleData[];
  readonly problems: ImportProblem[];
}

const MAX_PROBLEMS = 20;

/** Decodes UTF-8 (BOM stripped); bytes that are not UTF-8 are read as GB18030. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A file to import: its name (relative path) and bytes. */
export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Every article under a path: a file (.jsonl, .json, .csv, .md) or a folder of them, recursively. */
export function readArticles(path: string): ParsedArticles {
  const isDir = statSync(path).isDirectory();
  const files = (isDir ? walk(path) : [path]).map((f) => ({ name: isDir ? relative(path, f) : basename(f), bytes: readFileSync(f) }));
  if (files.length === 0) return { articles: [], problems: [{ file: basename(path), line: 0, reason: 'no .md, .jsonl, .json or .csv files' }] };
  return parseArticles(files);
}

/** Parses and validates articles from files; ids must be unique across them. */
export function parseArticles(files: readonly ImportFile[]): ParsedArticles {
  const articles: ArticleData[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, string>();
  for (const { name, bytes } of files) {
    const ext = extname(name).toLowerCase();
    if (!SUPPORTED.test(name)) {
      problems.push({ file: name, line: 0, reason: 'not a .md, .jsonl, .json or .csv file' });
      continue;
    }
    for (const r of parseFile(ext, decodeText(bytes), basename(name, ext))) {
      if (problems.length >= MAX_PROBLEMS) break;
      if ('reason' in r) {
        problems.push({ file: name, line: r.line, reason: r.reason });
        continue;
      }
      const parsed = ArticleInputSchema.safeParse(normalise(r.record));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        problems.push({ file: name, line: r.line, reason: `${issue.path.join('.') || 'record'}: ${issue.message}` });
        continue;
      }
      const before = seen.get(parsed.data.id);
      if (before) {
        problems.push({ file: name, line: r.line, reason: `id ${parsed.data.id} already used at ${before}` });
        continue;
      }
      seen.set(parsed.data.id, `${name}:${r.line}`);
      articles.push(parsed.data);
    }
  }
  return { articles, problems };
}

const SUPPORTED = /\.(md|jsonl|json|csv)$/i;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : SUPPORTED.test(e.name) ? [join(dir, e.name)] : []));
}

type Parsed = { line: number; record: Record<string, unknown> } | { line: number; reason: string };

function parseFile(ext: string, text: string, stem: string): Parsed[] {
  if (ext === '.md') return [parseMarkdown(text, stem)];
  if (ext === '.csv') return parseCsvRecords(text);
  return text.split(/\r?\n/).flatMap((raw, i): Parsed[] => {
    const line = raw.trim();
    if (!line) return [];
    try {
      const record = JSON.parse(line) as unknown;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) return [{ line: i + 1, reason: 'not a JSON object' }];
      return [{ line: i + 1, record: record as Record<string, unknown> }];
    } catch (e) {
      return [{ line: i + 1, reason: `bad JSON: ${(e as Error).message}` }];
    }
  });
}

/** Field names as people write them in front matter and CSV headers. */
const ALIASES: Record<string, string> = {
  valid_from: 'validFrom',
  valid_until: 'validUntil',
  similar_questions: 'similar',
  相似问: 'similar',
  标题: 'title',
  正文: 'body',
  分类: 'category',
  标签: 'tags',
};

function normalise(raw: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) r[ALIASES[k] ?? k] = v;
  if (typeof r['id'] === 'number') r['id'] = String(r['id']);
  for (const key of ['tags', 'similar']) if (typeof r[key] === 'string') r[key] = splitList(r[key]);
  for (const key of ['validFrom', 'validUntil']) r[key] = toTime(r[key]);
  if (typeof r['internal'] === 'string') r['internal'] = /^(true|yes|1|是)$/i.test(r['internal'].trim());
  if (typeof r['body'] === 'string') {
    const m = /^相似问[：:]\s*(.*)(?:\r?\n([\s\S]*))?$/.exec(r['body']);
    if (m) {
      r['similar'] = [...((r['similar'] as string[] | undefined) ?? []), ...splitList(m[1]!)];
      r['body'] = (m[2] ?? '').trim();
    }
  }
  r['body'] ??= '';
  return r;
}

const splitList = (s: string) =>
  s
    .split(/[；;|\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function toTime(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return new Date(`${v.trim()}T00:00:00`).getTime();
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return v;
}

/** `---` front matter of `key: value` / `key: [a, b]` / `- item` lines, then the Markdown body. */
function parseMarkdown(text: string, stem: string): Parsed {
  const record: Record<string, unknown> = { id: stem };
  let body = text.replace(/^\uFEFF/, '');
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(body);
  if (fm) {
    const lines = fm[1]!.split(/\r?\n/);
    let listKey: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const item = /^\s+-\s+(.*)$|^-\s+(.*)$/.exec(line);
      if (item && listKey) {
        (record[listKey] as string[]).push(unquote(item[1] ?? item[2]!));
        continue;
      }
      const kv = /^([\p{L}_][\p{L}\p{N}_]*)\s*:\s*(.*)$/u.exec(line);
      if (!kv) return { line: i + 2, reason: `front matter: cannot read "${line.trim()}"` };
      const [, key, value] = kv as unknown as [string, string, string];
      listKey = undefined;
      if (value === '') {
        record[key] = [];
        listKey = key;
      } else if (/^\[.*\]$/.test(value)) record[key] = value.slice(1, -1).split(',').map(unquote).filter(Boolean);
      else record[key] = /^(true|false)$/.test(value) ? value === 'true' : unquote(value);
    }
    body = body.slice(fm[0].length);
  }
  if (record['title'] === undefined) {
    const h = /^#\s+(.+)$/m.exec(body);
    if (h) record['title'] = h[1]!.trim();
  }
  record['body'] = body.trim();
  return { line: 1, record };
}

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');

/** RFC 4180 CSV with a header row; each record reports the line it starts on. */
function parseCsvRecords(text: string): Parsed[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (!header) return [];
  const out: Parsed[] = [];
  for (const { line, cells } of rows) {
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== header.cells.length) {
      out.push({ line, reason: `${cells.length} columns, the header has ${header.cells.length}` });
      continue;
    }
    out.push({ line, record: Object.fromEntries(header.cells.map((h, i) => [h.trim(), cells[i]!])) });
  }
  return out;
}

export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  return rows;
}
