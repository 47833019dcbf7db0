import { AudioOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTalkTime } from '../../../../shared/softphone';
import { usePlatformApi } from '../../platform/api-context';
import { useLoaded } from '../../platform/use-loaded';
import { useAppStore } from '../../store';
import { fromBase64 } from '../../platform/base64';

/** The recordings of one visit (issue 17, item 6), played back on a lead's desk or a desk alone. */
export function Recordings({ visitId }: { visitId: number }) {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const role = useAppStore((s) => s.teamStatus?.role ?? null);
  const recordingCalls = useAppStore((s) => s.recordingCalls);
  const [playing, setPlaying] = useState<{ id: number; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = useLoaded(() => api.recordings.forVisit({ visitId }), [api, visitId, recordingCalls]) ?? [];
  useEffect(() => () => void (playing && URL.revokeObjectURL(playing.url)), [playing]);
  if (items.length === 0) return null;
  const mayPlay = role === null || role === 'lead' || role === 'admin';
  const play = async (id: number) => {
    const r = await api.recordings.read({ id });
    if (!r.ok) return setError(r.error.message);
    setPlaying({ id, url: URL.createObjectURL(new Blob([fromBase64(r.value.base64)], { type: r.value.mime })) });
  };
  return (
    <Card size="small" title={t('recordings.title')} data-testid="recordings">
      <List
        size="small"
        dataSource={items}
        renderItem={(r) => (
          <List.Item key={r.id} data-testid="recording" data-recording-id={r.id}>
            <Space wrap>
              <AudioOutlined />
              <span>{new Date(r.startedAt).toLocaleString()}</span>
              <Typography.Text type="secondary">{r.endedAt === null ? t('recordings.ongoing') : t('recordings.duration', { time: formatTalkTime(r.endedAt - r.startedAt), kb: Math.ceil(r.bytes / 1024) })}</Typography.Text>
              {mayPlay && r.endedAt !== null && (
                <Button size="small" onClick={() => void play(r.id)}>
                  {t('recordings.play')}
                </Button>
              )}
              {playing?.id === r.id && <audio controls autoPlay src={playing.url} data-testid="recording-player" />}
            </Space>
          </List.Item>
        )}
      />
      {error && <Alert type="error" showIcon title={error} />}
    </Card>
  );
}
