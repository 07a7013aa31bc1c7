import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri v2 front-end config. The webview on Linux is WebKitGTK, so target
// Safari 15-level syntax. Vitest runs with mode 'test'; resolving the
// `browser` export condition there lets Svelte components be mounted in
// happy-dom (otherwise Svelte's server build would be picked).
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
  },
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
}));
