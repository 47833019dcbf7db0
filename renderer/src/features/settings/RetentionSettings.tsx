import { Alert, Form, InputNumber, Radio, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '../../../../shared/retention';
import { useAppStore, useAppStoreApi } from '../../store';

const DEFAULT_DAYS = 365;

/**
 * How long customers' personal data stays on this desk. Off by default, and then says so plainly;
 * when on, older visits are anonymised or deleted in the background (progress in the status bar,
 * each run in the desk log).
 */
export function RetentionSettings() {
  const { t } = useTranslation();
  const policy = useAppStore((s) => s.settings?.retention);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const store = useAppStoreApi();
  const [typed, setTyped] = useState<number | null>(null);
  // merged with the stored policy at the time of the change, not the one this render saw
  const patch = (p: Partial<RetentionPolicy>) => {
    const current = store.getState().settings?.retention;
    if (current) void updateSettings({ retention: { ...current, ...p } });
  };
  if (!policy) return null;
  const on = policy.days !== null;
  return (
    <Form.Item label={t('settings.retention.title')} data-testid="retention-settings">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Switch
            aria-label={t('settings.retention.enable')}
            checked={on}
            onChange={(enable) => patch({ days: enable ? DEFAULT_DAYS : null })}
          />
          <span>{t('settings.retention.enable')}</span>
        </Space>
        {on ? (
          <>
            <Space>
              <span>{t('settings.retention.keep')}</span>
              <InputNumber
                id="retention-days"
                aria-label={t('settings.retention.days')}
                min={1}
                max={3650}
                precision={0}
                value={typed ?? policy.days}
                onChange={(v) => setTyped(v)}
                onBlur={() => {
                  if (typed !== null && typed !== policy.days) patch({ days: typed });
                  setTyped(null);
                }}
                onPressEnter={(e) => e.currentTarget.blur()}
              />
              <span>{t('settings.retention.daysUnit')}</span>
            </Space>
            <Radio.Group
              value={policy.action}
              onChange={(e) => patch({ action: e.target.value as RetentionPolicy['action'] })}
              options={[
                { value: 'anonymise', label: t('settings.retention.anonymise') },
                { value: 'delete', label: t('settings.retention.delete') },
              ]}
            />
          </>
        ) : (
          <Alert type="warning" showIcon data-testid="retention-off" title={t('settings.retention.off')} />
        )}
      </Space>
    </Form.Item>
  );
}
