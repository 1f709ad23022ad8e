/**
 * The HTTP application: REST API, health, metrics and the web app. `createApp` never listens
 * (main.ts does), so tests drive it with `app.request()` and no network.
 *
 * @example
 * const app = createApp(deps)
 * const res = await app.request('/healthz') // 200 { status: 'ok', … }
 */
import { Hono, type MiddlewareHandler } from 'hono'
import { contextStorage } from 'hono/context-storage'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { safePath } from './log'
import { boardRoutes } from './http/boards'
import type { AppDeps, AppEnv } from './http/deps'
import { ApiError, codeForStatus } from './http/errors'
import { csrfGuard, requireCreationSecret } from './http/guards'
import { okrRoutes } from './http/okr'
import { trustedOrigin, type OriginPolicy } from './http/public-url'
import { limitRate, memoryRateLimits, type LimitName } from './http/rate-limit'
import { ApiErrorWithHeaders } from './http/refusals'
import { securityHeaders } from './http/security-headers'
import { staticRoutes } from './http/static'
import { remindersRoutes } from './http/reminders'

export type { AppDeps } from './http/deps'

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const policy: OriginPolicy = {
    publicUrl: deps.config.publicUrl,
    allowedOrigins: deps.config.allowedOrigins,
    listening: deps.listening,
  }

  // First, so that every answer below it carries the headers, errors included.
  app.use('*', securityHeaders(policy))
  app.use('/api/*', csrfGuard(policy))
  guardAnonymousRoutes(app, deps, policy)

  app.get('/healthz', async (c) => {
    const unsaved = deps.relay.rooms.loaded().reduce((n, room) => n + room.unsavedUpdates, 0)
    const inconsistent = deps.relay.rooms.inconsistent()
    const backends = await deps.backends?.health()
    const ok = unsaved === 0 && inconsistent.length === 0 && (backends?.ok ?? true)
    return c.json({
      status: ok ? 'ok' : 'degraded',
      boardsLoaded: deps.relay.rooms.size,
      connections: deps.relay.connections.size,
      unsavedUpdates: unsaved,
      // Boards whose doc no longer matches storage (Room.consistent): they are being reloaded.
      inconsistentBoards: inconsistent.length,
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
      roomsInconsistent: deps.relay.rooms.inconsistent().length,
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
      if (error instanceof ApiErrorWithHeaders) {
        for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
      }
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

/**
 * What anyone may do without a board token, bounded before the routes in http/boards.ts run:
 * per-address rate limits on creating boards and uploading snapshots (counted before the secret
 * and the token are checked, so guessing them is rate-limited too), the creation secret, and the
 * public origin the returned share links are built from (resolved before the board is created,
 * so an untrusted Host is refused without leaving a board behind).
 */
function guardAnonymousRoutes(app: Hono<AppEnv>, deps: AppDeps, policy: OriginPolicy): void {
  const { config } = deps
  const limits =
    deps.rateLimits ??
    memoryRateLimits(
      {
        createBoard: config.createBoardsPerMinute,
        snapshotUpload: config.snapshotUploadsPerMinute,
        // Socket opens are counted in relay/upgrade.ts, which main.ts gives its own limits.
        socketOpen: 0,
      },
      deps.logger,
    )
  const creating = ['/api/boards', '/api/boards/']
  const linking = [...creating, '/api/boards/:id/tokens/rotate', '/api/boards/:id/tokens/rotate/']
  const uploading = ['/api/boards/:id/snapshot', '/api/boards/:id/snapshot/']

  const counted = () => deps.metrics.reject('rate-limited')
  const limit = (name: LimitName, what: string) =>
    limitRate(limits, name, config.trustProxy, what, counted)

  app.on('POST', creating, limit('createBoard', 'new boards'))
  if (config.boardCreation === 'secret') {
    app.on('POST', creating, requireCreationSecret(config.boardCreationSecret))
  }
  app.on('PUT', uploading, limit('snapshotUpload', 'uploads'))
  app.on('POST', linking, contextStorage(), resolvePublicOrigin(policy))
}

function resolvePublicOrigin(policy: OriginPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = trustedOrigin(new URL(c.req.url), policy)
    if (origin === null) {
      throw new ApiError(
        421,
        'unknown-host',
        'this Host is not an address of this server, so no share link can be built for it: ' +
          'set PUBLIC_URL (or list the origin in ALLOWED_ORIGINS)',
      )
    }
    c.set('publicOrigin', origin)
    await next()
  }
}
