import { Button, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventStatus, VisitEvent } from '../../../../shared/visits';
import { usePlatformApi } from '../../platform/api-context';

const DUE_HOURS = [2, 24, 48] as const;
const NEXT: Partial<Record<EventStatus, EventStatus>> = { submitted: 'in-progress', 'in-progress': 'answered', answered: 'customer-informed' };

/** Events handed to other departments (R-EVENT): submit with a description and due time, track to the customer. */
export function EventsSection({ visitId, events, onChange, onError }: { visitId: number; events: readonly VisitEvent[]; onChange: () => void; onError: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const [department, setDepartment] = useState('');
  const [description, setDescription] = useState('');
  const [hours, setHours] = useState<number>(24);
  const submit = async () => {
    const r = await api.visits.submitEvent({ visitId, department, description, dueAt: Date.now() + hours * 3_600_000 });
    if (!r.ok) return onError(Object.values(r.error.fields ?? {}).join('; ') || r.error.message);
    setDepartment('');
    setDescription('');
    onChange();
  };
  const advance = async (e: VisitEvent) => {
    const next = NEXT[e.status];
    if (!next) return;
    const r = await api.visits.setEventStatus({ id: e.id, status: next });
    if (r.ok) onChange();
    else onError(r.error.message);
  };
  return (
    <section data-testid="visit-events">
      <Typography.Text strong>{t('visits.events.title')}</Typography.Text>
      {events.map((e) => (
        <div key={e.id} data-testid="visit-event" data-status={e.status}>
          <Tag>{e.department}</Tag> {e.description} · {t('visits.events.due', { time: new Date(e.dueAt).toLocaleString(i18n.language) })} ·{' '}
          <Tag color={e.status === 'customer-informed' ? 'success' : 'processing'}>{t(`visits.events.status.${e.status}`)}</Tag>
          {NEXT[e.status] && (
            <Button size="small" onClick={() => void advance(e)}>
              {t(`visits.events.to.${NEXT[e.status]!}`)}
            </Button>
          )}
        </div>
      ))}
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input aria-label={t('visits.events.department')} placeholder={t('visits.events.department')} value={department} onChange={(e) => setDepartment(e.target.value)} style={{ width: 140 }} maxLength={40} />
        <Input aria-label={t('visits.events.description')} placeholder={t('visits.events.description')} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        <Select aria-label={t('visits.events.dueIn')} value={hours} onChange={setHours} style={{ width: 120 }} options={DUE_HOURS.map((h) => ({ value: h, label: t('visits.events.hours', { h }) }))} />
        <Button disabled={!department.trim() || !description.trim()} onClick={() => void submit()}>
          {t('visits.events.submit')}
        </Button>
      </Space.Compact>
    </section>
  );
}
