import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitReport } from '../../../../shared/visits';
import { rate } from '../../ui/figures';
import { useAppStore } from '../../store';
import { Bars } from '../../ui/Bars';

/** The period report (R-STATS-WEEKLY, R-ANSWER-RATE): volumes, complaints, answer rates, talk and wrap-up time, script use. */
export function ReportView({ report }: { report: VisitReport }) {
  const { t, i18n } = useTranslation();
  const categories = useAppStore((s) => s.settings?.visitCategories ?? []);
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const seconds = (ms: number | null) => (ms === null ? '—' : t('visits.report.seconds', { s: Math.round(ms / 1000) }));
  return (
    <div data-testid="visit-report" style={{ display: 'grid', gap: 12 }}>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'total', label: t('visits.report.total'), children: report.total },
          { key: 'complaints', label: t('visits.report.complaints'), children: t('visits.report.complaintsValue', { total: report.complaints.total, open: report.complaints.open }) },
          { key: 'answer', label: t('visits.report.answerRate'), children: rate(report.inbound.answered, report.inbound.total) },
          { key: 'timely', label: t('visits.report.timelyRate'), children: rate(report.inbound.answeredWithin15s, report.inbound.total) },
          { key: 'handle', label: t('visits.report.meanHandle'), children: seconds(report.meanHandleMs) },
          { key: 'wrapUp', label: t('visits.report.meanWrapUp'), children: seconds(report.meanWrapUpMs) },
          { key: 'greeting', label: t('visits.report.greetingRate'), children: rate(report.script.greeting, report.script.calls) },
          { key: 'waiting', label: t('visits.report.waitingRate'), children: rate(report.script.waiting, report.script.held) },
          { key: 'confirmed', label: t('visits.report.confirmedRate'), children: rate(report.script.confirmed, report.script.calls) },
          { key: 'closing', label: t('visits.report.closingRate'), children: rate(report.script.closing, report.script.calls) },
          { key: 'overrides', label: t('visits.report.overrides'), children: report.script.overrides },
        ]}
      />
      <Bars title={t('visits.field.category')} counts={report.byCategory} label={(k) => categories.find((c) => c.id === k)?.label[locale] ?? (k || '—')} />
      <Bars title={t('visits.report.channel')} counts={report.byChannel} label={(k) => t(`visits.channel.${k}`)} />
      <Bars title={t('visits.report.agent')} counts={report.byOwner} label={(k) => k} />
    </div>
  );
}
