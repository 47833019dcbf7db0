import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PhrasePanel, trackScript } from '../../renderer/src/features/phrases';
import { PhonePanel } from '../../renderer/src/features/softphone';
import { trackVisits } from '../../renderer/src/features/visits';
import { ok } from '../../shared/result';
import type { CallSnapshot } from '../../shared/softphone';
import { renderApp } from './render-app';

const T0 = 1_700_000_000_000;
const connected: CallSnapshot = { id: 'c1', direction: 'inbound', remoteUser: '13800138000', phase: 'connected', held: false, muted: false, startedAt: T0, answeredAt: T0, iceRestarts: 0, role: 'customer' };

async function setup() {
  const app = await renderApp(
    () => Date.now(),
    <>
      <PhonePanel />
      <PhrasePanel />
    </>,
  );
  app.api.visits.open.mockImplementation(async () => ok({ id: 7 }) as never);
  trackVisits(app.store, app.api);
  trackScript(app.store, app.api);
  await act(() => app.store.getState().loadPhrases('zh-CN'));
  const hangup = vi.spyOn(app.softphone, 'hangup').mockResolvedValue(undefined);
  const phone = (calls: CallSnapshot[], lastEnded: CallSnapshot | null = null) =>
    act(() => app.store.getState().setPhoneSnapshot({ registration: { status: 'registered' }, calls, lastEnded, dtmfReceived: {} }));
  const saved = () => app.api.visits.setChecklist.mock.calls.map(([a]) => a);
  return { ...app, hangup, phone, saved, panel: screen.getByTestId('phrase-panel') };
}

describe('per-call script checklist', () => {
  beforeEach(() => void vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }));
  afterEach(() => void vi.useRealTimers());

  it('ticks what the panel was used for, owes the waiting phrase once held, and saves it with the visit', async () => {
    const { store, phone, saved, panel } = await setup();
    await phone([connected]);
    fireEvent.click(within(panel).getByText('开头'));
    fireEvent.click(within(panel).getByText(/欢迎致电/));
    expect(store.getState().checklists.c1).toEqual({ greeting: true, waiting: null, confirmed: false, closing: false });
    await act(() => vi.advanceTimersByTimeAsync(500)); // the visit is logged
    expect(saved().at(-1)).toEqual({ visitId: 7, checklist: { greeting: true, waiting: null, confirmed: false, closing: false } });
    await phone([{ ...connected, held: true }]);
    expect(saved().at(-1)?.checklist.waiting).toBe(false);
    fireEvent.click(within(panel).getByText('对不起，请您稍等片刻，好吗？'));
    await phone([connected]);
    const ended = { ...connected, phase: 'ended' as const, endReason: 'local-hangup' as const };
    await phone([], ended);
    act(() => store.setState({ agent: { status: 'wrap-up', returnTo: { status: 'ready' } } }));
    fireEvent.click(within(panel).getByText('请问我刚才的解释您是否明白？'));
    fireEvent.click(within(panel).getByText('感谢您的来电，若有问题请再次来电，谢谢，再见！'));
    expect(saved().at(-1)).toEqual({ visitId: 7, checklist: { greeting: true, waiting: true, confirmed: true, closing: true } });
    // the next call starts its own list; the ended one is dropped
    await phone([{ ...connected, id: 'c2' }]);
    expect(Object.keys(store.getState().checklists)).toEqual(['c2']);
  });

  it('asks before hanging up without the closing phrase; after the closing it hangs up at once', async () => {
    const { hangup, phone, panel } = await setup();
    await phone([connected]);
    fireEvent.click(screen.getByRole('button', { name: '挂断' }));
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(screen.getByText('还没有说结束语')).toBeInTheDocument();
    expect(screen.getByTestId('closing-reminder')).toHaveTextContent('感谢您的来电');
    fireEvent.click(screen.getByRole('button', { name: '返回通话' }));
    expect(hangup).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'h', code: 'KeyH', altKey: true }); // Alt+H asks too
    await act(() => vi.advanceTimersByTimeAsync(500));
    fireEvent.click(screen.getByRole('button', { name: '仍要挂断' }));
    expect(hangup).toHaveBeenCalledWith('c1');
    hangup.mockClear();
    fireEvent.click(within(panel).getByText('结束'));
    fireEvent.click(within(panel).getByText('感谢您的来电，若有问题请再次来电，谢谢，再见！'));
    fireEvent.click(screen.getByRole('button', { name: '挂断' }));
    expect(hangup).toHaveBeenCalledWith('c1');
  }, 30_000); // the file's first modal pays antd's style generation in jsdom (~3 s here, more on a busy machine)

  it('runs the silent-call script: greet, 5 s, greet, 5 s, no-sound phrase, 5 s, then hang up (R-SILENT-5S)', async () => {
    const { store, hangup, phone } = await setup();
    await phone([connected]);
    fireEvent.click(screen.getByTestId('flow-silent'));
    const flow = screen.getByTestId('script-flow');
    const hangupInFlow = within(flow).getByRole('button', { name: '挂断' });
    expect(screen.getByTestId('flow-phrase')).toHaveTextContent('您好！请问有什么可以帮助您？');
    expect(screen.getByTestId('flow-countdown')).toHaveTextContent('5 秒后进入下一步');
    expect(hangupInFlow).toBeDisabled();
    expect(store.getState().checklists.c1?.greeting).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(flow).toHaveAttribute('data-step', '1');
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(screen.getByTestId('flow-phrase')).toHaveTextContent('您的电话没有声音');
    expect(hangupInFlow).toBeDisabled();
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(flow).toHaveAttribute('data-step', '3');
    expect(store.getState().checklists.c1?.closing).toBe(true);
    fireEvent.click(hangupInFlow);
    expect(hangup).toHaveBeenCalledWith('c1'); // the script said goodbye: no question asked
  });
});
