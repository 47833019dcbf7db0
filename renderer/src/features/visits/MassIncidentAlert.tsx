import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MassIncident } from '../../../../shared/mass-incident';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';

/** Suggests reporting a mass incident (R-MASS) when similar visits pile up; re-checked after each save. */
export function MassIncidentAlert() {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const revision = useAppStore((s) => s.visitsRevision);
  const categories = useAppStore((s) => s.settings?.visitCategories ?? []);
  const windowMinutes = useAppStore((s) => s.settings?.massIncident.windowMinutes ?? 30);
  const [incidents, setIncidents] = useState<MassIncident[]>([]);
  useEffect(() => {
    void api.visits.massIncidents().then((r) => r.ok && setIncidents(r.value));
  }, [api, revision]);
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return incidents.map((m) => (
    <Alert
      key={`${m.category}-${m.firstAt}`}
      type="warning"
      showIcon
      data-testid="mass-incident"
      title={t('visits.mass.title', { count: m.visitIds.length, minutes: windowMinutes, category: categories.find((c) => c.id === m.category)?.label[locale] ?? m.category })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {m.examples.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      }
    />
  ));
}
