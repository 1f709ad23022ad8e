/**
 * Request-body plumbing shared by the JSON routes: a size cap that answers with our error shape,
 * and a JSON reader that treats an empty body as `{}`.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './deps'
import { ApiError } from './errors'

/** Rejects a body over `maxSize` bytes with 413 `payload-too-large` ("`what` over N bytes"). */
export function limitBody(maxSize: number, what: string): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload-too-large', `${what} over ${maxSize} bytes`)
    },
  })
}

/** Parses the body as JSON; an empty or blank body reads as `{}`. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text()
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new ApiError(400, 'invalid-json', 'body is not valid JSON')
  }
}
