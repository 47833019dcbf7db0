import { Card, List, Typography } from 'antd';
import { useDeferredValue, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { useGlobalShortcuts } from '../shell/shortcuts';
import { ArticleActions, useKbSearch } from './KbPanel';
import { Marked } from './Marked';

/** Alt+L: to the first suggestion's 关联 button (Tab on to the others, Enter links). */
export const LINK_SUGGESTION_SHORTCUT = 'Alt+L';

/** The top articles for what the agent is recording about the customer's demand, one click to link (`framed`: as a card of its own). */
export function KbSuggestions({ text, framed = false }: { text: string; framed?: boolean }) {
  const { t } = useTranslation();
  const { hits } = useKbSearch(useDeferredValue(text), 3);
  const list = useRef<HTMLElement>(null);
  useGlobalShortcuts(
    useMemo(() => [{ combo: LINK_SUGGESTION_SHORTCUT, run: () => list.current?.querySelector<HTMLElement>('[data-kb-link]')?.focus(), shownWith: list }], []),
  );
  if (hits.length === 0) return null;
  const title = (
    <>
      {t('kb.suggestions')} <kbd>{LINK_SUGGESTION_SHORTCUT}</kbd>
    </>
  );
  const items = (
    <List
        size="small"
        dataSource={hits}
        renderItem={(h) => (
          <List.Item key={h.id} actions={[<ArticleActions key="link" id={h.id} title={h.title} />]}>
            <List.Item.Meta title={<Marked html={h.titleHtml} />} description={<Marked html={h.snippetHtml} />} />
          </List.Item>
        )}
      />
  );
  return (
    <section ref={list} data-testid="kb-suggestions" aria-label={t('kb.suggestions')}>
      {framed ? (
        <Card size="small" title={title}>
          {items}
        </Card>
      ) : (
        <>
          <Typography.Text strong>{title}</Typography.Text>
          {items}
        </>
      )}
    </section>
  );
}

/** The desk's suggestions: for what the agent is writing in the current visit's description. */
export function DeskSuggestions() {
  const text = useAppStore((s) => (s.currentDescription?.visitId === s.currentVisitId ? s.currentDescription.text : ''));
  return <KbSuggestions text={text} framed />;
}
