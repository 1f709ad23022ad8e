/**
 * The HTTP application: REST API, health, metrics and the web app. `createApp` never listens
 * (main.ts does), so tests drive it with `app.request()` and no network.
 *
 * @example
 * const app = createApp(deps)
 * const res = await app.request('/healthz') // 200 { status: 'ok', … }
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { safePath } from './log'
import { boardRoutes } from './http/boards'
import type { AppDeps, AppEnv } from './http/deps'
import { ApiError, codeForStatus } from './http/errors'
import { csrfGuard } from './http/guards'
import { okrRoutes } from './http/okr'
import { staticRoutes } from './http/static'
import { remindersRoutes } from './routes/reminders'

export type { AppDeps } from './http/deps'

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.use('/api/*', csrfGuard(deps.config.allowedOrigins))

  app.get('/healthz', async (c) => {
    const unsaved = deps.relay.rooms.loaded().reduce((n, room) => n + room.unsavedUpdates, 0)
    const backends = await deps.backends?.health()
    const ok = unsaved === 0 && (backends?.ok ?? true)
    return c.json({
      status: ok ? 'ok' : 'degraded',
      boardsLoaded: deps.relay.rooms.size,
      connections: deps.relay.connections.size,
      unsavedUpdates: unsaved,
      ...(backends ? { database: backends.database, redis: backends.redis } : {}),
    })
  })

  app.get('/metrics', async (c) => {
    const stats = await deps.store
      .stats()
      .catch(() => ({ boards: -1, updateRows: -1, bytesStored: -1 }))
    const text = deps.metrics.render({
      boardsLoaded: deps.relay.rooms.size,
      connections: deps.relay.connections.size,
      unsavedUpdates: deps.relay.rooms.loaded().reduce((n, room) => n + room.unsavedUpdates, 0),
      bytesStored: stats.bytesStored,
      updateRows: stats.updateRows,
      boardsStored: stats.boards,
    })
    const extra = (await deps.backends?.metrics()) ?? ''
    return c.text(text + extra, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
  })

  app.route('/api/boards', boardRoutes(deps))
  app.route('/api/boards', okrRoutes(deps))
  app.route('/api/boards', remindersRoutes(deps))
  app.all('/api/*', () => {
    throw new ApiError(404, 'not-found', 'no such API route')
  })
  app.route('/', staticRoutes(deps.config.staticDir))

  app.notFound((c) => c.json({ error: { code: 'not-found', message: 'not found' } }, 404))

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status)
    }
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode
      const message = error.message || codeForStatus(status)
      return c.json({ error: { code: codeForStatus(status), message } }, status)
    }
    deps.logger.error(
      { err: error, method: c.req.method, path: safePath(c.req.path) },
      'request failed',
    )
    return c.json({ error: { code: 'internal', message: 'internal server error' } }, 500)
  })

  return app
}
