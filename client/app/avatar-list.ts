/** Who the avatar row shows: the first few people as initials, the rest as "+n". */
import { initials as memberInitials } from '../../core/board/members'
import type { Peer } from '../board/peers'
import { displayName } from '../canvas/presence-state'

/** More faces than this crowd the top bar; the rest are counted. */
export const MAX_SHOWN = 6

/**
 * The same initials as owner avatars (core/board/members.ts): "Fiona (facilitator)" is "FF",
 * not "F(". Someone who has not chosen a name yet shows none.
 */
export function initials(name: string): string {
  return name.trim() === '' ? '' : memberInitials(name)
}

export interface Avatar {
  readonly peer: Peer
  readonly initials: string
  /** The tooltip: name and role, "(you)", and whether they point at the board. */
  readonly title: string
}

export interface AvatarList {
  readonly count: number
  readonly shown: readonly Avatar[]
  /** Everyone not shown, or null when everyone is. */
  readonly more: { readonly count: number; readonly title: string } | null
}

export function avatarList(peers: readonly Peer[], max = MAX_SHOWN): AvatarList {
  const rest = peers.slice(max)
  return {
    count: peers.length,
    shown: peers.slice(0, max).map((peer) => ({
      peer,
      initials: initials(peer.user.name),
      title:
        displayName(peer) +
        (peer.isSelf ? ' (you)' : '') +
        (peer.pointing ? ', pointing at the board' : ''),
    })),
    more:
      rest.length === 0
        ? null
        : { count: rest.length, title: rest.map((p) => displayName(p)).join(', ') },
  }
}
