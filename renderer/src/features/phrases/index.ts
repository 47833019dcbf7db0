export { ComplianceHints } from './ComplianceHints';
export { PhrasePanel } from './PhrasePanel';
