import type { KeyboardEvent } from 'react';

/**
 * A chat box's send key (the desk's reply box and the customer's page): Enter sends, Shift+Enter is
 * a new line, and an IME still composing (pinyin candidates) keeps its Enter.
 */
export const isSendKey = (e: KeyboardEvent): boolean => e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229;
