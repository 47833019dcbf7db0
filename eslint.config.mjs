// Lint, including the layer rule of docs (architecture.md): who may import whom.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'stream', 'url', 'util', 'worker_threads'];

/** A no-restricted-imports rule forbidding the given module patterns, with a reason. */
const forbid = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}', 'test/dom/**/*.tsx'], ...reactHooks.configs.flat['recommended-latest'] },
  {
    files: ['scripts/**/*.mjs', '*.config.{ts,mjs}'],
    languageOptions: { globals: globals.node },
  },
  // shared/: pure TypeScript, runs in every host.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['electron', 'better-sqlite3', 'react', 'react-dom', 'sip.js', 'zustand', 'antd', 'ws', ...nodeBuiltins, '**/electron/**', '**/renderer/**'],
        'shared/ is pure: it may import only shared/ and zod (architecture.md, layers).',
      ),
    },
  },
  // main-side services, database, API, browser host and CLI: plain Node, testable without Electron.
  {
    files: ['electron/db/**/*.ts', 'electron/services/**/*.ts', 'electron/api/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(['electron', '**/renderer/**'], 'main-side services run in plain Node: no electron, no renderer code.'),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/db/**', 'electron/services/**', 'electron/api/**', 'electron/host/**', 'electron/cli/**', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': forbid(['**/renderer/**'], 'the main process never imports renderer code.'),
    },
  },
  // preload: bundled into one sandboxed file; only the contract and electron.
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./shared/(ipc-contract|result)\\.js$).*',
              message: 'preload may import only electron and shared/ipc-contract (it runs sandboxed).',
            },
          ],
        },
      ],
    },
  },
  // renderer/: browser code only.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid(
        ['electron', 'better-sqlite3', 'ws', ...nodeBuiltins, '**/electron/**'],
        'renderer/ never imports main-process code or Node (architecture.md, layers).',
      ),
    },
  },
  // only the softphone engine talks to sip.js
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/features/softphone/engine/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['electron', 'better-sqlite3', 'ws', ...nodeBuiltins, '**/electron/**', 'sip.js', 'sip.js/*', '**/webchat/**'],
        'renderer/ never imports main-process code or Node; only features/softphone/engine imports sip.js; the desk never imports the customer page.',
      ),
    },
  },
  // the customer web-chat page (renderer/webchat): a page of its own. It borrows the engine's SIP line
  // pieces and the send key, nothing else of the desk; only its guest line talks to sip.js.
  ...[false, true].map((isLine) => ({
    files: isLine ? ['renderer/webchat/guest-line.ts'] : ['renderer/webchat/**/*.{ts,tsx}'],
    ...(isLine ? {} : { ignores: ['renderer/webchat/guest-line.ts'] }),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'better-sqlite3', 'ws', ...nodeBuiltins, '**/electron/**', ...(isLine ? [] : ['sip.js', 'sip.js/*'])], message: 'the web-chat page runs in a customer\'s browser; only guest-line.ts imports sip.js.' },
            { regex: '^\\.\\./src/(?!features/softphone/engine/(registration-supervisor|sip-messages)$|ui/send-key$)', message: 'the web-chat page takes only the SIP line pieces and the send key from the desk.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/platform/bridge.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'zuoxi', message: 'only platform/bridge.ts touches window.zuoxi' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'zuoxi', message: 'only platform/bridge.ts touches window.zuoxi' }],
    },
  },
);
