import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'], benchmark: { include: ['test/bench/**/*.bench.ts'] } },
      },
      {
        // large-data benchmarks with their own JSON output (npm run bench:visits); not part of npm test
        extends: true,
        test: { name: 'perf', environment: 'node', include: ['test/bench/**/*.perf.ts'] },
      },
      {
        extends: true,
        // antd in jsdom renders slowly on a loaded 2-core machine: give a whole-screen render room
        test: { name: 'dom', environment: 'jsdom', include: ['test/dom/**/*.test.tsx'], setupFiles: ['test/dom/setup.ts'], testTimeout: 15_000 },
      },
    ],
  },
});
