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
        extends: true,
        // antd in jsdom renders slowly on a loaded 2-core machine: give a whole-screen render room
        test: { name: 'dom', environment: 'jsdom', include: ['test/dom/**/*.test.tsx'], setupFiles: ['test/dom/setup.ts'], testTimeout: 15_000 },
      },
    ],
  },
});
