import { act, cleanup, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CountdownStrip, DeadlineBoard, watchDeadlines, type AlertOutlets } from '../../renderer/src/features/deadlines';
import type { VisitClock } from '../../shared/deadlines';
import { ok } from '../../shared/result';
import type { VisitDeadline } from '../../shared/visits';
import { renderApp } from './render-app';

const T0 = Date.UTC(2026, 10, 23, 2); // Monday 10:00 Beijing; ticks land 2 ms after each second
const MIN = 60_000;
const HOUR = 60 * MIN;

let nextId = 1;
const deadline = (clock: VisitClock, startedAt: number, durationMs: number, over: Partial<VisitDeadline> = {}): VisitDeadline => ({
  id: nextId++,
  visitId: 10 + nextId,
  clock,
  subject: 0,
  startedAt,
  durationMs,
  businessHours: false,
  pausedAt: null,
  pausedMs: 0,
  doneAt: null,
  soonAlertedAt: null,
  breachAlertedAt: null,
  customerNumber: `1380000000${nextId}`,
  customerName: '',
  summary: '宽带断网',
  ...over,
});

function outlets() {
  return {
    notify: vi.fn<AlertOutlets['notify']>(),
    escalate: vi.fn<AlertOutlets['escalate']>(),
    text: (kind: 'due-soon' | 'breached', d: VisitDeadline) => `${kind} ${d.clock} ${d.customerNumber}`,
    summary: (n: number) => `${n} deadlines`,
  };
}

async function setup(list: VisitDeadline[], part: React.ReactNode) {
  const app = await renderApp(Date.now, part);
  app.api.deadlines.running.mockImplementation(async () => ok(list));
  const out = outlets();
  let stop = () => {};
  await act(async () => {
    stop = watchDeadlines(app.store, app.api, out);
    await vi.advanceTimersByTimeAsync(0);
  });
  return { ...app, out, stop };
}

