import type { Messages } from './zh-CN';

/** English (second language). The type forces the same keys as zh-CN. */
export const enUS: Messages = {
  app: { title: 'Zuoxi', subtitle: 'Agent desk' },
  boot: {
    loading: 'Connecting to the desk services…',
    failedTitle: 'Cannot reach the desk services',
    'no-token': 'The launch token is missing. Open this page with the full address Zuoxi printed when it started.',
    refused: 'The desk services refused the connection or are not running. Restart Zuoxi.',
    internal: 'Start-up failed: {{message}}',
  },
  nav: { regions: 'Regions', phoneRail: 'Phone rail', workspace: 'Workspace', statusBar: 'Status bar' },
  tabs: { overview: 'Desk', settings: 'Settings' },
  phone: {
    title: 'Softphone',
    registration: {
      'not-configured': 'Line not configured',
    },
    notConfiguredHint: 'No SIP line is configured yet. Line settings come with the softphone feature.',
  },
  agent: {
    label: 'Agent state',
    status: { ready: 'Ready', 'not-ready': 'Not ready', ringing: 'Ringing', 'on-call': 'On a call', 'wrap-up': 'Wrap-up' },
    setReady: 'Set ready',
    setNotReady: 'Set not ready',
    chooseReason: 'Choose a not-ready reason',
    saveFailed: 'Agent state was not recorded: {{message}}',
  },
  overview: {
    title: 'System information',
    version: 'Version',
    host: 'Running as',
    hostKind: { electron: 'Desktop app (Electron)', browser: 'Browser (local host)' },
    platform: 'Operating system',
    database: 'Database',
    schemaVersion: 'Schema version',
    refresh: 'Refresh',
  },
  settings: {
    title: 'Settings',
    language: 'Language',
    languages: { 'zh-CN': '简体中文', 'en-US': 'English' },
    notReadyReasons: 'Not-ready reasons',
    saved: 'Saved',
    saveFailed: 'Not saved: {{message}}',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    open: 'Shortcuts (F1)',
    tab: 'Go to tab {{n}}',
    region: 'Move focus between phone rail, workspace and status bar',
    language: 'Switch language',
    help: 'Show shortcuts',
    ready: 'Ready / not ready',
  },
  status: { host: 'Running as', schema: 'Schema v{{version}}' },
  errors: {
    'bad-arguments': 'Invalid input',
    forbidden: 'Not allowed',
    'not-found': 'Not found',
    unavailable: 'Service unavailable',
    internal: 'Internal error',
  },
};
