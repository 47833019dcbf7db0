import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MONITOR_MODES, PBX_MONITORING, PBX_PRESETS, PbxMonitoringSchema, type MonitorMode, type MonitoringPolicy, type PbxMonitoring } from '../../../../shared/monitoring';
import { useAppStore } from '../../store';

/**
 * The team's monitoring rules (R-MONITOR): which modes the leads may use, whether silent
 * listening is shown to the agent (whisper and barge always are), and who mixes: the agent's desk
 * on a signed request, or the PBX by feature code and DTMF. Set on the admin's desk and carried
 * in the signed directory; each agent's desk enforces it when a lead asks.
 */
export function MonitoringSettings() {
  const { t } = useTranslation();
  const policy = useAppStore((s) => s.settings?.monitoring);
  const updateSettings = useAppStore((s) => s.updateSettings);
  if (!policy) return null;
  const update = (patch: Partial<MonitoringPolicy>) => void updateSettings({ monitoring: { ...policy, ...patch } });
  return (
    <Form.Item label={t('settings.monitoring.title')} data-testid="monitoring-settings">
      <Space orientation="vertical">
        <Checkbox.Group<MonitorMode>
          value={[...policy.modes]}
          onChange={(modes) => update({ modes: MONITOR_MODES.filter((m) => modes.includes(m)) })}
          options={MONITOR_MODES.map((m) => ({ value: m, label: t(`settings.monitoring.mode.${m}`) }))}
        />
        <Space>
          <Switch aria-label={t('settings.monitoring.discloseListen')} checked={policy.discloseListen} onChange={(discloseListen) => update({ discloseListen })} />
          <span>{t('settings.monitoring.discloseListen')}</span>
        </Space>
        <PbxMonitoringForm key={JSON.stringify(policy.pbx)} saved={policy.pbx} save={(pbx) => update({ pbx })} />
        <Space wrap data-testid="recording-settings">
          <Switch aria-label={t('settings.monitoring.recording')} checked={policy.recording.enabled} onChange={(enabled) => update({ recording: { ...policy.recording, enabled } })} />
          <span>{t('settings.monitoring.recording')}</span>
          <InputNumber
            aria-label={t('settings.monitoring.retentionDays')}
            addonBefore={t('settings.monitoring.retentionDays')}
            min={1}
            max={3650}
            precision={0}
            value={policy.recording.retentionDays}
            onChange={(days) => typeof days === 'number' && update({ recording: { ...policy.recording, retentionDays: days } })}
          />
        </Space>
      </Space>
    </Form.Item>
  );
}

/** Who mixes; for a PBX, its feature code and digits, saved together once they are valid. */
function PbxMonitoringForm({ saved, save }: { saved: PbxMonitoring; save: (pbx: PbxMonitoring) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(saved);
  const checked = PbxMonitoringSchema.safeParse(draft);
  const choose = (kind: PbxMonitoring['kind']) => {
    if (kind === 'desk') return save({ ...saved, kind });
    const preset = PBX_PRESETS[kind];
    setDraft({ kind, prefix: draft.prefix || preset.prefix, digits: { ...preset.digits } });
  };
  return (
    <Space orientation="vertical" data-testid="pbx-monitoring" data-kind={saved.kind}>
      <Space>
        <span>{t('settings.monitoring.via')}</span>
        <Select<PbxMonitoring['kind']>
          aria-label={t('settings.monitoring.via')}
          style={{ minWidth: 260 }}
          value={draft.kind}
          onChange={choose}
          options={PBX_MONITORING.map((k) => ({ value: k, label: t(`settings.monitoring.viaOption.${k}`) }))}
        />
      </Space>
      {draft.kind !== 'desk' && (
        <>
          <Alert type="info" showIcon title={t('settings.monitoring.pbxNote')} />
          <Space wrap>
            <Input addonBefore={t('settings.monitoring.prefix')} aria-label={t('settings.monitoring.prefix')} value={draft.prefix} style={{ width: 360 }} onChange={(e) => setDraft({ ...draft, prefix: e.target.value.trim() })} />
            <span>{t('settings.monitoring.digits')}</span>
            {MONITOR_MODES.map((m) => (
              <Input
                key={m}
                addonBefore={t(`settings.monitoring.mode.${m}`)}
                aria-label={`${t('settings.monitoring.digits')} ${t(`settings.monitoring.mode.${m}`)}`}
                value={draft.digits[m]}
                style={{ width: 120 }}
                onChange={(e) => setDraft({ ...draft, digits: { ...draft.digits, [m]: e.target.value.trim() } })}
              />
            ))}
          </Space>
          {!checked.success && <Alert type="warning" showIcon data-testid="pbx-monitoring-error" title={checked.error.issues.map((i) => i.message).join('；')} />}
          <Button type="primary" disabled={!checked.success || JSON.stringify(draft) === JSON.stringify(saved)} onClick={() => checked.success && save(checked.data)}>
            {t('settings.monitoring.save')}
          </Button>
        </>
      )}
    </Space>
  );
}
