import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { RegistrationTag } from '../softphone';
import { MaintenanceProgress } from './MaintenanceProgress';

/** Bottom bar: line registration, agent state, host and schema, always visible. */
export function StatusBar() {
  const { t } = useTranslation();
  const agentStatus = useAppStore((s) => s.agent.status);
  const info = useAppStore((s) => s.info);
  return (
    <Space separator={<span aria-hidden>·</span>} wrap>
      <RegistrationTag testId="status-registration" />
      <span>
        {t('agent.label')}: {t(`agent.status.${agentStatus}`)}
      </span>
      {info && (
        <Typography.Text type="secondary">
          {t(`overview.hostKind.${info.host}`)} · {t('status.schema', { version: info.database.schemaVersion })}
        </Typography.Text>
      )}
      <MaintenanceProgress />
    </Space>
  );
}
