import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isSendKey } from '../../renderer/src/ui/send-key';

// The chat boxes' send key (the desk's reply box and the customer's page, issue 18 item 3).
describe('isSendKey', () => {
  const box = () => {
    const sent: string[] = [];
    render(<textarea aria-label="box" onKeyDown={(e) => isSendKey(e) && sent.push(e.key)} />);
    return { el: screen.getByLabelText('box'), sent };
  };
  it('sends on Enter, not on Shift+Enter (a new line) or other keys', () => {
    const { el, sent } = box();
    fireEvent.keyDown(el, { key: 'Enter' });
    fireEvent.keyDown(el, { key: 'Enter', shiftKey: true });
    fireEvent.keyDown(el, { key: 'a' });
    expect(sent).toEqual(['Enter']);
  });
  it('sends nothing while an IME is composing (pinyin: Enter picks the candidate)', () => {
    const { el, sent } = box();
    fireEvent.keyDown(el, { key: 'Enter', isComposing: true });
    // Chromium and Safari report a composing key as keyCode 229 too
    fireEvent.keyDown(el, { key: 'Enter', keyCode: 229 });
    expect(sent).toEqual([]);
  });
});
