/**
 * Request guards shared by the routes: the token → role check for `/api/boards/:id/*`, the
 * Origin check on state-changing calls and the board creation secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { csrf } from 'hono/csrf'
import { authorize, tokenFrom, type Role } from './auth'
import type { AppDeps, AppEnv } from './deps'
import { ApiError } from './errors'
import { originAllowed, ownOrigins, type OriginPolicy } from './public-url'
import { ApiErrorWithHeaders } from './refusals'

/** Each role can do all the roles ranked below it. */
const RANK: Readonly<Record<Role, number>> = { view: 0, edit: 1, facilitate: 2 }

/** Resolves the token to a grant on `:id` and requires at least `needed`. */
export function requireRole(deps: AppDeps, needed: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const boardId = c.req.param('id') ?? ''
    const token = tokenFrom(c.req.header('authorization'), new URL(c.req.url))
    const grant = await authorize(deps.store, boardId, token)
    // One answer for "no such board" and "wrong token", so ids cannot be probed.
    if (grant === null)
      throw new ApiError(401, 'unauthorized', 'missing or invalid token for this board')
    assertRole(grant.role, needed)
    c.set('grant', grant)
    await next()
  }
}

/**
 * Throws the 403 a route answers when `role` is below `needed`: for a route whose need depends
 * on its body (a convert preview is open to edit links, applying it is not).
 */
export function assertRole(role: Role, needed: Role): void {
  if (RANK[role] >= RANK[needed]) return
  throw needed === 'facilitate'
    ? new ApiError(403, 'facilitator-only', 'only a facilitator link can do this')
    : new ApiError(403, 'read-only', 'this link is view-only')
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/

/**
 * CSRF protection for state-changing calls. hono/csrf refuses cross-site form-style posts;
 * in front of it we refuse any foreign Origin outright (whatever the content type) and let
 * through clients that send neither Origin nor Sec-Fetch-Site: scripts and curl, which cannot
 * be driven by another site. "Foreign" compares scheme, host and port (public-url.ts).
 */
export function csrfGuard(policy: OriginPolicy): MiddlewareHandler<AppEnv> {
  const allowed = (origin: string, c: Context) =>
    originAllowed(origin, ownOrigins(new URL(c.req.url).origin, policy))
  const library = csrf({ origin: allowed })
  return async (c, next) => {
    if (SAFE_METHOD.test(c.req.method)) return next()
    const origin = c.req.header('origin')
    if (origin === undefined && c.req.header('sec-fetch-site') === undefined) return next()
    if (origin !== undefined && !allowed(origin, c)) {
      throw new ApiError(403, 'forbidden-origin', 'requests from this origin are not allowed')
    }
    return library(c, next)
  }
}

/**
 * `BOARD_CREATION=secret`: creating a board needs `Authorization: Bearer <secret>`. The header
 * is the one every proxy and log redaction already treats as a credential; board tokens never
 * travel on this route, so the two cannot be confused. Compared as SHA-256 digests with
 * timingSafeEqual: equal lengths whatever was sent, so the timing says nothing about the secret.
 */
export function requireCreationSecret(secret: string): MiddlewareHandler<AppEnv> {
  const expected = digest(secret)
  return async (c, next) => {
    const match = /^Bearer\s+(.+?)\s*$/i.exec(c.req.header('authorization') ?? '')
    const given = match?.[1]
    if (given === undefined) {
      throw new ApiErrorWithHeaders(
        401,
        'creation-secret-required',
        'this server creates boards only with its creation secret (Authorization: Bearer <secret>)',
        { 'www-authenticate': 'Bearer realm="board creation"' },
      )
    }
    if (!timingSafeEqual(digest(given), expected)) {
      throw new ApiError(403, 'creation-secret-invalid', 'the board creation secret is not right')
    }
    await next()
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}
