import { List, Typography } from 'antd';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleActions, useKbSearch } from './KbPanel';
import { Marked } from './Marked';

/** The top articles for what the agent is recording about the customer's demand, one click to link. */
export function KbSuggestions({ text }: { text: string }) {
  const { t } = useTranslation();
  const { hits } = useKbSearch(useDeferredValue(text), 3);
  if (hits.length === 0) return null;
  return (
    <section data-testid="kb-suggestions">
      <Typography.Text strong>{t('kb.suggestions')}</Typography.Text>
      <List
        size="small"
        dataSource={hits}
        renderItem={(h) => (
          <List.Item key={h.id} actions={[<ArticleActions key="link" id={h.id} title={h.title} />]}>
            <List.Item.Meta title={<Marked html={h.titleHtml} />} description={<Marked html={h.snippetHtml} />} />
          </List.Item>
        )}
      />
    </section>
  );
}
