/**
 * Response headers that limit what a browser does with our answers, set on every response
 * (errors included) by one middleware in front of everything else.
 *
 * The app's Content-Security-Policy allows scripts from this origin only: the build has no
 * inline script (one module `<script src>`, the service worker registered from that module), so
 * an injected `<script>` or `onclick` cannot run. Styles also allow 'unsafe-inline': components
 * bind `style="…"` attributes (score bars, note colours) and the print view writes its own
 * stylesheet into a window that inherits this policy; a style cannot run code, and Lit escapes
 * what goes into them. `connect-src` names the socket origin as well as 'self', for browsers
 * that read 'self' as http(s) only.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './deps'
import { trustedOrigin, type OriginPolicy } from './public-url'

/** Live data that is never cached: the API answers carry tokens, boards and health. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/metrics'
}

/** JSON and text answers are never documents: nothing may load, run or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

/**
 * The web app's policy; `socketOrigin` is `ws(s)://host[:port]` of the relay, or null when the
 * request's Host is not trusted (then 'self' alone, which current browsers apply to ws too).
 */
export function appCsp(socketOrigin: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${socketOrigin === null ? '' : ` ${socketOrigin}`}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** `https://host` → `wss://host`: the origin the client's socket connects to. */
export function socketOriginOf(origin: string): string {
  return origin.replace(/^http/, 'ws')
}

export function securityHeaders(policy: OriginPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    // frame-ancestors for current browsers; X-Frame-Options for those that predate it.
    c.header('X-Frame-Options', 'DENY')
    // Capability links carry tokens in the fragment; keep even the path out of Referer.
    c.header('Referrer-Policy', 'no-referrer')
    if (isApiPath(c.req.path)) {
      c.header('Cache-Control', 'no-store')
      c.header('Content-Security-Policy', API_CSP)
      return
    }
    const origin = trustedOrigin(new URL(c.req.url), policy)
    c.header('Content-Security-Policy', appCsp(origin === null ? null : socketOriginOf(origin)))
  }
}
