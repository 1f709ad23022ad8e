/**
 * Capability tokens on HTTP and upgrade requests: where to find one, and which role it grants on
 * which board. Tokens are compared against stored hashes in constant time (storage/tokens.ts)
 * and never logged.
 */
import { tryGetContext } from 'hono/context-storage'
import type { Role } from '../relay/connection'
import type { BoardRecord, BoardStore } from '../storage/store'
import { roleForToken } from '../storage/tokens'
import type { AppEnv } from './deps'

export type { Role }

/** Ids we issue are 16 base64url characters; anything else is refused before the store sees it. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function isBoardId(id: string): boolean {
  return BOARD_ID_PATTERN.test(id)
}

/** `Authorization: Bearer <token>` wins over `?token=`. */
export function tokenFrom(authorization: string | undefined, url: URL): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  if (match?.[1] !== undefined) return match[1]
  return url.searchParams.get('token')
}

export interface Grant {
  readonly board: BoardRecord
  readonly role: Role
}

/** The board and role a token grants, or null for an unknown board or a wrong token. */
export async function authorize(
  store: BoardStore,
  boardId: string,
  token: string | null,
): Promise<Grant | null> {
  if (!isBoardId(boardId) || token === null) return null
  const board = await store.getBoard(boardId)
  if (board === null) return null
  const role = roleForToken(board, token)
  return role === null ? null : { board, role }
}

/**
 * The capability link for a role: the token rides in the fragment, which browsers never send.
 *
 * The origin is the one app.ts resolved for this request (PUBLIC_URL, or a Host that names this
 * server: public-url.ts), read from the request's context, never the caller's `requestOrigin`:
 * that comes from the Host header, which the client chooses, and a link to an attacker's host
 * would hand over the token to whoever follows it. A route that did not resolve one throws.
 */
export function capabilityUrl(_requestOrigin: string, boardId: string, token: string): string {
  const origin = tryGetContext<AppEnv>()?.var.publicOrigin
  if (origin === undefined) {
    throw new Error('capabilityUrl: no public origin resolved for this request (see app.ts)')
  }
  return linkAt(origin, boardId, token)
}

/** A board link at a known public origin (the operator command has no request to ask). */
export function linkAt(origin: string, boardId: string, token: string): string {
  return `${origin}/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`
}
