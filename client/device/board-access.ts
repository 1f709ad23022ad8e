/**
 * What this device remembers about the boards it has opened: the capability token (so a reload
 * without the `#token=` fragment still works), the role and title last reported by the server
 * (so the board opens offline with the right affordances), the most recent boards for the home
 * page, and the count of local changes the server has not confirmed yet.
 */
import { isRole, type Role } from '../board/board-context'
import { isRecord, readJson, writeJson, type KeyValueStore } from './key-value'

const RECENT_KEY = 'sb:recent'
const boardKey = (id: string): string => `sb:board:${id}`
const MAX_RECENT = 20

export interface BoardAccess {
  readonly id: string
  readonly token: string
  readonly role: Role | null
  readonly title: string
  readonly lastOpenedAt: number
  /** Local changes not yet confirmed by the server; survives reloads (see docs/client.md). */
  readonly pending: number
  /** Capability links as the server issued them; known on the device that created the board. */
  readonly links: IssuedLinks | null
  /**
   * The last token this device knew to grant editing. Opening the view link (to check what
   * guests see) replaces `token`, but must not cost the facilitator their edit rights.
   */
  readonly editToken: string | null
  /**
   * The facilitate token this device holds, kept the same way when the creator opens the edit or
   * view link to see what participants see: losing it would lose the room for good.
   */
  readonly facilitateToken: string | null
}

/** `facilitate` is null in records written before roles (issue 15). */
export interface IssuedLinks {
  readonly edit: string
  readonly view: string
  readonly facilitate: string | null
}

/** A stronger link of this board this device holds than the one it has open. */
export interface SwitchableLink {
  readonly token: string
  readonly role: 'facilitate' | 'edit'
}

function parseAccess(id: string, value: unknown): BoardAccess | null {
  if (!isRecord(value) || typeof value.token !== 'string' || value.token === '') return null
  const role = isRole(value.role) ? value.role : null
  return {
    id,
    token: value.token,
    role,
    title: typeof value.title === 'string' ? value.title : '',
    lastOpenedAt: typeof value.lastOpenedAt === 'number' ? value.lastOpenedAt : 0,
    pending:
      typeof value.pending === 'number' && Number.isInteger(value.pending) && value.pending > 0
        ? value.pending
        : 0,
    links: parseLinks(value.links),
    editToken: heldToken(value.editToken, role === 'edit' ? value.token : null),
    facilitateToken: heldToken(value.facilitateToken, role === 'facilitate' ? value.token : null),
  }
}

function parseLinks(value: unknown): IssuedLinks | null {
  if (!isRecord(value) || typeof value.edit !== 'string' || typeof value.view !== 'string') {
    return null
  }
  const facilitate = typeof value.facilitate === 'string' ? value.facilitate : null
  return { edit: value.edit, view: value.view, facilitate }
}

function heldToken(stored: unknown, fallback: string | null): string | null {
  return typeof stored === 'string' && stored !== '' ? stored : fallback
}

export function getAccess(store: KeyValueStore, id: string): BoardAccess | null {
  return parseAccess(id, readJson(store, boardKey(id)))
}

/** Merges `patch` into what is stored and moves the board to the top of the recent list. */
export function rememberBoard(
  store: KeyValueStore,
  id: string,
  patch: Partial<Omit<BoardAccess, 'id'>> & { readonly token: string },
  now: number,
): BoardAccess {
  const previous = getAccess(store, id)
  // A different token for the same board (a view link opened after the edit link, or a
  // rotated link) replaces the old one, and the role learnt for the old token no longer holds.
  const sameToken = previous !== null && previous.token === patch.token
  const role = patch.role ?? (sameToken ? previous.role : null)
  const next: BoardAccess = {
    id,
    token: patch.token,
    role,
    title: patch.title ?? previous?.title ?? '',
    lastOpenedAt: now,
    pending: patch.pending ?? previous?.pending ?? 0,
    links: patch.links ?? previous?.links ?? null,
    editToken: role === 'edit' ? patch.token : (previous?.editToken ?? null),
    facilitateToken: role === 'facilitate' ? patch.token : (previous?.facilitateToken ?? null),
  }
  writeJson(store, boardKey(id), next)
  const recent = recentIds(store).filter((other) => other !== id)
  writeJson(store, RECENT_KEY, [id, ...recent].slice(0, MAX_RECENT))
  return next
}

export function updateAccess(
  store: KeyValueStore,
  id: string,
  patch: Partial<Pick<BoardAccess, 'role' | 'title' | 'pending'>>,
): void {
  const previous = getAccess(store, id)
  if (previous === null) return
  // The server's word on the open token: it is the held token of its role, and no longer the
  // held token of another role (a rotated link that now opens less).
  const held = (role: Role, token: string | null) =>
    patch.role === role ? previous.token : token === previous.token && patch.role ? null : token
  writeJson(store, boardKey(id), {
    ...previous,
    ...patch,
    editToken: held('edit', previous.editToken),
    facilitateToken: held('facilitate', previous.facilitateToken),
  })
}

/**
 * The stronger link to offer beside the open one: the facilitate token when this device holds
 * it and is not facilitating, else the edit token while it only views (null when none).
 */
export function switchableLink(access: BoardAccess | null): SwitchableLink | null {
  if (access === null || access.role === null) return null
  const other = (token: string | null) => token !== null && token !== access.token
  if (access.role !== 'facilitate' && other(access.facilitateToken)) {
    return { token: access.facilitateToken as string, role: 'facilitate' }
  }
  if (access.role === 'view' && other(access.editToken)) {
    return { token: access.editToken as string, role: 'edit' }
  }
  return null
}

/**
 * A view token for this board that may be shared (never the edit token): the view link this
 * device was issued, else the token it holds when it only views the board.
 */
export function shareableViewToken(access: BoardAccess | null, role: Role): string | null {
  const link = access?.links?.view
  if (link) {
    try {
      const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')
      if (token) return token
    } catch (_error) {
      // A damaged stored link: fall back to the token below.
    }
  }
  return role === 'view' ? (access?.token ?? null) : null
}

function recentIds(store: KeyValueStore): string[] {
  const value = readJson(store, RECENT_KEY)
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
}

/** Most recent first; boards whose record is missing or unreadable are left out. */
export function recentBoards(store: KeyValueStore): BoardAccess[] {
  return recentIds(store).flatMap((id) => {
    const access = getAccess(store, id)
    return access === null ? [] : [access]
  })
}

export function forgetBoard(store: KeyValueStore, id: string): void {
  store.removeItem(boardKey(id))
  writeJson(
    store,
    RECENT_KEY,
    recentIds(store).filter((other) => other !== id),
  )
}
