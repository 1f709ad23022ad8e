/**
 * The relay's REST API as the browser uses it (docs/server.md). Responses are untrusted: each is
 * checked for shape before the app sees it, and every failure becomes one `ApiError` with the
 * server's `{ error: { code, message } }` when it sent one.
 */
import { isRecord } from '../device/key-value'
import { isRole, type Role } from '../board/board-context'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** True when the request never got an answer: the device is offline or the server is down. */
  get isNetwork(): boolean {
    return this.status === 0
  }
}

export interface CreatedBoard {
  readonly id: string
  readonly editToken: string
  readonly viewToken: string
  /** The creator's link: it runs the room (docs/roles.md). */
  readonly facilitatorToken: string
  readonly editUrl: string
  readonly viewUrl: string
  readonly facilitatorUrl: string
}

export interface BoardInfo {
  readonly id: string
  readonly title: string
  readonly role: Role
}

type Fetch = typeof fetch

async function request(fetchFn: Fetch, path: string, init: RequestInit): Promise<unknown> {
  let response: Response
  try {
    response = await fetchFn(path, init)
  } catch (error) {
    throw new ApiError(0, 'network', `Cannot reach the server (${String(error)})`)
  }
  const text = await response.text().catch(() => '')
  let body: unknown = undefined
  if (text !== '') {
    try {
      body = JSON.parse(text) as unknown
    } catch {
      body = undefined
    }
  }
  if (!response.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {}
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : `http-${response.status}`,
      typeof error.message === 'string'
        ? error.message
        : `${response.status} ${response.statusText}`,
    )
  }
  return body
}

function bad(what: string): ApiError {
  return new ApiError(502, 'bad-response', `The server sent an unexpected ${what}`)
}

const str = (value: unknown): value is string => typeof value === 'string' && value !== ''

export async function createBoard(fetchFn: Fetch, title: string): Promise<CreatedBoard> {
  const body = await request(fetchFn, '/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (
    !isRecord(body) ||
    !str(body.id) ||
    !str(body.editToken) ||
    !str(body.viewToken) ||
    !str(body.editUrl) ||
    !str(body.viewUrl) ||
    !str(body.facilitatorToken) ||
    !str(body.facilitatorUrl)
  ) {
    throw bad('answer to "create board"')
  }
  return {
    id: body.id,
    editToken: body.editToken,
    viewToken: body.viewToken,
    facilitatorToken: body.facilitatorToken,
    editUrl: body.editUrl,
    viewUrl: body.viewUrl,
    facilitatorUrl: body.facilitatorUrl,
  }
}

export async function getBoardInfo(fetchFn: Fetch, id: string, token: string): Promise<BoardInfo> {
  const body = await request(fetchFn, `/api/boards/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!isRecord(body) || !isRole(body.role)) {
    throw bad('board description')
  }
  return { id, title: typeof body.title === 'string' ? body.title : '', role: body.role }
}

/** Merges a Yjs state into the server's copy of the board (restore / import). */
export async function putSnapshot(
  fetchFn: Fetch,
  id: string,
  token: string,
  state: Uint8Array,
): Promise<void> {
  await request(fetchFn, `/api/boards/${encodeURIComponent(id)}/snapshot`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: state as Uint8Array<ArrayBuffer>,
  })
}

/**
 * The app navigates only inside its own origin: a link the server returns is reduced to its
 * path and fragment, so a tampered answer cannot send the person elsewhere.
 */
export function localHref(url: string, origin: string): string {
  const parsed = new URL(url, origin)
  return `${parsed.pathname}${parsed.hash}`
}

export type LinkKind = 'facilitate' | 'edit' | 'view'

/** The new URL of each link a rotation replaced (its token rides in the fragment). */
export type RotatedLinks = Partial<Record<LinkKind, string>>

const URL_KEYS: Readonly<Record<LinkKind, string>> = {
  facilitate: 'facilitatorUrl',
  edit: 'editUrl',
  view: 'viewUrl',
}

/**
 * Replaces the named links of a board (the facilitate link is needed: others get 403
 * facilitator-only); the old ones stop at once and every socket of the board is closed.
 */
export async function rotateLinks(
  fetchFn: Fetch,
  id: string,
  token: string,
  links: readonly LinkKind[],
): Promise<RotatedLinks> {
  const body = await request(fetchFn, `/api/boards/${encodeURIComponent(id)}/tokens/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ links }),
  })
  if (!isRecord(body)) throw bad('answer to "new link"')
  const rotated: RotatedLinks = {}
  for (const link of links) {
    const url = body[URL_KEYS[link]]
    if (!str(url)) throw bad('answer to "new link"')
    rotated[link] = url
  }
  return rotated
}
