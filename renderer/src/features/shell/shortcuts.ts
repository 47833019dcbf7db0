import { useEffect } from 'react';

/** A desk-wide keyboard shortcut. `combo` is written like "Alt+1", "Ctrl+Shift+L", "F6". */
export interface Shortcut {
  readonly combo: string;
  readonly run: () => void;
  /**
   * Only while this element is on screen: a part mounted twice (the visit form on the desk tab and on
   * the visit-log tab; hidden tabs stay mounted) answers its key once, where the agent is looking.
   */
  readonly shownWith?: { readonly current: HTMLElement | null };
}

/** Whether a keydown matches a combo exactly (modifiers must match, letters case-insensitive). */
export function matchesCombo(e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'shiftKey' | 'metaKey'>, combo: string): boolean {
  const parts = combo.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  if (e.altKey !== mods.has('alt') || e.ctrlKey !== mods.has('ctrl') || e.shiftKey !== mods.has('shift') || e.metaKey !== mods.has('meta')) {
    return false;
  }
  // Digits and letters by physical key so Alt+1 works whatever the keyboard layout or IME produces.
  if (/^[0-9]$/.test(key)) return e.code === `Digit${key}`;
  if (/^[A-Za-z]$/.test(key)) return e.code === `Key${key.toUpperCase()}`;
  return e.key === key;
}

/** Installs shortcuts on window while the component is mounted (re-bound when the list changes). */
export function useGlobalShortcuts(shortcuts: readonly Shortcut[]): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = shortcuts.find((s) => matchesCombo(e, s.combo) && (!s.shownWith || s.shownWith.current?.offsetParent));
      if (!hit) return;
      e.preventDefault();
      hit.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts]);
}

/** Moves focus to the next landmark region (F6, as in desktop apps and browsers). */
export function focusNextRegion(root: ParentNode = document): void {
  const regions = Array.from(root.querySelectorAll<HTMLElement>('[data-region]'));
  if (regions.length === 0) return;
  const current = regions.findIndex((r) => r.contains(document.activeElement));
  regions[(current + 1) % regions.length]?.focus();
}
