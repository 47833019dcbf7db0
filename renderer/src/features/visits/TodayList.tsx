import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { endOfDay, type FollowUp } from '../../../../shared/visits';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { useSoftphone } from '../softphone';

/** How many items show before "more": a busy desk piles up hundreds, and each render costs. */
const PAGE = 10;

/** Today's work: open follow-ups, overdue / due today / upcoming, soonest first; one click calls back. */
export function TodayList() {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const phone = useSoftphone();
  const revision = useAppStore((s) => s.visitsRevision);
  const { setCallbackFor, setCurrentVisit, visitsChanged } = useAppStore(
    useShallow((s) => ({ setCallbackFor: s.setCallbackFor, setCurrentVisit: s.setCurrentVisit, visitsChanged: s.visitsChanged })),
  );
  const [shown, setShown] = useState(PAGE);
  const [{ items, now, endOfToday }, setList] = useState<{ items: FollowUp[]; now: number; endOfToday: number }>({ items: [], now: 0, endOfToday: 0 });
  useEffect(() => {
    void api.followUps.today().then((r) => {
      if (!r.ok) return;
      const now = Date.now();
      setList({ items: r.value, now, endOfToday: endOfDay(now, new Date(now).getTimezoneOffset()) });
    });
  }, [api, revision]);
  const when = (dueAt: number) => (dueAt < now ? 'overdue' : dueAt < endOfToday ? 'due' : 'upcoming');
  const COLOR = { overdue: 'red', due: 'orange', upcoming: 'blue' } as const;
  return (
    <Card size="small" title={`${t('visits.today.title')}${items.length > 0 ? ` (${items.length})` : ''}`} data-testid="today-list">
      {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.today.empty')} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {items.slice(0, shown).map((f) => (
          <Space key={f.id} data-testid="today-item" data-rule={f.rule} data-when={when(f.dueAt)} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <span>
              <Tag color={COLOR[when(f.dueAt)]}>{t(`visits.today.${when(f.dueAt)}`)}</Tag>
              <Typography.Text strong>{f.customerName || f.customerNumber}</Typography.Text> · {t(`visits.rule.${f.rule}`)} ·{' '}
              {new Date(f.dueAt).toLocaleString(i18n.language)} · {f.summary}
            </span>
            <Space>
              <Button size="small" onClick={() => setCurrentVisit(f.visitId)}>
                {t('visits.today.open')}
              </Button>
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  setCallbackFor({ number: f.customerNumber, visitId: f.visitId });
                  void phone.dial(f.customerNumber);
                }}
              >
                {t('phone.callBack')}
              </Button>
              <Button size="small" onClick={() => void api.followUps.complete({ id: f.id }).then(() => visitsChanged())}>
                {t('visits.today.done')}
              </Button>
            </Space>
          </Space>
        ))}
        {items.length > shown && (
          <Button type="link" size="small" onClick={() => setShown(shown + PAGE * 2)}>
            {t('visits.today.more', { count: items.length - shown })}
          </Button>
        )}
      </Space>
    </Card>
  );
}
