import { EyeOutlined } from '@ant-design/icons';
import { Button, Segmented, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorMode } from '../../../../shared/monitoring';
import { rosterStatus, type RosterEntry } from '../../../../shared/team-mail';
import { useAppStore } from '../../store';
import { onTick } from '../deadlines';
import { useSoftphone } from '../softphone';

/**
 * A lead's monitoring controls for one agent (issue 17), on the roster and on an escalation from
 * that agent: 监听 while the agent's presence shows a customer call; then the mode (监听 / 耳语 /
 * 强插, as the team's policy allows) switched in place, and 结束监听.
 */
export function MonitorControls({ user }: { user: string }) {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const entry = useAppStore((s) => s.roster).find((e: RosterEntry) => e.user === user);
  const leg = useAppStore((s) => s.monitors).find((m) => m.side === 'lead' && m.peer === user);
  const modes = useAppStore((s) => s.settings?.monitoring.modes);
  const presenceSeconds = useAppStore((s) => s.settings?.team.presenceSeconds ?? 15);
  const registered = useAppStore((s) => s.registration.status === 'registered');
  const [now, setNow] = useState(Date.now);
  useEffect(() => onTick(setNow), []);
  if (leg)
    return (
      <Space size={4}>
        {leg.phase === 'connected' && (
          <Segmented<MonitorMode>
            size="small"
            data-testid="monitor-mode"
            value={leg.mode}
            options={(modes ?? []).map((m) => ({ value: m, label: t(`monitor.mode.${m}`) }))}
            onChange={(mode) => void phone.switchMonitor(leg.id, mode)}
          />
        )}
        <Button size="small" danger data-testid="stop-monitor" onClick={() => void phone.stopMonitor(leg.id)}>
          {t(leg.phase === 'connected' ? 'monitor.stop' : 'monitor.connecting')}
        </Button>
      </Space>
    );
  const call = entry?.presence?.call;
  const status = entry && rosterStatus(entry, now, presenceSeconds);
  if (!call || (status !== 'on-call' && status !== 'held')) return null;
  return (
    <Button size="small" icon={<EyeOutlined />} disabled={!registered} data-testid="monitor" onClick={() => void phone.monitor(user, { number: call.number, since: call.since })}>
      {t('monitor.listen')}
    </Button>
  );
}
