import { Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbHit } from '../../../../shared/kb';
import { fillPhrase } from '../../../../shared/phrases';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { useAgentId } from '../phrases';

/**
 * The same help as on calls (issue 18, item 5): a standard phrase of the online channel, or what a
 * knowledge article says, put into the reply at the cursor. Internal-only articles are not offered,
 * and the main side refuses their text (kb.customerText) as it refuses unpublished ones.
 */
export function ReplyInserts({ onInsert, onError }: { onInsert: (text: string) => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const library = useAppStore((s) => s.phraseLibrary);
  const company = useAppStore((s) => s.settings?.companyName);
  const agentId = useAgentId();
  const phrases = useMemo(
    () => (library?.phrases ?? []).filter((p) => p.channels.includes('online')).flatMap((p) => p.say.map((say, i) => ({ value: `${p.id}#${i}`, label: `${p.situation}：${say}`, say }))),
    [library],
  );
  const [hits, setHits] = useState<readonly KbHit[]>([]);
  const search = (q: string) => {
    if (!q.trim()) return setHits([]);
    void api.kb.search({ q, limit: 8 }).then((r) => r.ok && setHits(r.value.filter((h) => !h.internal)));
  };
  return (
    <Space wrap size={4}>
      <Select
        aria-label={t('chat.insertPhrase')}
        placeholder={t('chat.insertPhrase')}
        size="small"
        style={{ width: 220 }}
        showSearch={{ optionFilterProp: 'label' }}
        value={null}
        options={phrases}
        onChange={(value: string) => {
          const say = phrases.find((p) => p.value === value)?.say;
          if (say) onInsert(fillPhrase(say, { company, agentId }).text);
        }}
      />
      <Select
        aria-label={t('chat.insertArticle')}
        placeholder={t('chat.insertArticle')}
        size="small"
        style={{ width: 220 }}
        showSearch={{ filterOption: false, onSearch: search }}
        value={null}
        options={hits.map((h) => ({ value: h.id, label: h.title }))}
        notFoundContent={null}
        onChange={(id: string) =>
          void api.kb.customerText({ id }).then((r) => {
            if (r.ok) onInsert(r.value);
            else onError(r.error.message);
          })
        }
      />
    </Space>
  );
}
