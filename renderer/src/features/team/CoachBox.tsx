import { Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COACH_MAX_CHARS } from '../../../../shared/team-mail';
import { useTeamMail } from './context';

/** Lead: a text note to the agent being monitored (issue 17, item 1); signed, shown in the agent's panel only. */
export function CoachBox({ agent }: { agent: string }) {
  const { t } = useTranslation();
  const send = useTeamMail();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (value: string) => {
    if (!value.trim()) return;
    setSending(true);
    const code = await send(agent, { kind: 'coach', agent, text: value.trim() });
    setSending(false);
    setOutcome(code);
    if (code === 200) setText(''); // a failed note stays, to send again
  };
  return (
    <div data-testid="coach-box">
      <Input.Search
        size="small"
        aria-label={t('monitor.coach.label')}
        placeholder={t('monitor.coach.placeholder')}
        enterButton={t('monitor.coach.send')}
        maxLength={COACH_MAX_CHARS}
        value={text}
        loading={sending}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => void submit(v)}
      />
      {outcome !== null && (
        <Typography.Text type={outcome === 200 ? 'success' : 'danger'} data-testid="coach-outcome">
          {outcome === 200 ? t('monitor.coach.sent') : t('monitor.coach.failed', { code: outcome })}
        </Typography.Text>
      )}
    </div>
  );
}
