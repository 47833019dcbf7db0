import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover } from '../../../../shared/handover';
import { usePlatformApi } from '../../platform/api-context';

/**
 * Shift handover (交接班): the outgoing agent writes the open matters (one per line) and signs; the
 * incoming agent acknowledges each item with their own name. Both are stamped with the time.
 */
export function HandoverCard() {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const [handovers, setHandovers] = useState<Handover[]>([]);
  const [fromAgent, setFromAgent] = useState('');
  const [text, setText] = useState('');
  const [incoming, setIncoming] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.handover.recent().then((r) => r.ok && setHandovers(r.value));
  }, [api]);
  const apply = (r: Awaited<ReturnType<typeof api.handover.recent>>) => {
    if (!r.ok) return setError(Object.values(r.error.fields ?? {}).join('; ') || r.error.message);
    setError(null);
    setHandovers(r.value);
  };
  const create = async () => {
    const items = text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => ({ text: l }));
    const r = await api.handover.create({ fromAgent, items });
    apply(r);
    if (r.ok) setText('');
  };
  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language);
  const pending = handovers.filter((h) => h.items.some((i) => i.acknowledgedBy === null));
  return (
    <Card size="small" title={t('handover.title')} data-testid="handover">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {pending.map((h) => (
        <div key={h.id} data-testid="handover-pending">
          <Typography.Text strong>{t('handover.from', { agent: h.fromAgent, time: time(h.createdAt) })}</Typography.Text>
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {h.items.map((item) => (
              <li key={item.id} data-testid="handover-item" data-acknowledged={item.acknowledgedBy !== null}>
                {item.text}{' '}
                {item.acknowledgedBy ? (
                  <Tag color="success">{t('handover.acknowledged', { agent: item.acknowledgedBy, time: time(item.acknowledgedAt!) })}</Tag>
                ) : (
                  <Button size="small" disabled={!incoming.trim()} onClick={() => void api.handover.acknowledge({ itemId: item.id, by: incoming }).then(apply)}>
                    {t('handover.acknowledge')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {pending.length > 0 && <Input aria-label={t('handover.incoming')} placeholder={t('handover.incoming')} value={incoming} onChange={(e) => setIncoming(e.target.value)} maxLength={32} style={{ maxWidth: 240, marginBottom: 12 }} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea aria-label={t('handover.items')} placeholder={t('handover.items')} autoSize={{ minRows: 2, maxRows: 8 }} value={text} onChange={(e) => setText(e.target.value)} />
        <Space.Compact>
          <Input aria-label={t('handover.outgoing')} placeholder={t('handover.outgoing')} value={fromAgent} onChange={(e) => setFromAgent(e.target.value)} maxLength={32} />
          <Button disabled={!fromAgent.trim() || !text.trim()} onClick={() => void create()}>
            {t('handover.submit')}
          </Button>
        </Space.Compact>
      </Space>
    </Card>
  );
}
