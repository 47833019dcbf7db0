import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The customer web-chat page (renderer/webchat), apart from the desk: served by scripts/webchat.mjs.
export default defineConfig({
  root: 'renderer/webchat',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/webchat',
    emptyOutDir: true,
    sourcemap: true,
    // sip.js, React and zod in one file: the page is opened once, from loopback
    chunkSizeWarningLimit: 1000,
  },
});
