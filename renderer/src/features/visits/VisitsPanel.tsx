import { Alert, Button, Input, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_STATUSES, type Visit, type VisitReport, type VisitStatus } from '../../../../shared/visits';
import { downloadFile } from '../../platform/download';
import { Transcript } from '../chat';
import { Recordings } from '../recording';
import { usePlatformApi } from '../../platform/api-context';
import { useAppStore } from '../../store';
import { TeamWeekView } from '../team';
import { ReportView } from './ReportView';
import { WrapUpForm } from './WrapUpForm';
import { fromBase64 } from '../../platform/base64';

const PAGE = 20;
const DAY = 86_400_000;

/** A range of days: its report on screen, or its visits saved as CSV / XLSX (a download; a save dialog in Electron). */
function ExportBar({ onError }: { onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const api = usePlatformApi();
  const [range, setRange] = useState<[string, string]>(() => {
    const today = new Date().toLocaleDateString('sv');
    return [new Date(Date.now() - 6 * DAY).toLocaleDateString('sv'), today];
  });
  const [busy, setBusy] = useState(false);
  const leadInTeam = useAppStore((s) => Boolean(s.teamStatus?.role) && s.settings?.team.role === 'lead');
  const [report, setReport] = useState<VisitReport | null>(null);
  const period = () => ({ from: new Date(`${range[0]}T00:00:00`).getTime(), to: new Date(`${range[1]}T00:00:00`).getTime() + DAY });
  const showReport = async () => {
    const r = await api.visits.report(period());
    if (!r.ok) return onError(r.error.message);
    onError(null);
    setReport(r.value);
  };
  const run = async (format: 'csv' | 'xlsx') => {
    const { from, to } = period();
    setBusy(true);
    const r = await api.visits.export({ from, to, format });
    setBusy(false);
    if (!r.ok) return onError(r.error.message);
    onError(null);
    downloadFile(fromBase64(r.value.base64), r.value.fileName, format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('visits.export.period')}</span>
        <Input type="date" aria-label={t('visits.export.from')} value={range[0]} onChange={(e) => setRange([e.target.value, range[1]])} style={{ width: 150 }} />
        <Input type="date" aria-label={t('visits.export.to')} value={range[1]} onChange={(e) => setRange([range[0], e.target.value])} style={{ width: 150 }} />
        <Button loading={busy} onClick={() => void run('xlsx')}>
          {t('visits.export.xlsx')}
        </Button>
        <Button loading={busy} onClick={() => void run('csv')}>
          {t('visits.export.csv')}
        </Button>
        <Button onClick={() => void showReport()}>{t('visits.report.show')}</Button>
      </Space>
      {report && <ReportView report={report} />}
      {leadInTeam && <TeamWeekView />}
    </Space>
  );
}

/** The visit log: search (Chinese words, number prefix), filters, pages; a row opens its form. */
export function VisitsPanel() {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const categories = useAppStore((s) => s.settings?.visitCategories ?? []);
  const revision = useAppStore((s) => s.visitsRevision);
  const [text, setText] = useState('');
  const [number, setNumber] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [status, setStatus] = useState<VisitStatus | undefined>();
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<{ items: Visit[]; total: number; totalCapped: boolean }>({ items: [], total: 0, totalCapped: false });
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';

  useEffect(() => {
    let live = true;
    const query = {
      ...(text.trim() ? { text: text.trim() } : {}),
      ...(number.trim() ? { customerNumber: number.trim() } : {}),
      ...(category ? { category } : {}),
      ...(status ? { status } : {}),
      offset: (page - 1) * PAGE,
      limit: PAGE,
    };
    // search as you type, a beat after the last key
    const timer = setTimeout(() => {
      void api.visits.list(query).then((r) => {
        if (!live) return;
        if (r.ok) {
          setRows(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, text, number, category, status, page, revision]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search aria-label={t('visits.search.text')} placeholder={t('visits.search.text')} allowClear value={text} onChange={(e) => (setText(e.target.value), setPage(1))} style={{ width: 240 }} />
        <Input aria-label={t('visits.search.number')} placeholder={t('visits.search.number')} allowClear value={number} onChange={(e) => (setNumber(e.target.value), setPage(1))} style={{ width: 180 }} />
        <Select aria-label={t('visits.field.category')} placeholder={t('visits.field.category')} allowClear style={{ width: 140 }} value={category} onChange={(v?: string) => (setCategory(v), setPage(1))} options={categories.map((c) => ({ value: c.id, label: c.label[locale] }))} />
        <Select aria-label={t('visits.field.status')} placeholder={t('visits.field.status')} allowClear style={{ width: 140 }} value={status} onChange={(v?: VisitStatus) => (setStatus(v), setPage(1))} options={VISIT_STATUSES.map((s) => ({ value: s, label: t(`visits.status.${s}`) }))} />
      </Space>
      <ExportBar onError={setError} />
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Visit>
        size="small"
        rowKey="id"
        data-testid="visits-table"
        dataSource={rows.items}
        onRow={(v) => ({ onClick: () => setOpenId(v.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE, total: rows.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => (rows.totalCapped ? t('visits.search.totalCapped', { n }) : t('visits.search.total', { n })) }}
        columns={[
          { title: t('visits.field.startedAt'), dataIndex: 'startedAt', render: (ms: number) => new Date(ms).toLocaleString(locale), width: 170 },
          { title: t('visits.field.customerNumber'), dataIndex: 'customerNumber', width: 140 },
          { title: t('visits.field.customerName'), dataIndex: 'customerName', width: 100 },
          { title: t('visits.field.category'), dataIndex: 'category', width: 100, render: (id: string | null) => categories.find((c) => c.id === id)?.label[locale] ?? '—' },
          { title: t('visits.field.status'), dataIndex: 'status', width: 100, render: (s: VisitStatus) => t(`visits.status.${s}`) },
          { title: t('visits.field.description'), dataIndex: 'description', ellipsis: true },
        ]}
      />
      {openId !== null && (
        <>
          <Button onClick={() => setOpenId(null)}>{t('visits.close')}</Button>
          <WrapUpForm key={openId} visitId={openId} />
          <Transcript visitId={openId} />
          <Recordings visitId={openId} />
        </>
      )}
    </Space>
  );
}
