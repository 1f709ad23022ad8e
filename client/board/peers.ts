/**
 * Who else is on the board, read from awareness. Peers publish whatever they like there, so
 * every field is checked and bounded before a view shows it.
 */
import type { Awareness } from 'y-protocols/awareness'
import { readRole } from '../canvas/presence-state'
import { readDone } from '../facilitation/done-marks'
import type { Identity, Role } from './board-context'

/** One peer's published user, checked: awareness states come from other, untrusted clients. */
export interface Peer {
  readonly clientId: number
  readonly user: Identity
  /** Stamped by the relay from the peer's link (never read from the name); null if absent. */
  readonly role: Role | null
  readonly isSelf: boolean
  /** Their pointer is over the board (the canvas draws the cursor itself). */
  readonly pointing: boolean
  /** The timed step they marked "I'm done" with (client/facilitation/done-marks.ts), or null. */
  readonly done: string | null
}

export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = []
  awareness.getStates().forEach((state: unknown, clientId) => {
    // A peer's state is whatever it sent: never assume its shape.
    if (typeof state !== 'object' || state === null) return
    const s = state as Record<string, unknown>
    const user = s.user
    if (typeof user !== 'object' || user === null) return
    const { id, name, color } = user as Record<string, unknown>
    if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return
    peers.push({
      clientId,
      user: {
        id: id.slice(0, 64),
        name: name.slice(0, 40),
        color: /^#[0-9a-f]{6}$/i.test(color) ? color : '#6b7280',
      },
      role: readRole(user),
      isSelf: clientId === awareness.clientID,
      pointing: typeof s.cursor === 'object' && s.cursor !== null,
      done: readDone(state),
    })
  })
  // Self first, then by name: a stable order that does not jump as people move.
  return peers.sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) ||
      a.user.name.localeCompare(b.user.name) ||
      a.clientId - b.clientId,
  )
}
