/** Who the avatar row shows: the first few people as initials, the rest as "+n". */
import type { Peer } from '../board/peers'
import { displayName } from '../canvas/presence-state'

/** More faces than this crowd the top bar; the rest are counted. */
export const MAX_SHOWN = 6

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name.trim()]
  return letters
    .map((word) => Array.from(word ?? '')[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
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
