import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: the README's pictures, taken from a real call on a real Kamailio
// (test/screens/readme.pw.ts), so they are regenerated, never drawn by hand.
export default defineConfig({ ...base, testDir: 'test/screens', testMatch: '*.pw.ts', timeout: 120_000, workers: 1, fullyParallel: false, use: { ...base.use, trace: 'off' } });
