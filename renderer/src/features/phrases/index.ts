export { useComplianceGate } from './ComplianceGate';
export { ComplianceHints, SensitiveWarning, useSensitive } from './ComplianceHints';
export { PhraseLibraryEditor } from './PhraseLibraryEditor';
export { PHRASES_SHORTCUT, PhrasePanel, focusPhrases } from './PhrasePanel';
export { trackScript } from './script-tracker';
export { useAgentId } from './use-agent-id';
