export { LanguageSelect, SettingsPanel } from './SettingsPanel';
