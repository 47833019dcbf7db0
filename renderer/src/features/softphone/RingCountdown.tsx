import { Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ringCountdown, ringPolicy } from '../../../../shared/ring-policy';
import { useAppStore } from '../../store';

const COLOR = { ok: '#52c41a', 'due-soon': '#faad14', breached: '#ff4d4f' } as const;

/**
 * Answer-within countdown for a ringing call (R-ANSWER-15S / R-RING-3). It owns its own ticking
 * state, so a tick re-renders only this component, never the call card or the panel.
 */
export function RingCountdown({ startedAt }: { startedAt: number }) {
  const { t } = useTranslation();
  const rule = useAppStore((s) => s.settings?.deadlinePolicy.rules.ring);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  if (!rule) return null;
  const policy = ringPolicy(rule);
  const c = ringCountdown(startedAt, now, policy);
  return (
    <div data-testid="ring-countdown" data-level={c.level} role="timer">
      <Progress aria-label={t('deadlines.clock.ring')} percent={(c.remainingMs / policy.answerWithinMs) * 100} showInfo={false} size="small" strokeColor={COLOR[c.level]} />
      <Typography.Text type={c.level === 'ok' ? 'secondary' : c.level === 'due-soon' ? 'warning' : 'danger'}>
        {c.level === 'breached'
          ? t('phone.ringBreached', { limit: policy.answerWithinMs / 1000 })
          : t('phone.ringCountdown', { seconds: Math.ceil(c.remainingMs / 1000), ring: c.ring, rings: policy.rings })}
      </Typography.Text>
    </div>
  );
}
