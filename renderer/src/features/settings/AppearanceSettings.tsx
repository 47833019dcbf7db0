import { Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { DENSITIES, FONT_SIZES, THEMES, type Appearance } from '../../../../shared/appearance';
import { useAppStore, useAppStoreApi } from '../../store';

/** Text size, light or dark, density: for long days at the desk, remembered per desk (SQLite). */
export function AppearanceSettings() {
  const { t } = useTranslation();
  const appearance = useAppStore((s) => s.settings?.appearance);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const store = useAppStoreApi();
  if (!appearance) return null;
  const set = (patch: Partial<Appearance>) => {
    const current = store.getState().settings?.appearance;
    if (current) void updateSettings({ appearance: { ...current, ...patch } });
  };
  const group = <K extends keyof Appearance>(key: K, values: readonly Appearance[K][]) => (
    <Form.Item label={t(`settings.appearance.${key}`)}>
      <Radio.Group
        optionType="button"
        aria-label={t(`settings.appearance.${key}`)}
        value={appearance[key]}
        onChange={(e) => set({ [key]: e.target.value as Appearance[K] } as Partial<Appearance>)}
        options={values.map((v) => ({ value: v, label: t(`settings.appearance.${key}Option.${v}`) }))}
      />
    </Form.Item>
  );
  return (
    <div data-testid="appearance-settings">
      {group('fontSize', FONT_SIZES)}
      {group('theme', THEMES)}
      {group('density', DENSITIES)}
    </div>
  );
}
