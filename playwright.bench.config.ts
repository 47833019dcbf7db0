import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run bench:calls`: the softphone benchmarks, real Kamailio and Chromium like the e2e suite.
export default defineConfig({ ...base, testDir: 'test/bench', testMatch: '*.pw.ts', timeout: 1_800_000, workers: 1, fullyParallel: false });
