import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { useSoftphone } from '../softphone';

/**
 * A lead's roster: the agents of its team (设置 → 团队), each one call away. Presence and the
 * monitoring controls join it with the signed team directory (issues 16 and 17).
 */
export function RosterPane() {
  const { t } = useTranslation();
  const agents = useAppStore((s) => s.settings?.team.agents ?? []);
  const registered = useAppStore((s) => s.registration.status === 'registered');
  const phone = useSoftphone();
  return (
    <Card size="small" title={t('desk.roster')} data-testid="roster">
      {agents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.rosterEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={agents}
          renderItem={(agent) => (
            <List.Item
              key={agent}
              actions={[
                <Tooltip key="call" title={t('desk.callAgent', { agent })}>
                  <Button size="small" icon={<PhoneOutlined />} aria-label={t('desk.callAgent', { agent })} disabled={!registered} onClick={() => void phone.dial(agent)} />
                </Tooltip>,
              ]}
            >
              {agent}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
