// Builds the dashboard into dist/, which `bellwether serve` ships (docs/dashboard.md).
// `npm run dev` serves it with hot reload and passes /api to a running
// `bellwether serve` (BELLWETHER_API, default http://127.0.0.1:8080).
import { defineConfig } from 'vitest/config';

const api = process.env.BELLWETHER_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // The first page must stay small (issue 11: under 300 KB compressed); heavy views are
    // separate chunks loaded on first use.
    chunkSizeWarningLimit: 800,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      // The API checks that a state-changing request's Origin is its own: the proxy
      // presents itself as the API's origin.
      '/api': {
        target: api,
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => request.setHeader('Origin', api));
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
