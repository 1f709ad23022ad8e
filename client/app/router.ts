/**
 * The app's two places. Capability tokens travel in the URL fragment (`/b/<id>#token=…`) so they
 * never reach server logs or Referer headers; the app strips the fragment after reading it.
 */
export type Route =
  | { readonly kind: 'home' }
  | { readonly kind: 'board'; readonly boardId: string; readonly token: string | null }
  | { readonly kind: 'not-found'; readonly path: string }

/** Server ids are URL-safe; anything else cannot be a board and is not sent anywhere. */
const BOARD_ID = /^[A-Za-z0-9_-]{1,64}$/

export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { kind: 'home' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match === null) return { kind: 'not-found', path: pathname }
  let boardId: string
  try {
    boardId = decodeURIComponent(match[1] ?? '')
  } catch {
    return { kind: 'not-found', path: pathname }
  }
  if (!BOARD_ID.test(boardId)) return { kind: 'not-found', path: pathname }
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')
  return { kind: 'board', boardId, token: token !== null && token !== '' ? token : null }
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`
}
