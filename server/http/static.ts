/**
 * The built web app from `staticDir`, with the SPA fallback: `/` and any `/b/…` path get
 * index.html so capability links open the app. @hono/node-server's serveStatic refuses `..`,
 * encoded separators, backslashes and `//` before touching the disk; the fallback only ever
 * serves index.html, so no request path reaches the file system outside the root.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Hono, type Context, type MiddlewareHandler, type Next } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import type { AppEnv } from './deps'
import { ApiError } from './errors'

export function staticRoutes(staticDir: string): Hono<AppEnv> {
  const root = resolve(staticDir)
  // Referrer-Policy, CSP and the other response headers: security-headers.ts, for every route.
  const app = new Hono<AppEnv>()
  let index: MiddlewareHandler<AppEnv> | null = null
  const spa = async (c: Context<AppEnv>, next: Next) => {
    if (!existsSync(join(root, 'index.html'))) {
      throw new ApiError(503, 'client-not-built', 'the web app is not built (run `npm start`)')
    }
    index ??= serveStatic<AppEnv>({ root, path: 'index.html' })
    return index(c, next)
  }
  app.get('/', spa)
  app.get('/b/*', spa)
  // Built lazily: the client may be built after the server starts, and serveStatic complains
  // on stderr about a missing root at construction time.
  let files: MiddlewareHandler<AppEnv> | null = null
  app.get('*', async (c, next) => {
    if (files === null) {
      if (!existsSync(root)) return next()
      files = serveStatic<AppEnv>({ root })
    }
    return files(c, next)
  })
  return app
}
