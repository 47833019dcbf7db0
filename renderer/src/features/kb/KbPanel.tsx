import { Alert, Button, Card, Empty, Input, List, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_CHUNK_BYTES, type Article, type KbHit } from '../../../../shared/kb';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { Markdown } from './Markdown';
import { Marked } from './Marked';
import { SemanticModel } from './SemanticModel';
import { SynonymsEditor } from './SynonymsEditor';
import { toBase64 } from '../../platform/base64';

/** Search as you type: each keystroke searches, and only the newest answer is shown. */
export function useKbSearch(query: string, limit: number): { hits: KbHit[]; error: string | null } {
  const api = usePlatformApi();
  const [state, setState] = useState<{ hits: KbHit[]; error: string | null }>({ hits: [], error: null });
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    if (!query.trim()) return;
    void api.kb.search({ q: query, limit }).then((r) => {
      if (ticket === latest.current) setState(r.ok ? { hits: r.value, error: null } : { hits: [], error: r.error.message });
    });
  }, [api, query, limit]);
  return query.trim() ? state : { hits: [], error: null };
}

/** One article: its body rendered safely, link to the current visit, copy for a reply. */
export function ArticleActions({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const visitId = useAppStore((s) => s.currentVisitId);
  const visitsChanged = useAppStore((s) => s.visitsChanged);
  const [note, setNote] = useState<string | null>(null);
  const link = async () => {
    if (visitId === null) return;
    const r = await api.visits.linkArticle({ visitId, articleId: id, title });
    setNote(r.ok ? t('kb.linked') : r.error.message);
    if (r.ok) visitsChanged();
  };
  return (
    <Space>
      <Tooltip title={visitId === null ? t('kb.noVisit') : ''}>
        <Button size="small" data-kb-link disabled={visitId === null} onClick={() => void link()}>
          {t('kb.link')}
        </Button>
      </Tooltip>
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Space>
  );
}

function ArticleView({ article, onClose }: { article: Article; onClose: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(article.body);
    setCopied(true);
  };
  return (
    <Card
      size="small"
      data-testid="kb-article"
      title={article.title}
      extra={
        <Space>
          <ArticleActions id={article.id} title={article.title} />
          <Button size="small" disabled={article.internal} onClick={() => void copy()}>
            {copied ? t('kb.copied') : t('kb.copy')}
          </Button>
          <Button size="small" onClick={onClose}>
            {t('kb.back')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        {article.category && <Tag>{article.category}</Tag>}
        {article.internal && <Tag color="error">{t('kb.internal')}</Tag>}
        {article.tags.map((tag) => (
          <Tag key={tag} color="processing">
            {tag}
          </Tag>
        ))}
      </Space>
      <Markdown text={article.body} />
      {article.similar.length > 0 && <Typography.Text type="secondary">{t('kb.similar', { list: article.similar.join('；') })}</Typography.Text>}
    </Card>
  );
}


/**
 * Sends the chosen files in pieces (a progress bar by bytes sent), then imports them in one
 * all-or-nothing step on the main side; a failed piece cancels the upload and says why.
 */
function ImportButton() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ percent: number; label: string } | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (files: File[]) => {
    setResult(null);
    const total = files.reduce((n, f) => n + f.size, 0) || 1;
    const begun = await api.kb.importBegin();
    if (!begun.ok) return setResult({ ok: false, text: begun.error.message });
    const { uploadId } = begun.value;
    let sent = 0;
    for (const f of files) {
      const name = f.webkitRelativePath || f.name;
      // an empty file still sends one (empty) piece, so it is imported and reported like any other
      for (let i = 0; i < Math.max(1, Math.ceil(f.size / IMPORT_CHUNK_BYTES)); i++) {
        setProgress({ percent: Math.round((sent / total) * 95), label: t('kb.import.sending', { name, percent: Math.round((sent / total) * 100) }) });
        const bytes = new Uint8Array(await f.slice(i * IMPORT_CHUNK_BYTES, (i + 1) * IMPORT_CHUNK_BYTES).arrayBuffer());
        const piece = await api.kb.importChunk({ uploadId, name, base64: toBase64(bytes) });
        if (!piece.ok) {
          void api.kb.importAbort({ uploadId });
          setProgress(null);
          return setResult({ ok: false, text: piece.error.message });
        }
        sent += bytes.length;
      }
    }
    setProgress({ percent: 97, label: t('kb.import.saving') });
    const r = await api.kb.importCommit({ uploadId });
    setProgress(null);
    setResult(r.ok ? { ok: true, text: t('kb.import.done', { ...r.value }) } : { ok: false, text: r.error.message });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => input.current?.click()}>{t('kb.import.button')}</Button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".md,.jsonl,.json,.csv"
        aria-label={t('kb.import.button')}
        style={{ display: 'none' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void run(files);
        }}
      />
      {progress && <Progress aria-label={progress.label} percent={progress.percent} size="small" status="active" format={() => progress.label} />}
      {result && <Alert type={result.ok ? 'success' : 'error'} showIcon data-testid="kb-import-result" title={<span style={{ whiteSpace: 'pre-wrap' }}>{result.text}</span>} />}
    </Space>
  );
}

/** The knowledge-base tab: search as you type (Ctrl+K focuses it), open an article, import. */
export function KbPanel() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const [query, setQuery] = useState('');
  const { hits, error } = useKbSearch(query, 20);
  const [article, setArticle] = useState<Article | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const open = async (id: string) => {
    const r = await api.kb.get({ id });
    if (r.ok) setArticle(r.value);
    setOpenError(r.ok ? null : r.error.message);
  };
  if (article) return <ArticleView article={article} onClose={() => setArticle(null)} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search id="kb-search" allowClear aria-label={t('kb.search')} placeholder={t('kb.searchHint')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {(error || openError) && <Alert type="error" showIcon title={error ?? openError} />}
      {query.trim() && hits.length === 0 && !error && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.noHits')} />}
      <List
        size="small"
        dataSource={hits}
        renderItem={(h) => (
          <List.Item key={h.id} data-testid="kb-hit" actions={[<ArticleActions key="link" id={h.id} title={h.title} />]}>
            <List.Item.Meta
              title={
                <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => void open(h.id)}>
                  <span>
                    <Marked html={h.titleHtml} />
                  </span>
                  {h.internal && <Tag color="error">{t('kb.internal')}</Tag>}
                </Button>
              }
              description={<Marked html={h.snippetHtml} />}
            />
          </List.Item>
        )}
      />
      <Space align="start">
        <ImportButton />
        <SynonymsEditor />
      </Space>
      <SemanticModel />
    </Space>
  );
}
