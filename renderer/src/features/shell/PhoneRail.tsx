import { Alert, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { AgentStateControl } from '../agent-state';

/** The left rail the softphone lives in: agent state now; dial pad and call controls plug in here. */
export function PhoneRail() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('phone.title')}>
        <Alert type="info" showIcon title={t('phone.registration.not-configured')} description={t('phone.notConfiguredHint')} />
      </Card>
      <Card size="small">
        <AgentStateControl />
      </Card>
    </Space>
  );
}
