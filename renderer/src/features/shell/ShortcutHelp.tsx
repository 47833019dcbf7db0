import { Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ShortcutDescription {
  readonly combo: string;
  readonly label: string;
}

export function ShortcutHelp({ open, onClose, shortcuts }: { open: boolean; onClose: () => void; shortcuts: readonly ShortcutDescription[] }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')}>
      <Table
        size="small"
        pagination={false}
        rowKey="combo"
        dataSource={[...shortcuts]}
        columns={[
          { dataIndex: 'combo', title: '⌨', render: (c: string) => <kbd>{c}</kbd>, width: 140 },
          { dataIndex: 'label', title: '' },
        ]}
      />
    </Modal>
  );
}
