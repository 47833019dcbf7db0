import { Alert, Form, Input, Select, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_CLOCKS, DeadlinePolicySchema, VISIT_CLOCKS, type ClockId, type DeadlinePolicy, type DeadlineRule } from '../../../../shared/deadlines';
import { useAppStore } from '../../store';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/**
 * The deadline policy (resources/policies/default.json as shipped): each clock's duration, amber
 * threshold, whether it counts business hours only, pausing and escalating on breach, and the
 * business calendar. Every edit is checked against the schema first; a bad value is shown with the
 * reason and nothing is saved. The main side checks again.
 */
export function DeadlineSettings() {
  const { t, i18n } = useTranslation();
  const policy = useAppStore((s) => s.settings?.deadlinePolicy);
  const wrapUpEnd = useAppStore((s) => s.settings?.wrapUpEnd);
  const reasons = useAppStore((s) => s.settings?.notReadyReasons ?? []);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [problem, setProblem] = useState<string | null>(null);
  if (!policy || !wrapUpEnd) return null;
  const save = (next: DeadlinePolicy) => {
    const parsed = DeadlinePolicySchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setProblem(`${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    setProblem(null);
    void updateSettings({ deadlinePolicy: parsed.data });
  };
  const setRule = (id: ClockId, patch: Partial<DeadlineRule>) => save({ ...policy, rules: { ...policy.rules, [id]: { ...policy.rules[id], ...patch } } });
  const hours = policy.businessHours;
  const setHours = (patch: Partial<typeof hours>) => save({ ...policy, businessHours: { ...hours, ...patch } });
  // an input that saves on blur / Enter and shows the stored value again when it was refused
  const text = (id: string, label: string, value: string, onSave: (v: string) => void, width = 90) => (
    <Input id={id} aria-label={label} key={value} defaultValue={value} style={{ width }} onBlur={(e) => e.target.value !== value && onSave(e.target.value.trim())} onPressEnter={(e) => e.currentTarget.blur()} />
  );
  /** A table cell's control is named by its row and column: "振铃 · 时限". */
  const cell = (id: ClockId, column: 'duration' | 'dueSoon' | 'businessHours' | 'escalate') => `${t(`deadlines.clock.${id}`)} · ${t(`settings.deadlines.${column}`)}`;
  const dates = (id: string, list: readonly string[], onSave: (v: string[]) => void) => (
    <Select id={id} mode="tags" open={false} suffixIcon={null} value={[...list]} tokenSeparators={[',', '，', ' ']} placeholder="2026-10-01" onChange={(v: string[]) => onSave(v.map((x) => x.trim()).filter(Boolean))} />
  );
  return (
    <Form.Item label={t('settings.deadlines.title')} extra={t('settings.deadlines.hint')}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} data-testid="deadline-policy-problem" />}
      <Table<{ id: ClockId; rule: DeadlineRule }>
        size="small"
        pagination={false}
        rowKey="id"
        data-testid="deadline-policy"
        dataSource={[...CALL_CLOCKS, ...VISIT_CLOCKS].map((id) => ({ id, rule: policy.rules[id] }))}
        columns={[
          { title: t('settings.deadlines.clock'), render: (_, { id, rule }) => `${t(`deadlines.clock.${id}`)}${rule.seed ? ` (${rule.seed})` : ''}` },
          {
            title: t('settings.deadlines.duration'),
            render: (_, { id, rule }) => (rule.duration === 'given' || rule.duration === 'next-business-day' ? t(`settings.deadlines.${rule.duration}`) : text(`deadline-${id}-duration`, cell(id, 'duration'), rule.duration, (duration) => setRule(id, { duration }))),
          },
          { title: t('settings.deadlines.dueSoon'), render: (_, { id, rule }) => text(`deadline-${id}-due-soon`, cell(id, 'dueSoon'), rule.dueSoon, (dueSoon) => setRule(id, { dueSoon })) },
          {
            title: t('settings.deadlines.businessHours'),
            render: (_, { id, rule }) => <Switch size="small" aria-label={cell(id, 'businessHours')} checked={rule.businessHours} onChange={(businessHours) => setRule(id, { businessHours })} />,
          },
          {
            title: t('settings.deadlines.escalate'),
            render: (_, { id, rule }) => (
              <Switch
                size="small"
                aria-label={cell(id, 'escalate')}
                checked={rule.onBreach.includes('escalate')}
                onChange={(on) => setRule(id, { onBreach: on ? [...rule.onBreach.filter((a) => a !== 'escalate'), 'escalate'] : rule.onBreach.filter((a) => a !== 'escalate') })}
              />
            ),
          },
        ]}
      />
      <Form.Item label={t('settings.deadlines.wrapUpEnd')} htmlFor="wrap-up-end" style={{ marginTop: 12 }}>
        <Select<string>
          id="wrap-up-end"
          style={{ minWidth: 240 }}
          value={wrapUpEnd.then === 'ready' ? 'ready' : wrapUpEnd.reasonId}
          onChange={(v) => void updateSettings({ wrapUpEnd: v === 'ready' ? { ...wrapUpEnd, then: 'ready' } : { then: 'not-ready', reasonId: v } })}
          options={[
            { value: 'ready', label: t('settings.deadlines.wrapUpReady') },
            ...reasons.map((r) => ({ value: r.id, label: t('settings.deadlines.wrapUpNotReady', { reason: r.label[i18n.language === 'en-US' ? 'en-US' : 'zh-CN'] }) })),
          ]}
        />
      </Form.Item>
      <Form.Item label={t('settings.deadlines.calendar')}>
        <Select<number[]>
          id="deadline-days"
          aria-label={t('settings.deadlines.days')}
          mode="multiple"
          style={{ minWidth: 320 }}
          value={[...hours.days]}
          onChange={(days) => setHours({ days })}
          options={WEEKDAYS.map((d) => ({ value: d, label: t(`settings.deadlines.weekday.${d}`) }))}
        />
        <div style={{ display: 'flex', gap: 8, marginTop: 8, alignItems: 'center' }}>
          {text('deadline-open', t('settings.deadlines.open'), hours.open, (open) => setHours({ open }), 80)}–{text('deadline-close', t('settings.deadlines.close'), hours.close, (close) => setHours({ close }), 80)}
          {text('deadline-time-zone', t('settings.deadlines.timeZone'), hours.timeZone, (timeZone) => setHours({ timeZone }), 180)}
        </div>
      </Form.Item>
      <Form.Item label={t('settings.deadlines.holidays')} htmlFor="deadline-holidays">
        {dates('deadline-holidays', hours.holidays, (holidays) => setHours({ holidays }))}
      </Form.Item>
      <Form.Item label={t('settings.deadlines.workdays')} htmlFor="deadline-workdays">
        {dates('deadline-workdays', hours.workdays, (workdays) => setHours({ workdays }))}
      </Form.Item>
    </Form.Item>
  );
}
