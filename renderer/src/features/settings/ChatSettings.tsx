import { Form, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChatCapacitySchema, type ChatCapacity } from '../../../../shared/chat';
import { useAppStore } from '../../store';

/** How many online conversations the agent takes at once, and while on a voice call (issue 18). */
export function ChatSettings() {
  const { t } = useTranslation();
  const capacity = useAppStore((s) => s.settings?.chatCapacity);
  const updateSettings = useAppStore((s) => s.updateSettings);
  if (!capacity) return null;
  const change = (patch: Partial<ChatCapacity>) => {
    const next = ChatCapacitySchema.safeParse({ ...capacity, ...patch });
    if (next.success) void updateSettings({ chatCapacity: next.data });
  };
  return (
    <Form.Item label={t('settings.chatCapacity.title')} data-testid="chat-capacity">
      <Space wrap>
        <InputNumber aria-label={t('settings.chatCapacity.conversations')} addonBefore={t('settings.chatCapacity.conversations')} min={1} max={20} precision={0} value={capacity.conversations} onChange={(n) => typeof n === 'number' && change({ conversations: n, onCall: Math.min(capacity.onCall, n) })} />
        <InputNumber aria-label={t('settings.chatCapacity.onCall')} addonBefore={t('settings.chatCapacity.onCall')} min={0} max={capacity.conversations} precision={0} value={capacity.onCall} onChange={(n) => typeof n === 'number' && change({ onCall: n })} />
      </Space>
    </Form.Item>
  );
}
