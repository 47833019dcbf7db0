import { Alert, Button, Card, Input, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { RegistrationSnapshot } from '../../../../shared/softphone';
import { useAppStore, useAppStoreApi } from '../../store';
import { CallCard } from './CallCard';
import { MonitorNotice } from './MonitorNotice';
import { useCallShortcuts } from './call-shortcuts';
import { useSoftphone } from './context';
import { HangupConfirm } from './HangupConfirm';
import { ReferAsk } from './CallPolicyCard';

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

const DIAL_BOX_ID = 'dial-target';
/** To the dial box: where the agent goes next once back to Ready. */
export const focusDialBox = () => document.getElementById(DIAL_BOX_ID)?.focus();

/** The softphone in the phone rail: line state, dial pad and the live calls. */
export function PhonePanel() {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const { registration, calls, phoneError, lastEnded, deviceNotice, setDeviceNotice } = useAppStore(
    useShallow((s) => ({
      registration: s.registration,
      calls: s.calls,
      phoneError: s.phoneError,
      lastEnded: s.lastEndedCall,
      deviceNotice: s.deviceNotice,
      setDeviceNotice: s.setDeviceNotice,
    })),
  );
  const [target, setTarget] = useState('');
  const store = useAppStoreApi();
  useCallShortcuts(phone, store, calls);
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
            id={DIAL_BOX_ID}
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
        {deviceNotice && (
          <Alert
            type={deviceNotice.kind === 'lost' ? 'warning' : 'success'}
            showIcon
            closable={{ onClose: () => setDeviceNotice(null) }}
            data-testid="device-notice"
            title={t(`phone.device.${deviceNotice.kind}`, { roles: deviceNotice.roles.map((r) => t(`phone.device.roles.${r}`)).join('、') })}
          />
        )}
        <MonitorNotice />
        {calls.map((c) => (
          <CallCard key={c.id} call={c} calls={calls} />
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
      <HangupConfirm />
      <ReferAsk />
    </Card>
  );
}
