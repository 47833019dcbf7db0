import { Alert, Card, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallPolicySchema, REFER_POLICIES, type CallPolicy } from '../../../../shared/call-policy';
import { useAppStore } from '../../store';
import { useSoftphone } from './context';

/** The call policy on the Line tab: what a far-end REFER may do, and which numbers are colleagues'. */
export function CallPolicyCard() {
  const { t } = useTranslation();
  const policy = useAppStore((s) => s.settings?.callPolicy);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [pattern, setPattern] = useState<string | null>(null);
  if (!policy) return null;
  const typed = pattern ?? policy.internalNumbers;
  const checked = CallPolicySchema.safeParse({ ...policy, internalNumbers: typed });
  const save = (next: CallPolicy) => void updateSettings({ callPolicy: next });
  return (
    <Card size="small" title={t('line.callPolicy')} data-testid="call-policy" data-refer={policy.refer} data-internal-numbers={policy.internalNumbers}>
      <Form layout="vertical">
        <Form.Item label={t('line.referPolicy')} htmlFor="refer-policy">
          <Select
            id="refer-policy"
            value={policy.refer}
            onChange={(refer) => save({ ...policy, refer })}
            options={REFER_POLICIES.map((p) => ({ value: p, label: t(`line.refer.${p}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('line.internalNumbers')}
          htmlFor="internal-numbers"
          validateStatus={checked.success ? undefined : 'error'}
          help={checked.success ? t('line.internalNumbersHint') : t('line.internalNumbersInvalid')}
        >
          <Input
            id="internal-numbers"
            value={typed}
            placeholder="^[0-9]{4}$"
            onChange={(e) => setPattern(e.target.value)}
            onBlur={() => {
              if (checked.success && typed !== policy.internalNumbers) save({ ...policy, internalNumbers: typed });
            }}
            onPressEnter={(e) => e.currentTarget.blur()}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

/** The question when the far end asks to transfer this desk and the policy says ask (Enter allows, Esc refuses). */
export function ReferAsk() {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const ask = useAppStore((s) => s.referAsk);
  return (
    <Modal
      open={ask !== null}
      title={t('phone.referAskTitle')}
      okText={t('phone.referAllow')}
      cancelText={t('phone.referRefuse')}
      okButtonProps={{ autoFocus: true }}
      onOk={() => ask && phone.answerRefer(ask.callId, true)}
      onCancel={() => ask && phone.answerRefer(ask.callId, false)}
      destroyOnHidden
    >
      {ask && (
        <>
          <Typography.Paragraph data-testid="refer-ask">{t('phone.referAsk', { from: ask.from, target: ask.target })}</Typography.Paragraph>
          <Alert type="warning" showIcon title={t('phone.referWarning')} />
        </>
      )}
    </Modal>
  );
}
