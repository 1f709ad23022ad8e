/**
 * Refusals that tell the client how to proceed through a response header: Retry-After on a
 * rate limit, WWW-Authenticate on a missing credential. app.onError copies `headers` onto the
 * JSON error response, so the body stays the one `{ error: { code, message } }` shape.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError } from './errors'

export class ApiErrorWithHeaders extends ApiError {
  override name = 'ApiErrorWithHeaders'
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(status, code, message)
  }
}

/** 429 with Retry-After in whole seconds (at least 1, so clients never retry at once). */
export class RateLimitedError extends ApiErrorWithHeaders {
  override name = 'RateLimitedError'
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, 'rate-limited', message, { 'retry-after': String(retryAfterSeconds) })
  }
}
