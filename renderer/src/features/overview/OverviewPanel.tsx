import { Alert, Button, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';

/** What this desk is running on: version, host, database. Each refresh is a contract round trip. */
export function OverviewPanel() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const error = useAppStore((s) => s.infoError);
  const loadInfo = useAppStore((s) => s.loadInfo);
  return (
    <>
      {error && <Alert type="error" showIcon title={t(`errors.${error.code}`)} description={error.message} />}
      {info && (
        <Descriptions
          title={t('overview.title')}
          bordered
          column={1}
          size="small"
          extra={<Button onClick={() => void loadInfo()}>{t('overview.refresh')}</Button>}
          items={[
            { key: 'version', label: t('overview.version'), children: <span data-testid="app-version">{info.version}</span> },
            { key: 'host', label: t('overview.host'), children: t(`overview.hostKind.${info.host}`) },
            { key: 'platform', label: t('overview.platform'), children: info.platform },
            { key: 'db', label: t('overview.database'), children: <code data-testid="db-path">{info.database.path}</code> },
            { key: 'schema', label: t('overview.schemaVersion'), children: <span data-testid="schema-version">{info.database.schemaVersion}</span> },
          ]}
        />
      )}
    </>
  );
}
