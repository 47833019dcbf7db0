export { KbPanel } from './KbPanel';
export { DeskSuggestions, KbSuggestions, LINK_SUGGESTION_SHORTCUT } from './KbSuggestions';
