import { Checkbox, Form, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { MONITOR_MODES, type MonitorMode } from '../../../../shared/monitoring';
import { useAppStore } from '../../store';

/**
 * The team's monitoring rules (R-MONITOR): which modes the leads may use, and whether silent
 * listening is shown to the agent (whisper and barge always are). Set on the admin's desk and
 * carried in the signed directory; each agent's desk enforces it when a lead asks.
 */
export function MonitoringSettings() {
  const { t } = useTranslation();
  const policy = useAppStore((s) => s.settings?.monitoring);
  const updateSettings = useAppStore((s) => s.updateSettings);
  if (!policy) return null;
  return (
    <Form.Item label={t('settings.monitoring.title')} data-testid="monitoring-settings">
      <Space orientation="vertical">
        <Checkbox.Group<MonitorMode>
          value={[...policy.modes]}
          onChange={(modes) => void updateSettings({ monitoring: { ...policy, modes: MONITOR_MODES.filter((m) => modes.includes(m)) } })}
          options={MONITOR_MODES.map((m) => ({ value: m, label: t(`settings.monitoring.mode.${m}`) }))}
        />
        <Space>
          <Switch aria-label={t('settings.monitoring.discloseListen')} checked={policy.discloseListen} onChange={(discloseListen) => void updateSettings({ monitoring: { ...policy, discloseListen } })} />
          <span>{t('settings.monitoring.discloseListen')}</span>
        </Space>
      </Space>
    </Form.Item>
  );
}
