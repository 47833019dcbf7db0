import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { wrapUpEndsIn } from '../../../../shared/agent-state';
import { durationMs, startClock, type CallClock } from '../../../../shared/deadlines';
import { useAppStore } from '../../store';
import { useCountdown } from './ticker';

interface Running {
  readonly key: string;
  readonly clock: CallClock;
  readonly startedAt: number;
  readonly who: string;
}

/**
 * The clocks of the conversations in hand, at the top of the workspace: ringing (R-ANSWER-15S), on
 * hold and in wrap-up (the company's limits; wrap-up says what the desk does when it runs out), and
 * per online conversation the reply clock (R-REPLY-3MIN) and the 3/5 idle clocks (R-CLOSE-3-5).
 * Re-rendered when a call, a conversation or the desk state changes; the ticker writes the time.
 */
export function CountdownStrip() {
  const { t } = useTranslation();
  const { calls, status, since, clocks } = useAppStore(useShallow((s) => ({ calls: s.calls, status: s.agent.status, since: s.agentSince, clocks: s.chatClocks })));
  // what the desk does when wrap-up runs out (settings.wrapUpEnd), shown on its pill
  const wrapUpThen = useAppStore((s) => (s.settings ? wrapUpEndsIn(s.settings.wrapUpEnd, s.settings.notReadyReasons.map((r) => r.id)) : 'ready'));
  const running: Running[] = [];
  for (const c of calls) {
    const who = c.remoteName || c.remoteUser;
    if (c.phase === 'ringing' && c.direction === 'inbound') running.push({ key: `ring-${c.id}`, clock: 'ring', startedAt: c.startedAt, who });
    if (c.held && c.heldAt !== undefined) running.push({ key: `hold-${c.id}-${c.heldAt}`, clock: 'hold', startedAt: c.heldAt, who });
  }
  for (const c of clocks) running.push({ key: `${c.clock}-${c.conv}-${c.startedAt}`, clock: c.clock, startedAt: c.startedAt, who: c.peer });
  if (status === 'wrap-up') running.push({ key: `wrap-up-${since}`, clock: 'wrap-up', startedAt: since, who: t(`deadlines.wrapUpThen.${wrapUpThen}`) });
  if (running.length === 0) return null;
  return (
    <Space wrap data-testid="countdown-strip" aria-label={t('deadlines.strip')} style={{ marginBottom: 8 }}>
      {running.map((r) => (
        <Pill key={r.key} running={r} label={t(`deadlines.clock.${r.clock}`)} />
      ))}
    </Space>
  );
}

function Pill({ running, label }: { running: Running; label: string }) {
  const policy = useAppStore((s) => s.settings?.deadlinePolicy);
  const source = useMemo(() => {
    if (!policy) return null;
    const rule = policy.rules[running.clock];
    return { clock: startClock(rule, running.startedAt, policy.businessHours), dueSoonMs: durationMs(rule.dueSoon), hours: policy.businessHours };
  }, [policy, running.clock, running.startedAt]);
  const { level: pill, left, mark } = useCountdown<HTMLSpanElement>(source);
  return (
    <span ref={pill} className="countdown-pill" data-testid="countdown" data-clock={running.clock} role="timer">
      <Typography.Text>{label}</Typography.Text> {running.who && <Typography.Text type="secondary">{running.who}</Typography.Text>} <span ref={left} className="deadline-left" />
      <span ref={mark} className="deadline-mark" />
    </span>
  );
}
