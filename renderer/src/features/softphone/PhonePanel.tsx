import { Alert, Button, Card, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { CallSnapshot, RegistrationSnapshot } from '../../../../shared/softphone';
import { useAppStore } from '../../store';
import { CALL_SHORTCUTS, useCallShortcuts } from './call-shortcuts';
import { useSoftphone } from './context';

const REGISTRATION_COLOR: Record<RegistrationSnapshot['status'], string> = {
  'not-configured': 'default',
  connecting: 'processing',
  registered: 'success',
  reconnecting: 'warning',
  failed: 'error',
  stopped: 'default',
};

export function RegistrationTag({ testId = 'registration-status' }: { testId?: string }) {
  const { t } = useTranslation();
  const registration = useAppStore((s) => s.registration);
  return (
    <Tag color={REGISTRATION_COLOR[registration.status]} data-testid={testId}>
      {t(`phone.registration.${registration.status}`)}
    </Tag>
  );
}

function CallCard({ call }: { call: CallSnapshot }) {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const received = useAppStore((s) => s.dtmfReceived[call.id] ?? '');
  const [digits, setDigits] = useState('');
  const ringing = call.phase === 'ringing' && call.direction === 'inbound';
  return (
    <Card size="small" data-testid="call-card" data-call-phase={call.phase} data-call-held={call.held} title={call.remoteName ? `${call.remoteName} <${call.remoteUser}>` : call.remoteUser}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag data-testid="call-phase">{t(`phone.phase.${call.phase}`)}</Tag>
          {call.held && <Tag color="orange">{t('phone.held')}</Tag>}
          {call.muted && <Tag color="red">{t('phone.muted')}</Tag>}
        </Space>
        {ringing ? (
          <Space>
            <Tooltip title={CALL_SHORTCUTS.answer}>
              <Button type="primary" aria-keyshortcuts={CALL_SHORTCUTS.answer} onClick={() => void phone.answer(call.id)}>
                {t('phone.answer')}
              </Button>
            </Tooltip>
            <Button danger onClick={() => void phone.reject(call.id)}>
              {t('phone.reject')}
            </Button>
          </Space>
        ) : (
          <Space wrap>
            <Tooltip title={CALL_SHORTCUTS.hangup}>
              <Button danger aria-keyshortcuts={CALL_SHORTCUTS.hangup} onClick={() => void phone.hangup(call.id)}>
                {t('phone.hangup')}
              </Button>
            </Tooltip>
            {call.phase === 'connected' && (
              <>
                <Tooltip title={CALL_SHORTCUTS.hold}>
                  <Button aria-keyshortcuts={CALL_SHORTCUTS.hold} onClick={() => void phone.setHold(call.id, !call.held)}>
                    {call.held ? t('phone.resume') : t('phone.hold')}
                  </Button>
                </Tooltip>
                <Tooltip title={CALL_SHORTCUTS.mute}>
                  <Button aria-keyshortcuts={CALL_SHORTCUTS.mute} onClick={() => void phone.setMute(call.id, !call.muted)}>
                    {call.muted ? t('phone.unmute') : t('phone.mute')}
                  </Button>
                </Tooltip>
              </>
            )}
          </Space>
        )}
        {call.phase === 'connected' && (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label={t('phone.dtmf')}
              placeholder={t('phone.dtmf')}
              value={digits}
              onChange={(e) => setDigits(e.target.value.replace(/[^0-9*#]/g, ''))}
            />
            <Button
              disabled={!digits}
              onClick={() => {
                void phone.sendDtmf(call.id, digits);
                setDigits('');
              }}
            >
              {t('phone.sendDtmf')}
            </Button>
          </Space.Compact>
        )}
        {received && (
          <Typography.Text type="secondary" data-testid="dtmf-received">
            {t('phone.dtmfReceived')}: {received}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

/** The softphone in the phone rail: line state, dial pad and the live calls. */
export function PhonePanel() {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const { registration, calls, phoneError, lastEnded } = useAppStore(
    useShallow((s) => ({ registration: s.registration, calls: s.calls, phoneError: s.phoneError, lastEnded: s.lastEndedCall })),
  );
  const [target, setTarget] = useState('');
  useCallShortcuts(phone, calls);
  const registered = registration.status === 'registered';
  return (
    <Card size="small" title={t('phone.title')} extra={<RegistrationTag />}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {registration.status === 'not-configured' && <Alert type="info" showIcon title={t('phone.notConfiguredHint')} />}
        {registration.error && (
          <Alert type={registration.status === 'failed' ? 'error' : 'warning'} showIcon data-testid="registration-error" title={t(`phone.error.${registration.error}`, { code: registration.code })} />
        )}
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('phone.dialTarget')}
            placeholder={t('phone.dialTarget')}
            value={target}
            onChange={(e) => setTarget(e.target.value.trim())}
            onPressEnter={() => target && registered && void phone.dial(target)}
          />
          <Tooltip title="Enter">
            <Button type="primary" disabled={!registered || !target} onClick={() => void phone.dial(target)}>
              {t('phone.dial')}
            </Button>
          </Tooltip>
        </Space.Compact>
        {phoneError && <Alert type="error" showIcon title={phoneError} closable />}
        {calls.map((c) => (
          <CallCard key={c.id} call={c} />
        ))}
        {calls.length === 0 && lastEnded && (
          <Alert
            type={lastEnded.endReason === 'dropped' ? 'warning' : 'info'}
            data-testid="last-call"
            data-end-reason={lastEnded.endReason}
            title={t(`phone.ended.${lastEnded.endReason ?? 'failed'}`, { who: lastEnded.remoteUser, code: lastEnded.endCode ?? '' })}
            action={
              // R-CALLBACK-DROP: a dropped or missed call is one click from a callback
              registered && (
                <Button size="small" onClick={() => void phone.dial(lastEnded.remoteUser)}>
                  {t('phone.callBack')}
                </Button>
              )
            }
          />
        )}
      </Space>
    </Card>
  );
}
