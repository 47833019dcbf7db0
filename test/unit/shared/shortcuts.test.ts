import { describe, expect, it } from 'vitest';
import { matchesCombo } from '../../../renderer/src/features/shell/shortcuts';

const key = (over: Partial<KeyboardEvent>) => ({ key: '', code: '', altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, ...over });

describe('shortcut matching', () => {
  it('matches digits and letters by physical key, whatever the layout or IME produced', () => {
    expect(matchesCombo(key({ key: '¡', code: 'Digit1', altKey: true }), 'Alt+1')).toBe(true);
    expect(matchesCombo(key({ key: 'Process', code: 'KeyL', ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+L')).toBe(true);
  });

  it('requires the exact modifiers', () => {
    expect(matchesCombo(key({ code: 'Digit1' }), 'Alt+1')).toBe(false);
    expect(matchesCombo(key({ code: 'Digit1', altKey: true, ctrlKey: true }), 'Alt+1')).toBe(false);
    expect(matchesCombo(key({ key: 'F6', code: 'F6' }), 'F6')).toBe(true);
    expect(matchesCombo(key({ key: 'F6', code: 'F6', shiftKey: true }), 'F6')).toBe(false);
  });
});
