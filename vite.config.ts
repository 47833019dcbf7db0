import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer, built once and served by both hosts (Electron's app:// and the browser host).
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
