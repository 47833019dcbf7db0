import { Card, Space } from 'antd';
import { AgentStateControl } from '../agent-state';
import { PhonePanel } from '../softphone';

/** The left rail: the softphone and the agent state. */
export function PhoneRail() {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PhonePanel />
      <Card size="small">
        <AgentStateControl />
      </Card>
    </Space>
  );
}
