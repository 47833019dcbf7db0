import { Card, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorRecord } from '../../../../shared/monitoring';
import { formatTalkTime } from '../../../../shared/softphone';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';

/** Who monitored this desk's calls (an agent's), or whose calls this desk monitored (a lead's): kept for the spot checks. */
export function MonitorRecords() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const revision = useAppStore((s) => s.monitorRecordsRevision);
  const [records, setRecords] = useState<readonly MonitorRecord[]>([]);
  useEffect(() => void api.monitoring.list().then((r) => r.ok && setRecords(r.value)), [api, revision]);
  if (records.length === 0) return null;
  return (
    <Card size="small" title={t('monitor.records')} data-testid="monitor-records">
      <List
        size="small"
        dataSource={[...records]}
        renderItem={(r) => (
          <List.Item data-testid="monitor-record" data-side={r.side}>
            <Typography.Text>
              {new Date(r.startedAt).toLocaleString()} · {t(`monitor.recordSide.${r.side}`, { peer: r.peerName ? `${r.peerName} ${r.peer}` : r.peer })} ·{' '}
              {r.modes.map((m) => t(`monitor.mode.${m.mode}`)).join(' → ')}
              {r.endedAt !== null ? ` · ${formatTalkTime(r.endedAt - r.startedAt)}` : ` · ${t('monitor.ongoing')}`}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
