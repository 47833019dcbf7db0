import { LockOutlined } from '@ant-design/icons';
import { ConfigProvider, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedSetting } from '../../../../shared/team';
import { useAppStore } from '../../store';

/**
 * A section of settings the team decides: read-only on a member desk (every control inside is
 * disabled, with a note saying so). The main side refuses the change anyway (TeamService.guardSettings).
 */
export function Managed({ setting, children }: { setting: ManagedSetting; children: ReactNode }) {
  const { t } = useTranslation();
  const managed = useAppStore((s) => s.teamStatus?.managed.includes(setting) ?? false);
  return (
    <div data-testid={`managed-${setting}`} data-managed={managed}>
      {managed && (
        <Typography.Paragraph type="secondary">
          <LockOutlined /> {t('team.managedSection', { what: t(`team.managedKey.${setting}`) })}
        </Typography.Paragraph>
      )}
      <ConfigProvider componentDisabled={managed}>{children}</ConfigProvider>
    </div>
  );
}
