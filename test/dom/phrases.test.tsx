import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ComplianceHints, PhraseLibraryEditor, PhrasePanel } from '../../renderer/src/features/phrases';
import { SettingsPanel } from '../../renderer/src/features/settings';
import { fail } from '../../shared/result';
import type { CallSnapshot } from '../../shared/softphone';
import { renderApp } from './render-app';

const call = (over: Partial<CallSnapshot>): CallSnapshot => ({ id: 'c1', direction: 'inbound', remoteUser: '13800138000', remoteName: '张先生', phase: 'connected', held: false, muted: false, startedAt: 1, iceRestarts: 0, role: 'customer', ...over });

async function setup(part: React.ReactNode) {
  const app = await renderApp(undefined, part);
  await act(() => app.store.getState().loadPhrases('zh-CN'));
  const phone = (calls: CallSnapshot[]) => act(() => app.store.getState().setPhoneSnapshot({ registration: { status: 'registered' }, calls, lastEnded: null, dtmfReceived: {} }));
  return { ...app, phone };
}

describe('phrase panel', () => {
  it('follows the call: greeting, during, waiting on hold, closing in wrap-up; a picked phase holds until the call moves on', async () => {
    const { store, phone } = await setup(<PhrasePanel />);
    const panel = screen.getByTestId('phrase-panel');
    expect(panel).toHaveAttribute('data-phase', 'opening');
    expect(panel).toHaveTextContent('欢迎致电');
    await phone([call({})]);
    expect(panel).toHaveAttribute('data-phase', 'during');
    fireEvent.click(within(panel).getByText('投诉'));
    expect(panel).toHaveAttribute('data-phase', 'complaint');
    expect(panel).toHaveTextContent('不可以说：喂，刚才的电话不是我接的呀！');
    await phone([call({ held: true })]);
    expect(panel).toHaveAttribute('data-phase', 'waiting');
    expect(panel).toHaveTextContent('对不起，请您稍等片刻，好吗？');
    await phone([call({})]); // back from hold: the pick made before is forgotten
    expect(panel).toHaveAttribute('data-phase', 'during');
    await phone([]);
    act(() => store.setState({ agent: { status: 'wrap-up', returnTo: { status: 'ready' } } }));
    expect(panel).toHaveAttribute('data-phase', 'closing');
    expect(panel).toHaveTextContent('请问还有什么可以帮助您？');
  });

  it('fills variables from the call, marks the missing ones, and copies with a click or a digit key', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { phone, store } = await setup(<PhrasePanel />);
    const panel = screen.getByTestId('phrase-panel');
    expect(within(panel).getAllByText('缺少变量：company, agentId').length).toBeGreaterThan(0);
    await act(() => store.getState().updateSettings({ companyName: '示例公司' }));
    expect(panel).toHaveTextContent('欢迎致电示例公司客服热线，{agentId}号为您服务');
    expect(within(panel).getAllByText('缺少变量：agentId').length).toBeGreaterThan(0);
    await phone([call({})]);
    fireEvent.change(within(panel).getByLabelText('搜索话术'), { target: { value: '核对' } });
    expect(within(panel).getAllByTestId('phrase')).toHaveLength(1);
    fireEvent.click(within(panel).getByText(/跟您核对一下/));
    await vi.waitFor(() => expect(writeText).toHaveBeenLastCalledWith(expect.stringContaining('收货人张先生，电话13800138000')));
    // pinyin initials: qnsd = 请您稍等 (any case); initials nothing has find nothing
    fireEvent.change(within(panel).getByLabelText('搜索话术'), { target: { value: 'QNSD' } });
    await vi.waitFor(() => expect(within(panel).getAllByTestId('phrase').map((p) => p.textContent)).toEqual([expect.stringContaining('对不起，请您稍等片刻，好吗？')]));
    fireEvent.change(within(panel).getByLabelText('搜索话术'), { target: { value: 'zzzzq' } });
    expect(within(panel).queryAllByTestId('phrase')).toHaveLength(0);
    fireEvent.change(within(panel).getByLabelText('搜索话术'), { target: { value: '' } });
    fireEvent.keyDown(panel, { key: '2' });
    const second = within(panel).getAllByTestId('phrase')[1]!;
    await vi.waitFor(() => expect(writeText).toHaveBeenLastCalledWith(within(second).getAllByRole('button')[0]!.textContent));
  });
});

