import { Button, Card, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkOf, flowAt, SCRIPT_FLOWS, type ScriptFlow } from '../../../../shared/call-script';
import { useAppStore, useAppStoreApi } from '../../store';
import { requestHangup, useSoftphone } from '../softphone';

/**
 * The timed scripts (R-SILENT-5S silent call, R-HANGUP-5S caller still on the line): each step's
 * phrase to say with a countdown to the next, and hanging up offered only after the last wait.
 * Each step reached ticks its phrase on the call's checklist. Owns its ticking: nothing else re-renders.
 */
export function ScriptFlows() {
  const { t } = useTranslation();
  const callId = useAppStore((s) => (s.calls.find((c) => c.phase === 'connected' && !c.held) ?? s.calls.find((c) => c.phase === 'connected'))?.id);
  const [running, setRunning] = useState<{ flow: ScriptFlow; callId: string; startedAt: number } | null>(null);
  if (!callId) return null;
  if (running && running.callId === callId) return <RunningFlow {...running} onStop={() => setRunning(null)} />;
  return (
    <Space wrap>
      {SCRIPT_FLOWS.map((flow) => (
        <Button key={flow.id} size="small" data-testid={`flow-${flow.id}`} onClick={() => setRunning({ flow, callId, startedAt: Date.now() })}>
          {t(`phrases.flow.${flow.id}`)}
        </Button>
      ))}
    </Space>
  );
}

function RunningFlow({ flow, callId, startedAt, onStop }: { flow: ScriptFlow; callId: string; startedAt: number; onStop: () => void }) {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const phone = useSoftphone();
  const phrases = useAppStore((s) => s.phraseLibrary?.phrases);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const at = flowAt(flow, startedAt, now);
  const step = flow.steps[Math.min(at.step, flow.steps.length - 1)]!;
  const phrase = phrases?.find((p) => p.id === step.phraseId);
  useEffect(() => {
    if (phrase) store.getState().tickCheck(callId, checkOf(phrase));
  }, [store, callId, phrase]);
  return (
    <Card size="small" data-testid="script-flow" data-flow={flow.id} data-step={at.step} title={`${t(`phrases.flow.${flow.id}`)} (${flow.rule})`}>
      <Steps
        size="small"
        current={at.step}
        items={[...flow.steps.map((_, i) => ({ key: i, title: t('phrases.flowSay') })), { key: 'hangup', title: t('phone.hangup') }]}
      />
      {at.mayHangUp ? (
        <Typography.Paragraph strong>{t('phrases.flowDone')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph strong data-testid="flow-phrase">
            {phrase?.say[step.say]}
          </Typography.Paragraph>
          <Typography.Text type="secondary" role="timer" data-testid="flow-countdown">
            {t('phrases.flowWait', { seconds: Math.ceil(at.remainingMs / 1000) })}
          </Typography.Text>
        </>
      )}
      <Space style={{ display: 'flex', marginTop: 8 }}>
        <Button danger type={at.mayHangUp ? 'primary' : 'default'} disabled={!at.mayHangUp} onClick={() => requestHangup(phone, store, callId)}>
          {t('phone.hangup')}
        </Button>
        <Button onClick={onStop}>{t('phrases.flowStop')}</Button>
      </Space>
    </Card>
  );
}
