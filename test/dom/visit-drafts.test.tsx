import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CurrentVisit, UnsavedDrafts } from '../../renderer/src/features/visits';
import type { Visit, VisitDetail } from '../../shared/visits';
import { ok } from '../../shared/result';
import { renderApp } from './render-app';

const visit = (id: number, over: Partial<Visit> = {}): Visit => ({
  id,
  channel: 'hotline',
  direction: 'inbound',
  customerNumber: `1380000000${id}`,
  customerName: '',
  contact: '',
  startedAt: 1_000,
  answeredAt: 2_000,
  endedAt: null,
  category: null,
  description: '',
  resolution: '',
  status: 'open',
  complexity: null,
  tags: [],
  owner: '1001',
  callId: null,
  linkedVisitId: null,
  createdAt: 1_000,
  updatedAt: 5_000,
  ...over,
});
const detail = (v: Visit): VisitDetail => ({ visit: v, draft: null, audit: [], deadlines: [], events: [], articles: [], checklist: null, overrides: [] });

describe('visit drafts', () => {
  it('leaving a visit before the autosave fires still saves the last keystrokes, based on the version it was typed on', async () => {
    const { api, store } = await renderApp(
      undefined,
      <>
        <CurrentVisit />
      </>,
    );
    api.visits.get.mockImplementation((async ({ id }: { id: number }) => ok(detail(visit(id)))) as never);
    api.visits.saveDraft.mockImplementation(async () => ok({ savedAt: 6_000, kept: true }) as never);
    act(() => store.getState().setCurrentVisit(1));
    const description = await screen.findByLabelText('客户诉求');
    fireEvent.change(description, { target: { value: '宽带断网，最后几个字' } });
    // the agent opens another visit at once: no wait for the autosave delay
    act(() => store.getState().setCurrentVisit(2));
    expect(api.visits.saveDraft).toHaveBeenCalledTimes(1);
    expect(api.visits.saveDraft).toHaveBeenCalledWith({ id: 1, draft: expect.objectContaining({ description: '宽带断网，最后几个字' }), baseUpdatedAt: 5_000 });
  });

  it('lists forms typed and never saved, and opens one', async () => {
    const { api, store } = await renderApp(undefined, <UnsavedDrafts />);
    api.visits.unsavedDrafts.mockImplementation(
      async () => ok([{ visitId: 9, customerNumber: '13800000009', customerName: '王女士', startedAt: 1_000, savedAt: 9_000, preview: '要求退订流量包' }]) as never,
    );
    act(() => store.getState().visitsChanged());
    const item = await screen.findByTestId('unsaved-draft');
    expect(item.textContent).toContain('王女士');
    expect(item.textContent).toContain('要求退订流量包');
    expect(screen.getByTestId('unsaved-drafts').textContent).toContain('有 1 条来访记录已填写但未保存');
    fireEvent.click(screen.getByRole('button', { name: '打开' }));
    await waitFor(() => expect(store.getState().currentVisitId).toBe(9));
  });
});
