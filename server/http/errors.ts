/**
 * The one error type routes throw. `app.onError` (app.ts) turns it, and Hono's own
 * HTTPExceptions (CSRF, body limit), into `{ error: { code, message } }` with the same status.
 */
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export class ApiError extends HTTPException {
  override name = 'ApiError'
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message })
  }
}

/** Stable codes for statuses raised by middleware that does not know ours. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad-request'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'not-found'
    case 413:
      return 'payload-too-large'
    case 415:
      return 'unsupported-media-type'
    case 503:
      return 'unavailable'
    default:
      return status >= 500 ? 'internal' : 'error'
  }
}
