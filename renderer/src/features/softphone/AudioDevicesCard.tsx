import { Alert, Button, Card, Form, Progress, Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { AUDIO_ROLES, type AudioRole } from '../../../../shared/audio-devices';
import { useAppStore } from '../../store';
import { microphoneProblem, openLevelMeter, type LevelMeter } from './audio/microphone';
import { useSoftphone } from './context';

const KIND = { input: 'audioinput', output: 'audiooutput', ringer: 'audiooutput' } as const;

/** Microphone check: live level, a silent-device warning and the reason when it cannot open. */
function MicCheck() {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const inputId = useAppStore((s) => s.resolvedDevices.ids.input);
  const processing = useAppStore((s) => s.settings?.audioProcessing);
  const meter = useRef<LevelMeter | null>(null);
  const [level, setLevel] = useState<{ rms: number; silent: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const stop = () => {
    meter.current?.stop();
    meter.current = null;
    setLevel(null);
  };
  useEffect(() => stop, []);

  const start = async () => {
    stop();
    setProblem(null);
    try {
      meter.current = await openLevelMeter({ ...processing, ...(inputId ? { deviceId: { exact: inputId } } : {}) }, (rms, silent) => setLevel({ rms, silent }));
      void phone.refreshDevices(); // labels are readable now
    } catch (e) {
      const kind = microphoneProblem(e);
      setProblem(t(`line.micProblem.${kind}`, { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  // -60 dBFS .. 0 dBFS mapped onto 0..100
  const percent = level ? Math.max(0, Math.min(100, ((20 * Math.log10(Math.max(level.rms, 1e-6)) + 60) / 60) * 100)) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button onClick={() => (level ? stop() : void start())}>{level ? t('line.micStop') : t('line.micCheck')}</Button>
        {level && <Progress data-testid="mic-level" data-percent={Math.round(percent)} percent={percent} showInfo={false} style={{ width: 200 }} aria-label={t('line.micLevel')} />}
      </Space>
      {level?.silent && <Alert type="warning" showIcon data-testid="mic-silent" title={t('line.micSilent')} />}
      {problem && <Alert type="error" showIcon data-testid="mic-problem" title={problem} />}
    </Space>
  );
}

/** Headset microphone, earpiece and ringer, remembered by label; test tone and microphone check. */
export function AudioDevicesCard() {
  const { t } = useTranslation();
  const phone = useSoftphone();
  const { devices, choice, missing } = useAppStore(
    useShallow((s) => ({ devices: s.audioDevices, choice: s.settings?.audioDevices, missing: s.resolvedDevices.missing })),
  );
  const labelsHidden = devices.length > 0 && devices.every((d) => d.label === '');
  const options = (role: AudioRole) => {
    const labels = [...new Set(devices.filter((d) => d.kind === KIND[role] && d.label && d.deviceId !== 'default' && d.deviceId !== 'communications').map((d) => d.label))];
    const chosen = choice?.[role];
    const list = [{ value: '', label: t('line.systemDefault') }, ...labels.map((l) => ({ value: l, label: l }))];
    if (chosen && !labels.includes(chosen)) list.push({ value: chosen, label: t('line.missingDevice', { label: chosen }) });
    return list;
  };
  return (
    <Card size="small" title={t('line.devices')}>
      {labelsHidden && <Alert type="info" showIcon title={t('line.deviceLabelsHidden')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        {AUDIO_ROLES.map((role) => (
          <Form.Item key={role} label={t(`line.deviceRole.${role}`)} htmlFor={`device-${role}`} validateStatus={missing.includes(role) ? 'warning' : ''}>
            <Space.Compact style={{ width: '100%' }}>
              <Select
                id={`device-${role}`}
                aria-label={t(`line.deviceRole.${role}`)}
                value={choice?.[role] ?? ''}
                options={options(role)}
                onChange={(v: string) => void phone.chooseDevice(role, v === '' ? null : v)}
              />
              {role !== 'input' && <Button onClick={() => phone.playTestTone(role)}>{t('line.testTone')}</Button>}
            </Space.Compact>
          </Form.Item>
        ))}
      </Form>
      <MicCheck />
    </Card>
  );
}
