export { useComplianceGate } from './ComplianceGate';
export { ComplianceHints } from './ComplianceHints';
export { PhrasePanel } from './PhrasePanel';
export { trackScript } from './script-tracker';
