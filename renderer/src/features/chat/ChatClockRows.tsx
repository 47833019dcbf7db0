import { Button, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunningChatClock } from '../../../../shared/chat';
import { durationMs, startClock } from '../../../../shared/deadlines';
import { useAppStore, useAppStoreApi } from '../../store';
import { useCountdown } from '../deadlines';
import { showConversation } from './ChatPanel';

/**
 * The online conversations' clocks on the deadline board (issue 18, item 4), beside the visits':
 * the reply clock of each waiting customer and the 3/5 idle clocks, with a jump to the conversation.
 */
export function ChatClockRows() {
  const running = useAppStore((s) => s.chatClocks);
  return running.map((c) => <ChatClockRow key={`${c.clock}-${c.conv}-${c.startedAt}`} c={c} />);
}

function ChatClockRow({ c }: { c: RunningChatClock }) {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const policy = useAppStore((s) => s.settings?.deadlinePolicy);
  const rule = policy?.rules[c.clock];
  const source = useMemo(() => (policy && rule ? { clock: startClock(rule, c.startedAt, policy.businessHours), dueSoonMs: durationMs(rule.dueSoon), hours: policy.businessHours } : null), [policy, rule, c.startedAt]);
  const { level: row, left, mark } = useCountdown<HTMLDivElement>(source);
  return (
    <div ref={row} role="listitem" className="deadline-row" data-testid="deadline-row" data-clock={c.clock} data-conv={c.conv}>
      <span ref={left} className="deadline-left" role="timer" aria-label={t('deadlines.left')} />
      <span ref={mark} className="deadline-mark" />
      <span className="deadline-what">
        <Typography.Text strong>{c.peer}</Typography.Text> · {t('chat.onBoard')} · {t(`deadlines.clock.${c.clock}`)}
        {rule?.seed && <Typography.Text type="secondary"> ({rule.seed})</Typography.Text>}
      </span>
      <Button size="small" type="primary" onClick={() => showConversation(store.getState(), c.conv)}>
        {t('chat.openConversation')}
      </Button>
    </div>
  );
}
