import { Button, Card, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../../../../shared/softphone';
import { useAppStore, useAppStoreApi } from '../../store';
import { CALL_SHORTCUTS, transferInputId } from './call-shortcuts';
import { useSoftphone } from './context';
import { requestHangup } from './HangupConfirm';
import { DtmfPad } from './DtmfPad';
import { RingCountdown } from './RingCountdown';
import { TalkTimer } from './TalkTimer';

function Shortcut({ combo, children }: { combo: string; children: React.ReactElement }) {
  return <Tooltip title={combo}>{children}</Tooltip>;
}

/** Transfer row of a connected call: blind to a number, or attended to another connected call. */
function TransferRow({ call, others }: { call: CallSnapshot; others: readonly CallSnapshot[] }) {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const [target, setTarget] = useState('');
  const blind = () => {
    if (!target) return;
    void phone.blindTransfer(call.id, target);
    setTarget('');
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        {/* the key in the placeholder, not a hover tooltip: one would cover the hold and mute buttons above */}
        <Input
          id={transferInputId(call.id)}
          aria-label={t('phone.transferTarget')}
          aria-keyshortcuts={CALL_SHORTCUTS.transfer}
          placeholder={`${t('phone.transferTarget')} · ${CALL_SHORTCUTS.transfer}`}
          value={target}
          onChange={(e) => setTarget(e.target.value.trim())}
          onPressEnter={blind}
        />
        <Button disabled={!target} onClick={blind}>
          {t('phone.blindTransfer')}
        </Button>
      </Space.Compact>
      {others.map((o) => (
        <Button key={o.id} block onClick={() => void phone.attendedTransfer(call.id, o.id)}>
          {t('phone.attendedTransfer', { who: o.remoteUser })}
        </Button>
      ))}
    </Space>
  );
}

/** One live call: state, talk time, controls, transfer, DTMF keypad; a ringing call shows the answer countdown. */
export function CallCard({ call, calls }: { call: CallSnapshot; calls: readonly CallSnapshot[] }) {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const store = useAppStoreApi();
  const received = useAppStore((s) => s.dtmfReceived[call.id] ?? '');
  const ringing = call.phase === 'ringing' && call.direction === 'inbound';
  const waiting = ringing && calls.some((c) => c.id !== call.id && c.phase === 'connected');
  const consults = calls.filter((c) => c.id !== call.id && c.phase === 'connected');
  const recording = useAppStore((s) => s.recordingCalls[call.id] !== undefined);
  const title = call.remoteName ? `${call.remoteName} <${call.remoteUser}>` : call.remoteUser;
  return (
    <Card
      size="small"
      data-testid="call-card"
      data-call-phase={call.phase}
      data-call-held={call.held}
      data-remote={call.remoteUser}
      title={waiting ? `${t('phone.waitingCall')} ${title}` : title}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag data-testid="call-phase">{t(`phone.phase.${call.phase}`)}</Tag>
          {call.phase === 'connected' && call.answeredAt !== undefined && (
            <Tag>
              <TalkTimer answeredAt={call.answeredAt} />
            </Tag>
          )}
          {recording && (
            <Tag color="red" data-testid="recording-indicator">
              ● {t('phone.recording')}
            </Tag>
          )}
          {call.held && <Tag color="warning">{t('phone.held')}</Tag>}
          {call.muted && <Tag color="error">{t('phone.muted')}</Tag>}
          {call.transfer && <Tag color="processing">{t('phone.transferring', { who: call.transfer.target })}</Tag>}
          {call.iceRestarts > 0 && (
            <Tag color="processing" data-testid="ice-restarts">
              {t('phone.iceRestarts', { count: call.iceRestarts })}
            </Tag>
          )}
        </Space>
        {ringing && <RingCountdown startedAt={call.startedAt} />}
        {ringing ? (
          <Space>
            <Shortcut combo={CALL_SHORTCUTS.answer}>
              <Button type="primary" aria-keyshortcuts={CALL_SHORTCUTS.answer} onClick={() => void phone.answer(call.id)}>
                {waiting ? t('phone.answerAndHold') : t('phone.answer')}
              </Button>
            </Shortcut>
            <Button danger onClick={() => void phone.reject(call.id)}>
              {t('phone.reject')}
            </Button>
          </Space>
        ) : (
          <Space wrap>
            <Shortcut combo={CALL_SHORTCUTS.hangup}>
              <Button danger aria-keyshortcuts={CALL_SHORTCUTS.hangup} onClick={() => requestHangup(phone, store, call.id)}>
                {t('phone.hangup')}
              </Button>
            </Shortcut>
            {call.phase === 'connected' && (
              <>
                <Shortcut combo={CALL_SHORTCUTS.hold}>
                  <Button aria-keyshortcuts={CALL_SHORTCUTS.hold} onClick={() => void phone.setHold(call.id, !call.held)}>
                    {call.held ? t('phone.resume') : t('phone.hold')}
                  </Button>
                </Shortcut>
                <Shortcut combo={CALL_SHORTCUTS.mute}>
                  <Button aria-keyshortcuts={CALL_SHORTCUTS.mute} onClick={() => void phone.setMute(call.id, !call.muted)}>
                    {call.muted ? t('phone.unmute') : t('phone.mute')}
                  </Button>
                </Shortcut>
              </>
            )}
          </Space>
        )}
        {call.phase === 'connected' && !call.transfer && <TransferRow call={call} others={consults} />}
        {call.phase === 'connected' && <DtmfPad callId={call.id} />}
        {received && (
          <Typography.Text type="secondary" data-testid="dtmf-received">
            {t('phone.dtmfReceived')}: {received}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
