import { Alert, Button, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnsavedDraft } from '../../../../shared/visits';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';

/**
 * Forms typed and never saved (a crash, a closed window, a forgotten visit), listed when the desk
 * starts and whenever visits change, each with the button that opens it again.
 */
export function UnsavedDrafts() {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const revision = useAppStore((s) => s.visitsRevision);
  const current = useAppStore((s) => s.currentVisitId);
  const setCurrentVisit = useAppStore((s) => s.setCurrentVisit);
  const [drafts, setDrafts] = useState<readonly UnsavedDraft[]>([]);
  useEffect(() => {
    let live = true;
    void api.visits.unsavedDrafts().then((r) => live && r.ok && setDrafts(r.value));
    return () => {
      live = false;
    };
  }, [api, revision, current]);
  const others = drafts.filter((d) => d.visitId !== current);
  if (others.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="unsaved-drafts"
      title={t('visits.drafts.title', { count: others.length })}
      description={
        <List
          size="small"
          dataSource={others}
          renderItem={(d) => (
            <List.Item
              data-testid="unsaved-draft"
              data-visit-id={d.visitId}
              actions={[
                <Button key="open" size="small" onClick={() => setCurrentVisit(d.visitId)}>
                  {t('visits.drafts.open')}
                </Button>,
              ]}
            >
              <Typography.Text>
                {d.customerName || d.customerNumber} · {new Date(d.savedAt).toLocaleString(i18n.language)}
                {d.preview && <Typography.Text type="secondary"> · {d.preview}</Typography.Text>}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}