describe('deadline board and countdowns (fake clock)', () => {
  beforeEach(() => void vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] }));
  afterEach(() => {
    cleanup(); // unmount first: the ticker's pending timer belongs to this test's fake clock
    vi.useRealTimers();
  });

  it('counts down every second without re-rendering, and re-renders the header only when a clock turns', async () => {
    const commits = vi.fn();
    const { stop } = await setup(
      [
        deadline('issue-resolve', T0 - 21 * HOUR, 24 * HOUR), // due in 3 h: amber (4 h threshold)
        deadline('follow-up', T0, 7 * 24 * HOUR),
        deadline('complaint-reply', T0 - 12 * HOUR + 20_000, 12 * HOUR, { soonAlertedAt: T0 - HOUR }), // red in 20 s
      ],
      <Profiler id="board" onRender={commits}>
        <DeadlineBoard />
      </Profiler>,
    );
    const rows = screen.getAllByTestId('deadline-row');
    expect(rows.map((r) => [r.dataset['clock'], r.dataset['level']])).toEqual([
      ['issue-resolve', 'due-soon'],
      ['follow-up', 'ok'],
      ['complaint-reply', 'due-soon'],
    ]);
    const left = rows[2]!.querySelector('.deadline-left')!;
    expect(left.textContent).toBe('20s');
    expect(screen.getByTestId('deadline-count-due-soon').textContent).toBe('即将到期 2');
    const before = commits.mock.calls.length;
    await act(() => vi.advanceTimersByTimeAsync(5_010));
    expect(left.textContent).toBe('15s');
    expect(commits.mock.calls.length).toBe(before); // five ticks, no React commit
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    expect(rows[2]!.dataset['level']).toBe('breached');
    expect(rows.map((r) => r.querySelector('.deadline-mark')!.textContent)).toEqual(['即将到期', '', '已超时']);
    expect(left.textContent).toBe('−1s');
    expect(screen.getByTestId('deadline-count-breached').textContent).toBe('已超时 1'); // the transition re-rendered the header
    const after = commits.mock.calls.length;
    expect(after).toBeGreaterThan(before);
    await act(() => vi.advanceTimersByTimeAsync(61_000));
    expect(left.textContent).toBe('−1:02');
    expect(commits.mock.calls.length).toBe(after);
    stop();
  });

  it('tells once at due-soon and at breach, escalates a recent breach its rule escalates, and stays quiet when another window told first', async () => {
    const soon = deadline('follow-up', T0, 24 * HOUR + 2_000); // amber (1 d threshold) in 2 s
    const breach = deadline('complaint-resolve', T0 - 48 * HOUR + 3_000, 48 * HOUR, { soonAlertedAt: T0 - HOUR, customerName: '王女士' }); // red in 3 s
    const old = deadline('complaint-reply', T0 - 30 * HOUR, 12 * HOUR, { soonAlertedAt: T0 - 20 * HOUR }); // red 18 h ago, never told
    const { api, out, stop } = await setup([soon, breach, old], <DeadlineBoard />);
    // the old breach is told (it was never told) but not escalated: the lead is not flooded with a backlog
    expect(api.deadlines.alerted).toHaveBeenCalledWith({ id: old.id, kind: 'breached' });
    expect(out.notify).toHaveBeenCalledTimes(1);
    expect(out.escalate).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(3_010));
    expect(api.deadlines.alerted).toHaveBeenCalledWith({ id: soon.id, kind: 'due-soon' });
    expect(api.deadlines.alerted).toHaveBeenCalledWith({ id: breach.id, kind: 'breached' });
    expect(out.notify).toHaveBeenCalledTimes(3);
    expect(out.escalate).toHaveBeenCalledTimes(1);
    expect(out.escalate).toHaveBeenCalledWith({ reason: 'breach', visitId: breach.visitId, customerNumber: breach.customerNumber, customerName: '王女士', note: `breached complaint-resolve ${breach.customerNumber}` });
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(api.deadlines.alerted).toHaveBeenCalledTimes(3); // each told once
    stop();

    // a second desk window: the main side says it was told already
    const again = deadline('complaint-resolve', T0 + 13_000 - 48 * HOUR + 2_000, 48 * HOUR, { soonAlertedAt: T0 });
    const second = await setup([again], <DeadlineBoard />);
    second.api.deadlines.alerted.mockImplementation(async () => ok(false));
    await act(() => vi.advanceTimersByTimeAsync(3_010));
    expect(second.api.deadlines.alerted).toHaveBeenCalledWith({ id: again.id, kind: 'breached' });
    expect(second.out.notify).not.toHaveBeenCalled();
    expect(second.out.escalate).not.toHaveBeenCalled();
    second.stop();
  });

  it('pauses a clock while the customer owes an answer and shows it paused', async () => {
    const running = deadline('complaint-resolve', T0, 48 * HOUR);
    const { api, store, stop } = await setup([running], <DeadlineBoard />);
    const paused = { ...running, pausedAt: T0 + 1_000 };
    api.deadlines.pause.mockImplementation(async () => ok(paused) as never);
    api.deadlines.running.mockImplementation(async () => ok([paused]));
    await act(async () => {
      screen.getByRole('button', { name: '等待客户' }).click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(api.deadlines.pause).toHaveBeenCalledWith({ id: running.id });
    expect(store.getState().deadlines).toEqual([paused]);
    expect(screen.getByTestId('deadline-row').dataset['level']).toBe('paused');
    expect(screen.getByRole('button', { name: '继续计时' })).toBeTruthy();
    stop();
  });

  it('shows the ring, hold and wrap-up clocks of the call in hand', async () => {
    const app = await renderApp(Date.now, <CountdownStrip />);
    const call = { id: 'c1', direction: 'inbound' as const, remoteUser: '1002', phase: 'ringing' as const, held: false, muted: false, startedAt: T0, iceRestarts: 0, role: 'customer' as const };
    act(() => app.store.getState().setPhoneSnapshot({ registration: { status: 'registered' }, calls: [call], lastEnded: null, dtmfReceived: {} }));
    const pill = () => screen.getByTestId('countdown');
    expect([pill().dataset['clock'], pill().dataset['level'], pill().textContent.trim()]).toEqual(['ring', 'ok', '振铃 1002 15s']);
    await act(() => vi.advanceTimersByTimeAsync(10_010)); // ticks land 2 ms after each second
    // the level in words as well as in colour
    expect([pill().dataset['level'], pill().querySelector('.deadline-mark')!.textContent]).toEqual(['due-soon', '即将到期']);
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect([pill().dataset['level'], pill().querySelector('.deadline-mark')!.textContent]).toEqual(['breached', '已超时']);
    act(() =>
      app.store.getState().setPhoneSnapshot({ registration: { status: 'registered' }, calls: [{ ...call, phase: 'connected', held: true, heldAt: Date.now() }], lastEnded: null, dtmfReceived: {} }),
    );
    expect([pill().dataset['clock'], pill().dataset['level']]).toEqual(['hold', 'ok']);
    await act(() => vi.advanceTimersByTimeAsync(59_000));
    expect(pill().dataset['level']).toBe('due-soon');
    await act(() => vi.advanceTimersByTimeAsync(1_000)); // held at x.010: the tick at 60.002 s is still before
    expect(pill().dataset['level']).toBe('due-soon');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(pill().dataset['level']).toBe('breached');
    act(() => {
      app.store.getState().setPhoneSnapshot({ registration: { status: 'registered' }, calls: [], lastEnded: null, dtmfReceived: {} });
      app.store.setState({ agent: { status: 'wrap-up', returnTo: { status: 'ready' } }, agentSince: Date.now() });
    });
    expect([pill().dataset['clock'], pill().textContent.trim()]).toEqual(['wrap-up', '话后整理 → 到时置为就绪 2:00']);
  });
});
