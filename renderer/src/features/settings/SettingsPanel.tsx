import { Alert, Form, Input, Select, Space, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../../shared/settings';
import { useAppStore } from '../../store';
import { PhraseLibraryEditor } from '../phrases';
import { TeamCard } from '../team';
import { ComplianceSettings } from './ComplianceSettings';
import { DeadlineSettings } from './DeadlineSettings';
import { ChatSettings } from './ChatSettings';
import { Managed } from './Managed';
import { MonitoringSettings } from './MonitoringSettings';
import { AppearanceSettings } from './AppearanceSettings';
import { RetentionSettings } from './RetentionSettings';
import { TeamSettings } from './TeamSettings';

export function LanguageSelect({ id }: { id?: string }) {
  const { t } = useTranslation();
  const locale = useAppStore((s) => s.settings?.locale);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [toast, holder] = message.useMessage();
  return (
    <>
      {holder}
      <Select<Locale>
        id={id}
        aria-label={t('settings.language')}
        data-testid="language-select"
        value={locale}
        style={{ width: 140 }}
        options={LOCALES.map((l) => ({ value: l, label: t(`settings.languages.${l}`) }))}
        onChange={(l) =>
          void updateSettings({ locale: l }).then((saved) => {
            if (!saved) void toast.error(t('settings.saveFailed', { message: t('errors.unavailable') }));
          })
        }
      />
    </>
  );
}

/** Saved when the field loses focus or Enter is pressed. */
function CompanyName({ id }: { id: string }) {
  const saved = useAppStore((s) => s.settings?.companyName ?? '');
  const updateSettings = useAppStore((s) => s.updateSettings);
  const save = (value: string) => {
    if (value.trim() !== saved) void updateSettings({ companyName: value.trim() });
  };
  return <Input id={id} key={saved} defaultValue={saved} maxLength={40} style={{ width: 240 }} onBlur={(e) => save(e.target.value)} onPressEnter={(e) => save(e.currentTarget.value)} />;
}

export function SettingsPanel() {
  const { t, i18n } = useTranslation();
  const settings = useAppStore((s) => s.settings);
  const error = useAppStore((s) => s.settingsError);
  if (!settings) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <TeamCard />
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        {error && <Alert type="error" showIcon title={t('settings.saveFailed', { message: error.message })} />}
        <Form.Item label={t('settings.language')} htmlFor="settings-language">
          <LanguageSelect id="settings-language" />
        </Form.Item>
        <AppearanceSettings />
        <Form.Item label={t('settings.companyName')} htmlFor="settings-company">
          <CompanyName id="settings-company" />
        </Form.Item>
        <Form.Item label={t('settings.notReadyReasons')}>
          <Space wrap>
            {settings.notReadyReasons.map((r) => (
              <Tag key={r.id}>{r.label[i18n.language as Locale]}</Tag>
            ))}
          </Space>
        </Form.Item>
        <Managed setting="team">
          <TeamSettings />
        </Managed>
        <Managed setting="compliance">
          <ComplianceSettings />
        </Managed>
        <Managed setting="monitoring">
          <MonitoringSettings />
        </Managed>
        <ChatSettings />
        <RetentionSettings />
      </Form>
      <Form layout="vertical">
        <Managed setting="deadlinePolicy">
          <DeadlineSettings />
        </Managed>
      </Form>
      <Managed setting="phrases">
        <PhraseLibraryEditor />
      </Managed>
    </Space>
  );
}
