import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Escalation, EscalationStatus } from '../../../../shared/escalation';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { MonitorControls, MonitorRecords } from '../team';
import { useTeamChannel } from './context';

const COLOR: Record<EscalationStatus, string> = { queued: 'default', delivered: 'processing', acknowledged: 'warning', resolved: 'success' };

function Summary({ e }: { e: Escalation }) {
  const { t } = useTranslation();
  const p = e.payload;
  return (
    <Space orientation="vertical" size={0}>
      <Space wrap>
        <Tag color={COLOR[e.status]} data-testid="escalation-status">
          {t(`escalation.status.${e.status}`)}
        </Tag>
        <Typography.Text strong>{t(`escalation.reasons.${p.reason}`)}</Typography.Text>
        {p.customerNumber && <span>{p.customerNumber}</span>}
        {p.words.map((w) => (
          <Tag key={w} color="error">
            {w}
          </Tag>
        ))}
        <Typography.Text type="secondary">{new Date(p.createdAt).toLocaleTimeString()}</Typography.Text>
      </Space>
      {p.note && <Typography.Text>{p.note}</Typography.Text>}
      <Typography.Text type="secondary">
        {e.direction === 'out' ? t('escalation.sentTo', { lead: e.peer || '—', attempts: e.attempts }) : t('escalation.from', { agent: e.peer })}
        {e.leadNote && ` · ${t('escalation.leadNote', { note: e.leadNote })}`}
      </Typography.Text>
    </Space>
  );
}

/** The lead's inbox item: acknowledge (with an optional note), then resolve. */
function InboxItem({ e }: { e: Escalation }) {
  const { t } = useTranslation();
  const channel = useTeamChannel();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const respond = async (status: 'acknowledged' | 'resolved') => setError(await channel.respond(e.payload.id, status, note.trim() || undefined));
  return (
    <List.Item data-testid="inbox-item" data-status={e.status}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Summary e={e} />
          {e.status !== 'resolved' && <MonitorControls user={e.peer} />}
        </Space>
        {e.status !== 'resolved' && (
          <Space.Compact style={{ width: '100%' }}>
            <Input aria-label={t('escalation.note')} placeholder={t('escalation.note')} value={note} maxLength={500} onChange={(ev) => setNote(ev.target.value)} />
            {e.status === 'delivered' && <Button onClick={() => void respond('acknowledged')}>{t('escalation.acknowledge')}</Button>}
            <Button onClick={() => void respond('resolved')}>{t('escalation.resolve')}</Button>
          </Space.Compact>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </List.Item>
  );
}

/**
 * The escalation tab: an agent sees what they escalated and how far it got (queued, delivered,
 * acknowledged, resolved); a team lead also gets the inbox, most urgent open first, and the team
 * messages refused on arrival with why.
 */
export function EscalationsPanel() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const role = useAppStore((s) => s.settings?.team.role);
  const revision = useAppStore((s) => s.escalationsRevision);
  const [mine, setMine] = useState<Escalation[]>([]);
  const [inbox, setInbox] = useState<Escalation[]>([]);
  const [refusals, setRefusals] = useState<{ at: number; from: string; code: number; reason: string }[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all([api.escalations.list({ direction: 'out' }), role === 'lead' ? api.escalations.list({ direction: 'in' }) : null, api.escalations.refusals()]).then(
      ([out, inb, refused]) => {
        if (!live) return;
        if (out.ok) setMine(out.value);
        if (inb?.ok) setInbox(inb.value);
        if (refused.ok) setRefusals(refused.value);
      },
    );
    return () => {
      live = false;
    };
  }, [api, role, revision]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {role === 'lead' && (
        <Card size="small" title={t('escalation.inbox')} data-testid="escalation-inbox">
          <List dataSource={inbox} locale={{ emptyText: <Typography.Text type="secondary">{t('escalation.none')}</Typography.Text> }} renderItem={(e) => <InboxItem key={e.payload.id} e={e} />} />
        </Card>
      )}
      <Card size="small" title={t('escalation.mine')} data-testid="my-escalations">
        <List dataSource={mine} locale={{ emptyText: <Typography.Text type="secondary">{t('escalation.none')}</Typography.Text> }} renderItem={(e) => <List.Item data-testid="my-escalation">{<Summary e={e} />}</List.Item>} />
      </Card>
      {refusals.length > 0 && (
        <Card size="small" title={t('escalation.refused')} data-testid="message-refusals">
          {refusals.map((r, i) => (
            <div key={`${r.at}-${i}`}>
              {new Date(r.at).toLocaleTimeString()} · {r.from} · {r.code} · {r.reason}
            </div>
          ))}
        </Card>
      )}
      <MonitorRecords />
    </Space>
  );
}
