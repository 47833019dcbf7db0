import { Alert, Button, Card, Form, Input, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKS } from '../../../../shared/call-script';
import { VISIT_STATUSES, type LinkedArticle, type Visit, type VisitEvent, type VisitDetail, type VisitFields } from '../../../../shared/visits';
import { usePlatformApi } from '../../platform/api-context';
import { DESK_TAB, useAppStore, useAppStoreApi } from '../../store';
import { KbSuggestions } from '../kb';
import { VisitClocks } from '../deadlines';
import { EscalateButton } from '../escalation';
import { ComplianceHints, useComplianceGate } from '../phrases';
import { useGlobalShortcuts } from '../shell/shortcuts';
import { EventsSection } from './EventsSection';

type FormValues = Pick<VisitFields, 'customerName' | 'contact' | 'category' | 'description' | 'resolution' | 'status' | 'complexity' | 'tags'>;
const EDITABLE: (keyof FormValues)[] = ['customerName', 'contact', 'category', 'description', 'resolution', 'status', 'complexity', 'tags'];
const DRAFT_DELAY_MS = 300;
/** Where the agent starts typing after answering: the first of these still empty. */
const FIRST_FIELDS: (keyof FormValues)[] = ['customerName', 'contact', 'description'];
export const SAVE_VISIT_SHORTCUT = 'Ctrl+S';

const pick = (v: Visit): FormValues => ({
  customerName: v.customerName,
  contact: v.contact,
  category: v.category,
  description: v.description,
  resolution: v.resolution,
  status: v.status,
  complexity: v.complexity,
  tags: v.tags,
});

/**
 * The wrap-up form of one visit: prefilled from the call, autosaved as a draft while the agent types
 * (kill the app and the text is back on restart), saved with field-level errors, and the caller's
 * earlier visits underneath (screen pop). On the desk (`desk`), the knowledge suggestions sit in the
 * pane beside it (the description is handed over through the store), and a visit opened by a call in
 * progress takes the focus to its first empty field, so the agent types straight after answering.
 */
