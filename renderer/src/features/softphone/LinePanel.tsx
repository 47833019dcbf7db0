import { Alert, Button, Card, Form, Input, Modal, Radio, Space, Switch, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveSipAccount, SipAccount } from '../../../../shared/softphone';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { AudioDevicesCard } from './AudioDevicesCard';
import { CallPolicyCard } from './CallPolicyCard';
import { useSoftphone } from './context';

type LineForm = SipAccount & { password?: string };

/** SIP line settings and audio options. The password is write-only: it is never shown or read back. */
export function LinePanel() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const phone = useSoftphone();
  const settings = useAppStore((s) => s.settings);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [form] = Form.useForm<LineForm>();
  const [hasPassword, setHasPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [toast, holder] = message.useMessage();
  const [modal, modalHolder] = Modal.useModal();
  const liveCalls = useAppStore((s) => s.calls.length);

  useEffect(() => {
    void api.sipAccount.get().then((r) => {
      if (!r.ok) return setError(r.error.message);
      setHasPassword(r.value.hasPassword);
      if (r.value.account) form.setFieldsValue(r.value.account);
    });
  }, [api, form]);

  /** Saving reconnects the line, which ends every call: during a call it asks first (the form keeps what was typed). */
  const submit = (values: LineForm) => {
    if (liveCalls === 0) return void save(values);
    void modal.confirm({
      title: t('line.saveDuringCall', { count: liveCalls }),
      okText: t('line.saveAndHangUp'),
      okButtonProps: { danger: true },
      cancelText: t('line.saveLater'),
      autoFocusButton: 'cancel',
      onOk: () => save(values),
    });
  };

  const save = async (values: LineForm) => {
    const { password, ...account } = values;
    const input: SaveSipAccount = { ...account, ...(password ? { password } : {}) };
    const r = await api.sipAccount.save(input);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setHasPassword(r.value.hasPassword);
    form.setFieldValue('password', '');
    void toast.success(t('settings.saved'));
    await phone.connectSaved();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }}>
      {holder}
      {modalHolder}
      <Card size="small" title={t('line.title')}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form<LineForm> form={form} layout="vertical" onFinish={submit} initialValues={{ displayName: '', agentId: '', realm: '' }}>
          <Form.Item name="wsUri" label={t('line.wsUri')} rules={[{ required: true, pattern: /^wss?:\/\/\S+$/, message: t('line.wsUriInvalid') }]}>
            <Input placeholder="wss://pbx.example.com:8089/ws" />
          </Form.Item>
          <Form.Item name="sipUri" label={t('line.sipUri')} rules={[{ required: true, pattern: /^sip:[^@\s]+@[^\s;]+$/, message: t('line.sipUriInvalid') }]}>
            <Input placeholder="sip:1001@pbx.example.com" />
          </Form.Item>
          <Form.Item name="authUser" label={t('line.authUser')} rules={[{ required: true, max: 64 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label={t('line.password')} rules={[{ required: !hasPassword, message: t('line.passwordRequired') }]} extra={hasPassword ? t('line.passwordKept') : undefined}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="displayName" label={t('line.displayName')} rules={[{ max: 64 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="agentId" label={t('line.agentId')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="realm" label={t('line.realm')} rules={[{ max: 128 }]}>
            <Input placeholder={t('line.realmHint')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('line.saveAndConnect')}
          </Button>
        </Form>
      </Card>
      {settings && (
        <Card size="small" title={t('line.audio')}>
          <Space orientation="vertical">
            {(['echoCancellation', 'noiseSuppression', 'autoGainControl'] as const).map((key) => (
              <Space key={key}>
                <Switch
                  aria-label={t(`line.${key}`)}
                  checked={settings.audioProcessing[key]}
                  onChange={(on) => void updateSettings({ audioProcessing: { ...settings.audioProcessing, [key]: on } })}
                />
                <span>{t(`line.${key}`)}</span>
              </Space>
            ))}
            <Space>
              <span>{t('line.dtmfMode')}</span>
              <Radio.Group
                value={settings.dtmfMode}
                onChange={(e) => void updateSettings({ dtmfMode: e.target.value as 'rfc4733' | 'info' })}
                options={[
                  { value: 'rfc4733', label: 'RFC 4733' },
                  { value: 'info', label: 'SIP INFO' },
                ]}
              />
            </Space>
            {(['callWaiting', 'autoAnswer'] as const).map((key) => (
              <Space key={key}>
                <Switch aria-label={t(`line.${key}`)} checked={settings[key]} onChange={(on) => void updateSettings({ [key]: on })} />
                <span>{t(`line.${key}`)}</span>
              </Space>
            ))}
          </Space>
        </Card>
      )}
      <CallPolicyCard />
      <AudioDevicesCard />
    </Space>
  );
}
