import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run bench:calls`: the softphone benchmarks, real Kamailio and Chromium like the e2e suite.
// No trace: recording one snapshots every page's whole DOM around each action, inside the pages'
// main threads, right when the benchmark dials (seen in a CPU profile of the caller's page).
export default defineConfig({ ...base, testDir: 'test/bench', testMatch: '*.pw.ts', timeout: 1_800_000, workers: 1, fullyParallel: false, use: { ...base.use, trace: 'off' } });
