import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render-app';

describe('agent state control', () => {
  it('goes NotReady with a chosen reason, records it, and back to Ready with Alt+R', async () => {
    let clock = 1_700_000_000_000;
    const { api } = await renderApp(() => clock);
    fireEvent.click(screen.getByRole('button', { name: '选择未就绪原因' }));
    clock += 1000;
    fireEvent.click(await screen.findByText('用餐'));
    await waitFor(() => expect(screen.getByTestId('agent-status')).toHaveTextContent('未就绪 · 用餐'));
    expect(api.agentState.record).toHaveBeenLastCalledWith({ status: 'not-ready', reasonId: 'meal', at: 1_700_000_001_000 });

    clock += 1000;
    act(() => void fireEvent.keyDown(window, { key: 'r', code: 'KeyR', altKey: true }));
    await waitFor(() => expect(screen.getByTestId('agent-status')).toHaveTextContent('就绪'));
    expect(api.agentState.record).toHaveBeenLastCalledWith({ status: 'ready', at: 1_700_000_002_000 });
  });

  it('shows the error when the state could not be recorded', async () => {
    const { api } = await renderApp();
    api.agentState.record.mockResolvedValueOnce({ ok: false, error: { code: 'unavailable', message: 'host gone' } } as never);
    fireEvent.click(screen.getByRole('button', { name: '选择未就绪原因' }));
    fireEvent.click(await screen.findByText('小休'));
    expect(await screen.findByText('坐席状态未能记录：host gone')).toBeInTheDocument();
  });
});
