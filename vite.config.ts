import { defineConfig } from 'vitest/config'
import { VitePWA } from 'vite-plugin-pwa'

/** Where `npm start` runs the relay; `npm run dev` proxies the API and the socket to it. */
const relay = 'http://127.0.0.1:8787'

const shared = {
  root: '.',
  testTimeout: 20_000,
  hookTimeout: 60_000,
} as const

export default defineConfig(({ mode }) => ({
  root: 'client',
  publicDir: 'public',
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: {
    proxy: {
      '/api': relay,
      '/ws': { target: relay, ws: true },
    },
  },
  // The service worker only matters for built assets; test runs never load it.
  plugins:
    mode === 'test'
      ? []
      : [
          VitePWA({
            // Registered by client/net/service-worker.ts so a failure is reported, not thrown.
            injectRegister: false,
            registerType: 'autoUpdate',
            manifest: {
              name: 'Stretchboard',
              short_name: 'Stretchboard',
              description: 'Set OKRs together on a live, local-first whiteboard.',
              theme_color: '#1f2937',
              background_color: '#f7f5ef',
              display: 'standalone',
              icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' }],
            },
            workbox: {
              globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
              // Every board URL is the same app shell, so an offline reload of /b/<id> works.
              navigateFallback: '/index.html',
              // The API and the relay are live data: never answered from a cache.
              navigateFallbackDenylist: [/^\/api\//, /^\/ws(\/|$)/, /^\/healthz/, /^\/metrics/],
              runtimeCaching: [],
              clientsClaim: true,
              skipWaiting: true,
              cleanupOutdatedCaches: true,
            },
          }),
        ],
  test: {
    ...shared,
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds the client once, and only when a browser test is queued.
          globalSetup: ['test/e2e/global-setup.ts'],
          // Chromium is heavy on a shared 2-core box: one browser test file at a time.
          fileParallelism: false,
          // Generous: a loaded CI box is slow; the product's timing goals are measured in-page.
          expect: { poll: { timeout: 15_000, interval: 50 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
}))
