import { Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A small, safe Markdown renderer for article bodies: headings, paragraphs, lists, quotes, code,
 * **bold**, *italic*, `code` and links. Everything becomes React text nodes (no HTML is parsed, so
 * no script runs); images are never fetched (their alt text shows instead), and only http(s) and
 * mailto links are live.
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (!line.trim()) {
      i++;
    } else if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      i++;
      blocks.push(<pre key={blocks.length}>{body.join('\n')}</pre>);
    } else if (heading) {
      blocks.push(
        <Typography.Title key={blocks.length} level={Math.min(5, heading[1]!.length + 2) as 3 | 4 | 5}>
          {inline(heading[2]!)}
        </Typography.Title>,
      );
      i++;
    } else if (/^\s*([-*+]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*+]|\d+\.)\s+/.test(lines[i]!); i++) items.push(lines[i]!.replace(/^\s*([-*+]|\d+\.)\s+/, ''));
      const list = items.map((it, k) => <li key={k}>{inline(it)}</li>);
      blocks.push(ordered ? <ol key={blocks.length}>{list}</ol> : <ul key={blocks.length}>{list}</ul>);
    } else if (line.startsWith('>')) {
      const quote: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith('>'); i++) quote.push(lines[i]!.replace(/^>\s?/, ''));
      blocks.push(<blockquote key={blocks.length}>{inline(quote.join(' '))}</blockquote>);
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() && !/^(#{1,6}\s|```|>|\s*([-*+]|\d+\.)\s)/.test(lines[i]!); i++) para.push(lines[i]!);
      blocks.push(<Typography.Paragraph key={blocks.length}>{inline(para.join(' '))}</Typography.Paragraph>);
    }
  }
  return <div data-testid="article-body">{blocks}</div>;
}

const INLINE = /!\[([^\]]*)\]\(([^)\s]*)[^)]*\)|\[([^\]]+)\]\(([^)\s]*)[^)]*\)|\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`/g;

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = out.length;
    if (m[1] !== undefined) out.push(<span key={key} className="md-image-alt">[{m[1] || 'image'}]</span>);
    else if (m[3] !== undefined) {
      const href = m[4]!;
      out.push(
        /^(https?:|mailto:)/i.test(href) ? (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer">
            {m[3]}
          </a>
        ) : (
          <span key={key}>{m[3]}</span>
        ),
      );
    } else if (m[5] !== undefined) out.push(<strong key={key}>{m[5]}</strong>);
    else if (m[6] !== undefined) out.push(<em key={key}>{m[6]}</em>);
    else out.push(<code key={key}>{m[7]}</code>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
