/**
 * Reading other peers' awareness states. They arrive from the network and are untrusted: a
 * buggy or hostile peer may publish anything, so each field is checked before it is drawn.
 */
import type { Identity, PresenceState } from '../context'

const MAX_SELECTION = 5_000

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

export function readPresence(state: unknown): PresenceState | null {
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
  return { user, cursor, selection }
}

/** Every other peer's presence, keyed by awareness client id; our own entry is skipped. */
export function peersOf(
  states: ReadonlyMap<number, unknown>,
  localClientId: number,
): Map<number, PresenceState> {
  const out = new Map<number, PresenceState>()
  for (const [clientId, state] of states) {
    if (clientId === localClientId) continue
    const p = readPresence(state)
    if (p) out.set(clientId, p)
  }
  return out
}
