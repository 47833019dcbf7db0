import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlatformApi } from '../../platform/api-context';
import { useLoaded } from '../../platform/use-loaded';
import { useAppStore } from '../../store';

/** An online visit's conversation in 来访记录 (R-VISIT-LOG): every message both ways, as stored. */
export function Transcript({ visitId }: { visitId: number }) {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const transcripts = useAppStore((s) => s.transcripts);
  const messages = useLoaded(() => api.chat.forVisit({ visitId }), [api, visitId, transcripts]) ?? [];
  if (messages.length === 0) return null;
  return (
    <Card size="small" title={t('chat.transcript')} data-testid="visit-transcript">
      <List
        size="small"
        dataSource={messages}
        renderItem={(m) => (
          <List.Item key={m.id} data-testid="transcript-line">
            <Typography.Text type="secondary">{new Date(m.storedAt).toLocaleTimeString()}</Typography.Text> <Typography.Text strong>{t(`chat.who.${m.direction}`)}</Typography.Text>{' '}
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{m.text}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
