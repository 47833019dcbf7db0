export { useComplianceGate } from './ComplianceGate';
export { ComplianceHints } from './ComplianceHints';
export { PhraseLibraryEditor } from './PhraseLibraryEditor';
export { PHRASES_SHORTCUT, PhrasePanel, focusPhrases } from './PhrasePanel';
export { trackScript } from './script-tracker';
