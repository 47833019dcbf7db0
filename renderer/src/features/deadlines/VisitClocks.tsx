import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { durationMs, type DeadlinePolicy } from '../../../../shared/deadlines';
import type { VisitDeadline } from '../../../../shared/visits';
import { useAppStore } from '../../store';
import { useCountdown } from './ticker';

/** The running clocks of one visit, on the visit itself (from the board's list; ticking like it). */
export function VisitClocks({ visitId }: { visitId: number }) {
  const { t } = useTranslation();
  const all = useAppStore((s) => s.deadlines);
  const policy = useAppStore((s) => s.settings?.deadlinePolicy);
  const mine = useMemo(() => all.filter((d) => d.visitId === visitId), [all, visitId]);
  if (!policy || mine.length === 0) return null;
  return (
    <Space wrap data-testid="visit-clocks" style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{t('deadlines.ofVisit')}</Typography.Text>
      {mine.map((d) => (
        <Clock key={d.id} d={d} policy={policy} label={t(`deadlines.clock.${d.clock}`)} />
      ))}
    </Space>
  );
}

function Clock({ d, policy, label }: { d: VisitDeadline; policy: DeadlinePolicy; label: string }) {
  const rule = policy.rules[d.clock];
  const { level, left, mark } = useCountdown<HTMLSpanElement>(useMemo(() => ({ clock: d, dueSoonMs: durationMs(rule.dueSoon), hours: policy.businessHours }), [d, rule, policy.businessHours]));
  return (
    <span ref={level} className="countdown-pill" data-testid="visit-clock" data-clock={d.clock} role="timer">
      {label} <span ref={left} className="deadline-left" />
      <span ref={mark} className="deadline-mark" />
    </span>
  );
}
