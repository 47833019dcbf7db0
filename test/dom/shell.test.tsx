import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render-app';

describe('app shell', () => {
  it('renders in Simplified Chinese by default with the phone rail, workspace and status bar', async () => {
    await renderApp();
    expect(screen.getByRole('complementary', { name: '电话栏' })).toBeInTheDocument();
    expect(screen.getByRole('main', { name: '工作区' })).toBeInTheDocument();
    expect(screen.getByTestId('registration-status')).toHaveTextContent('线路未配置');
    expect(screen.getByTestId('agent-status')).toHaveTextContent('就绪');
    expect(screen.getByTestId('app-version')).toHaveTextContent('0.1.0');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches to English with Ctrl+Shift+L, stores the choice and translates the shell', async () => {
    const { api } = await renderApp();
    act(() => void fireEvent.keyDown(window, { key: 'L', code: 'KeyL', ctrlKey: true, shiftKey: true }));
    await waitFor(() => expect(screen.getByTestId('registration-status')).toHaveTextContent('Line not configured'));
    expect(api.settings.update).toHaveBeenCalledWith({ locale: 'en-US' });
    expect(screen.getByRole('main', { name: 'Workspace' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en-US');
  });

  it('moves between workspace tabs with Alt+digit and between regions with F6', async () => {
    await renderApp();
    act(() => void fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true }));
    await waitFor(() => expect(screen.getByRole('tab', { name: '知识库' })).toHaveAttribute('aria-selected', 'true'));
    act(() => void fireEvent.keyDown(window, { key: 'F6', code: 'F6' }));
    expect(document.activeElement).toBe(screen.getByRole('complementary', { name: '电话栏' }));
    act(() => void fireEvent.keyDown(window, { key: 'F6', code: 'F6' }));
    expect(document.activeElement).toBe(screen.getByRole('main', { name: '工作区' }));
  });

  it('lists the shortcuts on F1', async () => {
    await renderApp();
    act(() => void fireEvent.keyDown(window, { key: 'F1', code: 'F1' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Ctrl+Shift+L')).toBeInTheDocument();
    expect(within(dialog).getByText('切换界面语言')).toBeInTheDocument();
  });

  it('lays the 工作台 out in panes: visit and assist for an agent, the roster of its agents first for a lead', async () => {
    const { store } = await renderApp();
    expect([...document.querySelectorAll('[data-pane]')].map((p) => p.getAttribute('data-pane'))).toEqual(['visit', 'assist']);
    await act(() => store.getState().updateSettings({ team: { ...store.getState().settings!.team, role: 'lead', agents: ['1001', '1003'] } }));
    expect([...document.querySelectorAll('[data-pane]')].map((p) => p.getAttribute('data-pane'))).toEqual(['roster', 'visit', 'assist']);
    const roster = screen.getByTestId('roster');
    expect([...roster.querySelectorAll('.ant-list-item')].map((li) => li.textContent)).toEqual(['1001', '1003']);
    // not registered: the call buttons wait for the line
    expect(within(roster).getByRole('button', { name: '呼叫 1003' })).toBeDisabled();
  });

  it('Alt+R from NotReady goes back to Ready and puts the focus in the dial box', async () => {
    const { store } = await renderApp();
    await act(() => store.getState().applyAgentEvent({ type: 'pause', reasonId: store.getState().settings!.notReadyReasons[0]!.id }));
    act(() => void fireEvent.keyDown(window, { key: 'r', code: 'KeyR', altKey: true }));
    await waitFor(() => expect(store.getState().agent.status).toBe('ready'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('号码或 SIP 地址')));
  });
});
