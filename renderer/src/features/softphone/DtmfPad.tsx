import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DTMF_KEYPAD } from '../../../../shared/softphone';
import { useSoftphone } from './context';

/**
 * DTMF for IVRs that ask for digits: a keypad that sends each key as it is pressed (click, or the
 * key itself while the pad has focus), and a field for a pasted sequence (an account number).
 */
export function DtmfPad({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const [digits, setDigits] = useState('');
  const [sent, setSent] = useState('');
  const send = (tones: string) => {
    void phone.sendDtmf(callId, tones);
    setSent((s) => (s + tones).slice(-24));
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div
        role="group"
        aria-label={t('phone.keypad')}
        data-testid="dtmf-keypad"
        tabIndex={0}
        onKeyDown={(e) => {
          if (/^[0-9*#]$/.test(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            send(e.key);
          }
        }}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 4 }}
      >
        {DTMF_KEYPAD.map((key) => (
          <Button key={key} size="small" onClick={() => send(key)} aria-label={t('phone.keypadKey', { key })}>
            {key}
          </Button>
        ))}
      </div>
      {sent && (
        <span data-testid="dtmf-sent">
          {t('phone.dtmfSent')}: {sent}
        </span>
      )}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          aria-label={t('phone.dtmf')}
          placeholder={t('phone.dtmf')}
          value={digits}
          onChange={(e) => setDigits(e.target.value.replace(/[^0-9*#]/g, ''))}
          onPressEnter={() => digits && (send(digits), setDigits(''))}
        />
        <Button
          disabled={!digits}
          onClick={() => {
            send(digits);
            setDigits('');
          }}
        >
          {t('phone.sendDtmf')}
        </Button>
      </Space.Compact>
    </Space>
  );
}