export function WrapUpForm({ visitId, desk = false }: { visitId: number; desk?: boolean }) {
  const { t, i18n } = useTranslation();
  const api = usePlatformApi();
  const categories = useAppStore((s) => s.settings?.visitCategories ?? []);
  const visitsChanged = useAppStore((s) => s.visitsChanged);
  const [form] = Form.useForm<FormValues>();
  // the form is mounted twice (工作台 and 来访记录 tabs): element ids, and so labels, must not collide
  const formName = `visit${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const [visit, setVisit] = useState<Visit | null>(null);
  /** The field to focus once the loaded visit is on screen (the screen pop). */
  const focusFirst = useRef<(typeof FIRST_FIELDS)[number] | null>(null);
  const [history, setHistory] = useState<Visit[]>([]);
  const [events, setEvents] = useState<readonly VisitEvent[]>([]);
  const [articles, setArticles] = useState<readonly LinkedArticle[]>([]);
  const [script, setScript] = useState<Pick<VisitDetail, 'checklist' | 'overrides'>>({ checklist: null, overrides: [] });
  const revision = useAppStore((s) => s.visitsRevision);
  const description = Form.useWatch('description', form) ?? '';
  const resolution = Form.useWatch('resolution', form) ?? '';
  const [draftSavedAt, setDraftSavedAt] = useState<number | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** What was typed and not yet autosaved, with the version it is based on (flushed on leave). */
  const pending = useRef<{ values: Record<string, unknown>; base: number | undefined } | null>(null);
  const baseUpdatedAt = useRef<number | undefined>(undefined);
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const store = useAppStoreApi();
  const setCurrentDescription = useAppStore((s) => s.setCurrentDescription);
  useEffect(() => {
    if (desk) setCurrentDescription(visitId, description);
  }, [desk, visitId, description, setCurrentDescription]);

  // after React has committed the loaded visit (a timer may fire before a busy render lands)
  useEffect(() => {
    const field = focusFirst.current;
    focusFirst.current = null;
    if (visit && field) form.focusField(field);
  }, [visit, form]);

  useEffect(() => {
    let live = true;
    void api.visits.get({ id: visitId }).then(async (r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      setVisit(r.value.visit);
      baseUpdatedAt.current = r.value.visit.updatedAt;
      setEvents(r.value.events);
      form.setFieldsValue({ ...pick(r.value.visit), ...(r.value.draft?.fields as Partial<FormValues> | undefined) });
      setDraftSavedAt(r.value.draft?.savedAt ?? null);
      if (desk && onCallNow(store.getState(), visitId)) {
        // the screen pop: the 工作台 comes up with the new call's visit, wherever the agent was
        store.getState().showTab(DESK_TAB);
        focusFirst.current = FIRST_FIELDS.find((f) => !form.getFieldValue(f)) ?? null;
      }
      const h = await api.visits.history({ customerNumber: r.value.visit.customerNumber });
      if (live && h.ok) setHistory(h.value.filter((v) => v.id !== visitId));
    });
    // leaving the visit (another visit, another tab, closing the window) saves what was typed
    const flush = () => {
      clearTimeout(timer.current);
      const typed = pending.current;
      pending.current = null;
      if (typed) void api.visits.saveDraft({ id: visitId, draft: typed.values, ...(typed.base ? { baseUpdatedAt: typed.base } : {}) });
    };
    window.addEventListener('pagehide', flush);
    return () => {
      live = false;
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [api, form, visitId, desk, store]);

  // linked articles change from the knowledge-base panel too, the script checklist from the phrase panel
  useEffect(() => {
    let live = true;
    void api.visits.get({ id: visitId }).then((r) => {
      if (!live || !r.ok) return;
      setArticles(r.value.articles);
      setScript({ checklist: r.value.checklist, overrides: r.value.overrides });
    });
    return () => {
      live = false;
    };
  }, [api, visitId, revision]);

  const unlink = async (articleId: string) => {
    const r = await api.visits.unlinkArticle({ visitId, articleId });
    if (!r.ok) return setError(r.error.message);
    setArticles(r.value);
  };

  /** After an event changed: the visit's status may have moved with it. */
  const reloadEvents = async () => {
    const r = await api.visits.get({ id: visitId });
    if (!r.ok) return setError(r.error.message);
    setEvents(r.value.events);
    setVisit(r.value.visit);
    baseUpdatedAt.current = r.value.visit.updatedAt;
    form.setFieldValue('status', r.value.visit.status);
    visitsChanged();
  };

  const saveDraft = () => {
    clearTimeout(timer.current);
    pending.current = { values: form.getFieldsValue(EDITABLE) as Record<string, unknown>, base: baseUpdatedAt.current };
    timer.current = setTimeout(() => {
      const typed = pending.current;
      pending.current = null;
      if (!typed) return;
      void api.visits.saveDraft({ id: visitId, draft: typed.values, ...(typed.base ? { baseUpdatedAt: typed.base } : {}) }).then((r) => {
        if (r.ok && r.value.kept) setDraftSavedAt(r.value.savedAt);
        else if (!r.ok) setError(r.error.message);
      });
    }, DRAFT_DELAY_MS);
  };

  const gate = useComplianceGate(visit?.owner);
  const { guard } = gate;
  const save = useCallback(async () => {
    clearTimeout(timer.current);
    pending.current = null;
    const values = form.getFieldsValue(EDITABLE);
    // what the agent answered is checked before it is kept; the customer's words are only flagged
    await guard(values.resolution ?? '', 'resolution', visitId, async () => {
      const r = await api.visits.update({ id: visitId, fields: values, ...(visit ? { expectedUpdatedAt: visit.updatedAt } : {}) });
      if (!r.ok) {
        setError(r.error.message);
        form.setFields(Object.entries(r.error.fields ?? {}).map(([path, message]) => ({ name: path.replace(/^fields\./, '').split('.')[0] as keyof FormValues, errors: [message] })));
        return;
      }
      setError(null);
      setVisit(r.value);
      baseUpdatedAt.current = r.value.updatedAt;
      setDraftSavedAt(null);
      setSavedAt(Date.now());
      visitsChanged();
    });
  }, [api, form, guard, visit, visitId, visitsChanged]);

  const card = useRef<HTMLDivElement>(null);
  useGlobalShortcuts(useMemo(() => [{ combo: SAVE_VISIT_SHORTCUT, run: () => void save(), shownWith: card }], [save]));
  const category = Form.useWatch('category', form);
  const isComplaint = categories.find((c) => c.id === category)?.followUp === 'complaint';
  const isSuggestion = category === 'suggestion';

  if (!visit) return error ? <Alert type="error" showIcon title={error} /> : null;
  const time = (ms: number) => new Date(ms).toLocaleTimeString(locale);
  return (
    <Card
      ref={card}
      size="small"
      data-testid="wrap-up-form"
      data-visit-id={visit.id}
      title={`${t('visits.form.title')} · ${visit.customerNumber}`}
      extra={
        <Space>
          {savedAt && !draftSavedAt && <Tag color="success">{t('visits.form.saved')}</Tag>}
          <EscalateButton shortcut customerNumber={visit.customerNumber} visitId={visit.id} {...(visit.customerName ? { customerName: visit.customerName } : {})} />
          <Tooltip title={SAVE_VISIT_SHORTCUT}>
            <Button type="primary" aria-keyshortcuts={SAVE_VISIT_SHORTCUT} onClick={() => void save()}>
              {t('visits.form.save')}
            </Button>
          </Tooltip>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {gate.dialog}
      <Typography.Paragraph type="secondary">
        {t(`visits.direction.${visit.direction}`)} · {new Date(visit.startedAt).toLocaleString(locale)} · {t('visits.owner')}: {visit.owner}
        {/* here rather than in the header, whose title a narrow pane would cut */}
        {draftSavedAt && <span data-testid="draft-saved"> · {t('visits.form.draftSaved', { time: time(draftSavedAt) })}</span>}
      </Typography.Paragraph>
      <VisitClocks visitId={visit.id} />
      <Form<FormValues> form={form} name={formName} layout="vertical" onValuesChange={saveDraft}>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="customerName" label={t('visits.field.customerName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contact" label={t('visits.field.contact')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="category" label={t('visits.field.category')} htmlFor={`${formName}-category`}>
            <Select id={`${formName}-category`} style={{ width: 160 }} allowClear options={categories.map((c) => ({ value: c.id, label: c.label[locale] }))} />
          </Form.Item>
          <Form.Item name="status" label={t('visits.field.status')} htmlFor={`${formName}-status`}>
            <Select id={`${formName}-status`} style={{ width: 160 }} options={VISIT_STATUSES.map((s) => ({ value: s, label: t(`visits.status.${s}`) }))} />
          </Form.Item>
        </Space>
        {isComplaint && (
          <Form.Item name="complexity" label={t('visits.field.complexity')}>
            <Radio.Group options={(['simple', 'complex'] as const).map((c) => ({ value: c, label: t(`visits.complexity.${c}`) }))} />
          </Form.Item>
        )}
        {isSuggestion && <Alert type="info" showIcon data-testid="voc-thanks" title={t('visits.vocThanks')} style={{ marginBottom: 12 }} />}
        <Form.Item name="description" label={t('visits.field.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
        <ComplianceHints text={description} customerWords agentId={visit.owner} customerNumber={visit.customerNumber} visitId={visit.id} />
        <Form.Item name="resolution" label={t('visits.field.resolution')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
        <ComplianceHints text={resolution} agentId={visit.owner} />
        <Form.Item name="tags" label={t('visits.field.tags')} htmlFor={`${formName}-tags`}>
          <Select id={`${formName}-tags`} mode="tags" maxCount={10} />
        </Form.Item>
      </Form>
      {!desk && <KbSuggestions text={description} />}
      {articles.length > 0 && (
        <section data-testid="visit-articles">
          <Typography.Text strong>{t('kb.linkedTitle')}</Typography.Text>{' '}
          {articles.map((a) => (
            <Tag key={a.articleId} closable onClose={() => void unlink(a.articleId)}>
              {a.title}
            </Tag>
          ))}
        </section>
      )}
      {script.checklist && (
        <section data-testid="visit-checklist">
          <Typography.Text strong>{t('phrases.checklist.title')}：</Typography.Text>
          {CHECKS.filter((c) => script.checklist![c] !== null).map((c) => (
            <Tag key={c} data-check={c} data-done={script.checklist![c]} color={script.checklist![c] ? 'success' : 'error'}>
              {script.checklist![c] ? '✓' : '✗'} {t(`phrases.checklist.${c}`)}
            </Tag>
          ))}
        </section>
      )}
      {script.overrides.length > 0 && (
        <section data-testid="visit-overrides">
          <Typography.Text strong>{t('visits.overrides')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {script.overrides.map((o) => (
              <li key={o.id}>
                {time(o.at)} · {o.agent} · {o.findings.map((f) => `${t(`phrases.rule.${f.rule}`)}“${f.match}”`).join('、')} · {t('visits.overrideReason', { reason: o.reason })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <EventsSection visitId={visit.id} events={events} onChange={() => void reloadEvents()} onError={setError} />
      {history.length > 0 && (
        <section data-testid="visit-history">
          <Typography.Text strong>{t('visits.history', { count: history.length })}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {history.map((v) => (
              <li key={v.id}>
                {new Date(v.startedAt).toLocaleDateString(locale)} · {categories.find((c) => c.id === v.category)?.label[locale] ?? '—'} · {t(`visits.status.${v.status}`)} ·{' '}
                {v.description.slice(0, 60)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}

/** Whether a call still in progress is logged in this visit. */
function onCallNow(s: { calls: readonly { id: string; phase: string }[]; callVisits: Readonly<Record<string, number>> }, visitId: number): boolean {
  return s.calls.some((c) => c.phase !== 'ended' && s.callVisits[c.id] === visitId);
}

/** The visit of the current (or last) call, on the desk's first tab. */
export function CurrentVisit() {
  const id = useAppStore((s) => s.currentVisitId);
  return id === null ? null : <WrapUpForm key={id} visitId={id} desk />;
}
