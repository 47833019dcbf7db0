import { Alert, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSynonyms, parseSynonyms } from '../../../../shared/kb';
import { useAppStore, useAppStoreApi } from '../../store';

/**
 * The synonym list search expands queries with (settings `kbSynonyms`): one group per line. A text
 * with a bad line is not saved; every bad line is named, and the text stays as typed.
 */
export function SynonymsEditor() {
  const { t } = useTranslation();
  const saved = useAppStore((s) => s.settings?.kbSynonyms);
  const store = useAppStoreApi();
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const close = () => {
    setText(null);
    setMessage(null);
  };
  const save = async () => {
    const { groups, errors } = parseSynonyms(text ?? '');
    if (errors.length > 0) {
      setMessage({ ok: false, lines: errors.map((e) => t(`kb.synonyms.error.${e.reason}`, { line: e.line })) });
      return;
    }
    const ok = await store.getState().updateSettings({ kbSynonyms: groups });
    setMessage(ok ? { ok: true, lines: [t('kb.synonyms.saved', { n: groups.length })] } : { ok: false, lines: [store.getState().settingsError?.message ?? ''] });
    if (ok) setText(formatSynonyms(groups));
  };
  return (
    <>
      <Button onClick={() => setText(formatSynonyms(saved ?? []))}>{t('kb.synonyms.button')}</Button>
      <Modal
        open={text !== null}
        title={t('kb.synonyms.title')}
        onCancel={close}
        footer={[
          <Button key="save" type="primary" onClick={() => void save()}>
            {t('kb.synonyms.save')}
          </Button>,
        ]}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            aria-label={t('kb.synonyms.title')}
            autoSize={{ minRows: 8, maxRows: 20 }}
            value={text ?? ''}
            onChange={(e) => {
              setText(e.target.value);
              setMessage(null);
            }}
          />
          {message && <Alert type={message.ok ? 'success' : 'error'} showIcon data-testid="synonyms-result" title={message.lines.join('\n')} style={{ whiteSpace: 'pre-wrap' }} />}
        </Space>
      </Modal>
    </>
  );
}
