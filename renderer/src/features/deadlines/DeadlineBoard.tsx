import { Button, Card, Empty, Space, Typography } from 'antd';
import { memo, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { durationMs, schedule, type DeadlinePolicy } from '../../../../shared/deadlines';
import type { VisitDeadline } from '../../../../shared/visits';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { useSoftphone } from '../softphone';
import { useCountdown } from './ticker';

/** Rows drawn at first: a busy desk has hundreds of clocks, and every one is still watched (watch.ts). */
const PAGE = 20;

/**
 * The deadline board: every running clock of every visit (complaints, follow-ups, department events,
 * next-day work), soonest due first, green / amber / red. Rendered when the list changes; the
 * countdowns and colours are written by the ticker, so a tick re-renders nothing here.
 */
export function DeadlineBoard({ live }: { live?: ReactNode }) {
  const { t } = useTranslation();
  // the clocks of the online conversations in hand (`live`, ChatClockRows) stand beside the visits'
  const liveClocks = useAppStore((s) => s.chatClocks.length);
  const { deadlines, policy, counts, error } = useAppStore(
    useShallow((s) => ({ deadlines: s.deadlines, policy: s.settings?.deadlinePolicy, counts: s.deadlineCounts, error: s.deadlinesError })),
  );
  const [shown, setShown] = useState(PAGE);
  if (!policy) return null;
  const title = (
    <Space size="middle" wrap>
      <span>{t('deadlines.title')}</span>
      <Typography.Text type="danger" data-testid="deadline-count-breached">
        {t('deadlines.count.breached', { count: counts.breached })}
      </Typography.Text>
      <Typography.Text type="warning" data-testid="deadline-count-due-soon">
        {t('deadlines.count.dueSoon', { count: counts.dueSoon })}
      </Typography.Text>
      <Typography.Text type="secondary">{t('deadlines.count.ok', { count: counts.ok + counts.paused })}</Typography.Text>
    </Space>
  );
  return (
    <Card size="small" title={title} data-testid="deadline-board">
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {deadlines.length === 0 && liveClocks === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.empty')} />}
      <div role="list">
        {live}
        {deadlines.slice(0, shown).map((d) => (
          <BoardRow key={d.id} d={d} policy={policy} />
        ))}
      </div>
      {deadlines.length > shown && (
        <Button type="link" size="small" onClick={() => setShown(shown + PAGE * 5)}>
          {t('deadlines.more', { count: deadlines.length - shown })}
        </Button>
      )}
    </Card>
  );
}

const BoardRow = memo(function BoardRow({ d, policy }: { d: VisitDeadline; policy: DeadlinePolicy }) {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const phone = useSoftphone();
  const { setCallbackFor, setCurrentVisit, visitsChanged } = useAppStore(
    useShallow((s) => ({ setCallbackFor: s.setCallbackFor, setCurrentVisit: s.setCurrentVisit, visitsChanged: s.visitsChanged })),
  );
  const rule = policy.rules[d.clock];
  const source = useMemo(() => ({ clock: d, dueSoonMs: durationMs(rule.dueSoon), hours: policy.businessHours }), [d, rule, policy.businessHours]);
  const { level: row, left, mark } = useCountdown<HTMLDivElement>(source);
  const dueAt = useMemo(() => schedule(source.clock, source.dueSoonMs, source.hours)?.dueAt ?? null, [source]);
  const paused = d.pausedAt !== null;
  const act = (call: Promise<unknown>) => void call.then(() => visitsChanged());
  return (
    <div ref={row} role="listitem" className="deadline-row" data-testid="deadline-row" data-clock={d.clock}>
      <span ref={left} className="deadline-left" role="timer" aria-label={t('deadlines.left')} />
      <span ref={mark} className="deadline-mark" />
      <span className="deadline-what">
        <Typography.Text strong>{d.customerName || d.customerNumber}</Typography.Text> · {t(`deadlines.clock.${d.clock}`)}
        {rule.seed && <Typography.Text type="secondary"> ({rule.seed})</Typography.Text>}
        {' · '}
        {dueAt === null ? t('deadlines.paused') : new Date(dueAt).toLocaleString(i18n.language)}
        {d.businessHours && <Typography.Text type="secondary"> ({t('deadlines.businessHours')})</Typography.Text>}
        {d.summary && <Typography.Text type="secondary"> · {d.summary}</Typography.Text>}
      </span>
      <Space size={4}>
        <Button size="small" onClick={() => setCurrentVisit(d.visitId)}>
          {t('deadlines.open')}
        </Button>
        <Button
          size="small"
          type="primary"
          onClick={() => {
            setCallbackFor({ number: d.customerNumber, visitId: d.visitId });
            void phone.dial(d.customerNumber);
          }}
        >
          {t('phone.callBack')}
        </Button>
        {rule.pauseOn.includes('customer-wait') && (
          <Button size="small" onClick={() => act(paused ? api.deadlines.resume({ id: d.id }) : api.deadlines.pause({ id: d.id }))}>
            {paused ? t('deadlines.resume') : t('deadlines.pause')}
          </Button>
        )}
        <Button size="small" onClick={() => act(api.deadlines.complete({ id: d.id }))}>
          {t('deadlines.done')}
        </Button>
      </Space>
    </div>
  );
});
