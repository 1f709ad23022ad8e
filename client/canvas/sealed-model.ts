/**
 * What the hidden-work strip shows: one blank card per note each other member keeps hidden, and
 * how many dots they have cast under seal. Counts are all this device knows (the relay's
 * `sealed` root): the words and the dots' targets are not here to show.
 */
import type { SealedCounts } from '../../core/board/private-room'
import type { Member } from '../../core/board/members'

/** At most this many blank cards per member are drawn; the count says the rest. */
export const MAX_CARDS_DRAWN = 12

export interface SealedRow {
  readonly memberId: string
  readonly name: string
  readonly notes: number
  readonly cards: number
  readonly label: string
}

export interface SealedView {
  readonly rows: readonly SealedRow[]
  /** "N dots cast" while votes are sealed; null when none or revealed. */
  readonly dotsCast: string | null
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

export function sealedView(
  sealed: ReadonlyMap<string, SealedCounts>,
  members: readonly Member[],
  meta: { readonly notesRevealed: boolean; readonly votesRevealed: boolean },
): SealedView {
  const names = new Map(members.map((m) => [m.id, m.name]))
  const rows = meta.notesRevealed
    ? []
    : [...sealed]
        .filter(([, counts]) => counts.notes > 0)
        .map(([memberId, counts]) => {
          const name = names.get(memberId)?.trim() || 'Someone'
          return {
            memberId,
            name,
            notes: counts.notes,
            cards: Math.min(counts.notes, MAX_CARDS_DRAWN),
            label: `${name}: ${plural(counts.notes, 'hidden note', 'hidden notes')}`,
          }
        })
        .sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId))
  let dots = 0
  for (const counts of sealed.values()) dots += counts.dots
  const dotsCast =
    meta.votesRevealed || dots === 0 ? null : `${plural(dots, 'dot', 'dots')} cast by others`
  return { rows, dotsCast }
}