describe('compliance hints', () => {
  it('names the rule and the words, and offers the standard phrase instead', async () => {
    await setup(<ComplianceHints text="已解释。喂，听懂了吧？详见 https://t.cn/abc" />);
    const findings = screen.getAllByTestId('compliance-finding');
    expect(findings.map((f) => f.textContent)).toEqual([
      expect.stringContaining('不可以说的话：“听懂了吧”请改用：请问我刚才的解释您是否明白？'),
      expect.stringContaining('非官方链接：“https://t.cn/abc”'),
    ]);
  });

  it("raises the early warning on sensitive words in the customer's words, with the calming script", async () => {
    await setup(<ComplianceHints text="客户说再不解决就找媒体曝光" customerWords />);
    const warning = screen.getByTestId('sensitive-warning');
    expect(warning).toHaveTextContent('敏感词预警（媒体曝光：媒体、曝光）');
    expect(warning).toHaveTextContent('非常理解您的心情');
  });

  it('takes its word lists from settings: a sensitive word added there warns at once', async () => {
    const { api } = await setup(
      <>
        <SettingsPanel />
        <ComplianceHints text="我已经在黑猫投诉发帖了" customerWords />
      </>,
    );
    expect(screen.queryByTestId('sensitive-warning')).toBeNull();
    const words = screen.getByLabelText('敏感词（客户提到即预警）');
    fireEvent.change(words, { target: { value: '黑猫投诉' } });
    fireEvent.keyDown(words, { key: 'Enter', code: 'Enter' });
    await vi.waitFor(() => expect(screen.getByTestId('sensitive-warning')).toHaveTextContent('敏感词预警（本公司敏感词：黑猫投诉）'));
    expect(api.settings.update).toHaveBeenLastCalledWith({ compliance: expect.objectContaining({ sensitiveWords: ['记者', '媒体', '曝光', '报警', '找领导', '黑猫投诉'] }) });
  });

  it('shows nothing for compliant text', async () => {
    await setup(<ComplianceHints text="请问还有什么可以帮助您？" customerWords />);
    expect(screen.queryByTestId('compliance-hints')).toBeNull();
  });
});

describe('phrase library editor', () => {
  it('saves an edited phrase and the panel shows it at once; a bad import names each problem and changes nothing', async () => {
    const { api } = await setup(
      <>
        <PhraseLibraryEditor />
        <PhrasePanel />
      </>,
    );
    const editor = screen.getByTestId('phrase-library');
    expect(editor).toHaveTextContent('话术库（版本 1，34 条）');
    fireEvent.click(within(editor).getAllByText('编辑')[0]!); // (role queries are slow over this many nodes)
    const say = await vi.waitFor(() => document.querySelector<HTMLTextAreaElement>('.ant-modal textarea#say')!);
    fireEvent.change(say, { target: { value: '您好，{company}热线为您服务。\n您好，请讲。' } });
    fireEvent.click(document.querySelector('.ant-modal .ant-btn-primary')!);
    await vi.waitFor(() => expect(api.phrases.save).toHaveBeenCalledWith({ locale: 'zh-CN', phrase: expect.objectContaining({ id: 'greeting', say: ['您好，{company}热线为您服务。', '您好，请讲。'] }) }));
    await vi.waitFor(() => expect(screen.getByTestId('phrase-panel')).toHaveTextContent('您好，请讲。'));

    api.phrases.import.mockResolvedValue(fail('bad-arguments', 'not a phrase library', { 'phrases.3.say': 'Too small: expected array to have >=1 items' }));
    const file = new File(['{"version":1}'], 'phrases.json', { type: 'application/json' });
    fireEvent.change(editor.querySelector('input[type=file]')!, { target: { files: [file] } });
    await vi.waitFor(() => expect(screen.getByTestId('phrase-library-error')).toHaveTextContent('phrases.3.say: Too small'));
    expect(api.phrases.import).toHaveBeenCalledWith({ locale: 'zh-CN', json: '{"version":1}' });
    expect(editor).toHaveTextContent('话术库（版本 1，34 条）');
  }, 30_000); // the first modal, form and table in this file pay antd's style generation in jsdom (~3 s here)
});
