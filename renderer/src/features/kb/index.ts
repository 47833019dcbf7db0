export { KbPanel } from './KbPanel';
export { KbSuggestions } from './KbSuggestions';
