import { EyeOutlined, MessageOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/**
 * The agent is told who is monitoring the call, and how (silent listening only where the team's
 * policy says so), and reads the lead's coach notes for the call in hand (never shown to the customer).
 */
export function MonitorNotice() {
  const { t } = useTranslation();
  const monitors = useAppStore((s) => s.monitors);
  const notes = useAppStore((s) => s.coachNotes);
  const calls = useAppStore((s) => s.calls);
  const since = Math.min(...calls.filter((c) => c.role === 'customer').map((c) => c.startedAt));
  return (
    <>
      {monitors
        .filter((m) => m.side === 'agent' && m.disclosed && m.phase === 'connected')
        .map((m) => (
          <Alert
            key={m.id}
            type="info"
            showIcon
            icon={<EyeOutlined />}
            data-testid="monitored-notice"
            data-mode={m.mode}
            title={t(`monitor.agentNotice.${m.mode}`, { lead: m.peerName ? `${m.peerName} ${m.peer}` : m.peer })}
          />
        ))}
      {notes
        .filter((n) => n.receivedAt >= since)
        .map((n) => (
          <Alert key={`${n.from}-${n.receivedAt}`} type="warning" showIcon icon={<MessageOutlined />} data-testid="coach-note" title={`${t('monitor.coach.title')} · ${n.name} ${n.from}`} description={n.text} />
        ))}
    </>
  );
}
