export { useComplianceGate } from './ComplianceGate';
export { ComplianceHints } from './ComplianceHints';
export { PhraseLibraryEditor } from './PhraseLibraryEditor';
export { PhrasePanel } from './PhrasePanel';
export { trackScript } from './script-tracker';
