/**
 * Reading other peers' awareness states. They arrive from the network and are untrusted: a
 * buggy or hostile peer may publish anything, so each field is checked before it is drawn.
 *
 * A role is shown only from `user.role`, which the relay stamps on every state from the role of
 * the link the peer connected with (docs/server.md, "Roles in presence"); a name that says
 * "(facilitator)" proves nothing and earns no label.
 */
import type { Identity, PresenceState, Role } from '../board/board-context'

const MAX_SELECTION = 5_000

/** The label each stamped role earns; a new role is one line here. */
const ROLE_LABELS: Readonly<Record<Role, string | null>> = {
  facilitate: 'facilitator',
  edit: null,
  view: 'view only',
}

/** A peer's presence as read from the network, with the relay-stamped role (null if absent). */
export interface RemotePresence extends PresenceState {
  readonly role: Role | null
}

/** The relay-stamped role of a published `user`, or null when it is missing or unknown. */
export function readRole(user: unknown): Role | null {
  if (typeof user !== 'object' || user === null) return null
  const role = (user as Record<string, unknown>).role
  return typeof role === 'string' && Object.hasOwn(ROLE_LABELS, role) ? (role as Role) : null
}

/** What to show beside a peer's name for their role ('view only'), or null for none. */
export function roleLabel(role: Role | null): string | null {
  return role === null ? null : ROLE_LABELS[role]
}

/** The name as drawn on a cursor or avatar: the published name, then the stamped role. */
export function displayName(presence: { user: Identity; role: Role | null }): string {
  const label = roleLabel(presence.role)
  return label === null ? presence.user.name : `${presence.user.name} · ${label}`
}

function identity(value: unknown): Identity | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.color !== 'string') {
    return null
  }
  // Names are drawn as text, never as markup, but an endless one would still swamp the label.
  return { id: v.id, name: v.name.slice(0, 40), color: safeColor(v.color) }
}

/** Only plain hex or rgb()/hsl() colours reach the canvas; anything else gets a neutral grey. */
export function safeColor(value: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(value) || /^(rgb|hsl)a?\([\d\s.,%]+\)$/i.test(value)
    ? value
    : '#6b7280'
}

export function readPresence(state: unknown): RemotePresence | null {
  if (typeof state !== 'object' || state === null) return null
  const s = state as Record<string, unknown>
  const user = identity(s.user)
  if (!user) return null
  let cursor: PresenceState['cursor'] = null
  if (typeof s.cursor === 'object' && s.cursor !== null) {
    const c = s.cursor as Record<string, unknown>
    if (typeof c.x === 'number' && typeof c.y === 'number' && isFinite(c.x) && isFinite(c.y)) {
      cursor = { x: c.x, y: c.y }
    }
  }
  const selection = Array.isArray(s.selection)
    ? s.selection.filter((id): id is string => typeof id === 'string').slice(0, MAX_SELECTION)
    : []
  return { user, cursor, selection, role: readRole(s.user) }
}

/** Every other peer's presence, keyed by awareness client id; our own entry is skipped. */
export function peersOf(
  states: ReadonlyMap<number, unknown>,
  localClientId: number,
): Map<number, RemotePresence> {
  const out = new Map<number, RemotePresence>()
  for (const [clientId, state] of states) {
    if (clientId === localClientId) continue
    const p = readPresence(state)
    if (p) out.set(clientId, p)
  }
  return out
}
