import { Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../../../shared/ipc-contract';
import { usePlatformApi } from '../../platform/api-context';

type Work = ResultOf<'maintenance.progress'>;
const POLL_MS = 1_000;

/** Long work the main side does in the background (re-indexing), in the status bar while it runs. */
export function MaintenanceProgress() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const [work, setWork] = useState<Work>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      void api.maintenance.progress().then((r) => {
        if (!live || !r.ok) return;
        setWork(r.value);
        // asked again only while something runs: a desk that starts idle polls once
        if (r.value) timer = setTimeout(poll, POLL_MS);
      });
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api]);
  if (!work) return null;
  const percent = work.total === 0 ? 100 : Math.floor((work.done / work.total) * 100);
  return (
    <Space data-testid="maintenance-progress" role="status">
      <Typography.Text type="secondary">{t(`status.maintenance.${work.task}`, { done: work.done, total: work.total })}</Typography.Text>
      <Progress aria-label={t(`status.maintenance.${work.task}`, { done: work.done, total: work.total })} percent={percent} size="small" style={{ width: 120 }} />
    </Space>
  );
}
