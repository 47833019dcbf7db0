import { Alert, Button, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatformApi } from '../../platform/api-context';
import { useLoaded } from '../../platform/use-loaded';
import { useAppStore, useAppStoreApi } from '../../store';

/** With a folder set, the status is read again this often (articles imported since, the fill's progress). */
const POLL_MS = 2_000;

/**
 * The optional semantic signal (issue 19): the folder of a sentence-embedding model the company
 * provides (model.onnx + vocab.txt), set by the admin, and how far the articles are embedded. Empty:
 * search is lexical only.
 */
export function SemanticModel() {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const store = useAppStoreApi();
  const saved = useAppStore((s) => s.settings?.kbModelDir ?? null);
  const [dir, setDir] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const status = useLoaded(() => api.kb.semanticStatus(), [api, saved, tick]);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [saved, tick]);
  const save = () => void store.getState().updateSettings({ kbModelDir: (dir ?? '').trim() || null }).then(() => setDir(null));
  return (
    <Space orientation="vertical" data-testid="semantic-model">
      <Space>
        <Input
          aria-label={t('kb.semantic.folder')}
          placeholder={t('kb.semantic.hint')}
          style={{ width: 360 }}
          value={dir ?? saved ?? ''}
          onChange={(e) => setDir(e.target.value)}
          onPressEnter={save}
        />
        <Button onClick={save} disabled={dir === null}>
          {t('kb.semantic.save')}
        </Button>
      </Space>
      {status?.error && <Alert type="error" showIcon title={status.error} />}
      {status?.model && (
        <Typography.Text type="secondary" data-testid="semantic-status" data-embedded={status.embedded} data-articles={status.articles}>
          {t('kb.semantic.status', { model: status.model, embedded: status.embedded, articles: status.articles })}
        </Typography.Text>
      )}
    </Space>
  );
}
