/**
 * Builds the client once per test run, and only when a browser test is queued (vitest runs a
 * project's global setup only then), into a directory of its own so a running `npm start`
 * keeps its `dist/`.
 */
import { build } from 'vite'
import { join } from 'node:path'
import { E2E_CLIENT_DIR, REPO_ROOT } from '../helpers/browser'

export async function setup(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make Vite build a development bundle (Lit's dev
  // mode, `import.meta.env.PROD` false and so no service worker): test what ships instead.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      configFile: join(REPO_ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: E2E_CLIENT_DIR, emptyOutDir: true },
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
}
