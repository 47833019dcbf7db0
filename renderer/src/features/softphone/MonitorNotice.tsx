import { EyeOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** The agent is told who is monitoring the call, and how (silent listening only where the team's policy says so). */
export function MonitorNotice() {
  const { t } = useTranslation();
  const monitors = useAppStore((s) => s.monitors);
  return monitors
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
  ));
}
