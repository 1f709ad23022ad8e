/**
 * Request guards shared by the routes: the token → role check for `/api/boards/:id/*`, and the
 * Origin check on state-changing calls.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { csrf } from 'hono/csrf'
import { authorize, tokenFrom, type Role } from './auth'
import type { AppDeps, AppEnv } from './deps'
import { ApiError } from './errors'

/** Resolves the token to a grant on `:id` and requires at least `needed`. */
export function requireRole(deps: AppDeps, needed: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const boardId = c.req.param('id') ?? ''
    const token = tokenFrom(c.req.header('authorization'), new URL(c.req.url))
    const grant = await authorize(deps.store, boardId, token)
    // One answer for "no such board" and "wrong token", so ids cannot be probed.
    if (grant === null)
      throw new ApiError(401, 'unauthorized', 'missing or invalid token for this board')
    if (needed === 'edit' && grant.role !== 'edit') {
      throw new ApiError(403, 'read-only', 'this link is view-only')
    }
    c.set('grant', grant)
    await next()
  }
}

/** Whether a browser Origin may act on this server: its own origin or a configured one. */
export function originAllowed(
  origin: string,
  ownOrigin: string,
  allowed: readonly string[],
): boolean {
  return origin === ownOrigin || allowed.includes(origin)
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/

/**
 * CSRF protection for state-changing calls. hono/csrf refuses cross-site form-style posts;
 * in front of it we refuse any foreign Origin outright (whatever the content type) and let
 * through clients that send neither Origin nor Sec-Fetch-Site: scripts and curl, which cannot
 * be driven by another site.
 */
export function csrfGuard(allowed: readonly string[]): MiddlewareHandler<AppEnv> {
  const ownOrigin = (c: Context) => new URL(c.req.url).origin
  const library = csrf({ origin: (origin, c) => originAllowed(origin, ownOrigin(c), allowed) })
  return async (c, next) => {
    if (SAFE_METHOD.test(c.req.method)) return next()
    const origin = c.req.header('origin')
    if (origin === undefined && c.req.header('sec-fetch-site') === undefined) return next()
    if (origin !== undefined && !originAllowed(origin, ownOrigin(c), allowed)) {
      throw new ApiError(403, 'forbidden-origin', 'requests from this origin are not allowed')
    }
    return library(c, next)
  }
}
