/**
 * Which groups of a board become objectives: ranked by dots, the top ones with votes, and the
 * diagnostics that explain what was left out and why.
 */
import { voteRanking } from '../board/vote-tally'
import { compareIds, CONVERSION_CODES, type ConversionDiagnostics } from './conversion-diagnostics'
import type { ConversionInput, InputGroup, InputNote } from './conversion-input'

export interface ChosenGroup {
  readonly group: InputGroup
  /** The group's own dots plus its notes' dots. */
  readonly votes: number
  /** Its notes, most-voted first, then oldest, then by id. */
  readonly notes: readonly InputNote[]
}

/** Reports the notes that belong to no (existing) group: they are not converted. */
const reportLooseNotes = (input: ConversionInput, diagnostics: ConversionDiagnostics): void => {
  const known = new Set(input.groups.map((g) => g.id))
  const ungrouped: InputNote[] = []
  const orphans = new Map<string, number>()
  for (const note of input.notes) {
    if (note.groupId === null) ungrouped.push(note)
    else if (!known.has(note.groupId))
      orphans.set(note.groupId, (orphans.get(note.groupId) ?? 0) + 1)
  }
  if (ungrouped.length > 0) {
    const voted = ungrouped.filter((n) => input.votes(n.id) > 0).length
    diagnostics.add(
      voted > 0 ? 'warning' : 'info',
      CONVERSION_CODES.notesUngrouped,
      `${ungrouped.length} note(s) are in no group and were not converted` +
        (voted > 0 ? `, ${voted} of them with votes: group them to convert them.` : '.'),
    )
  }
  for (const [groupId, count] of [...orphans].sort((a, b) => compareIds(a[0], b[0]))) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.noteGroupMissing,
      `${count} note(s) point to group "${groupId}", which does not exist; they were not converted.`,
      groupId,
    )
  }
}

/**
 * The groups to convert, in objective order: the board's one vote ranking (core/board
 * vote-tally.ts `voteRanking`, the order the Results panel shows), groups only, at most
 * `maxObjectives`, only voted ones unless `includeUnvoted` (then the fullest unvoted ones fill
 * up).
 *
 * @example
 * selectGroups(input, diagnostics).map((c) => c.group.id) // ['g2', 'g4', 'g5']
 */
export function selectGroups(
  input: ConversionInput,
  diagnostics: ConversionDiagnostics,
): ChosenGroup[] {
  reportLooseNotes(input, diagnostics)
  const max = input.maxObjectives
  const groups = new Map(input.groups.map((g) => [g.id, g]))
  const ranked: ChosenGroup[] = []
  for (const entry of voteRanking(input.groups, input.notes, input.votes)) {
    const group = groups.get(entry.targetId)
    if (entry.kind === 'group' && group !== undefined)
      ranked.push({ group, votes: entry.votes, notes: entry.notes })
  }
  const voted = ranked.filter((r) => r.votes > 0)
  const chosen = voted.slice(0, max)
  if (input.includeUnvoted && chosen.length < max) {
    const unvoted = ranked
      .filter((r) => r.votes === 0)
      .sort((a, b) => b.notes.length - a.notes.length || compareIds(a.group.id, b.group.id))
    chosen.push(...unvoted.slice(0, max - chosen.length))
  }

  if (input.groups.length === 0) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.noGroups,
      'The board has no groups: group notes into themes first.',
    )
  } else if (voted.length === 0) {
    diagnostics.add(
      'warning',
      CONVERSION_CODES.noVotedGroups,
      input.includeUnvoted
        ? 'No group has votes; unvoted groups were converted as asked.'
        : 'No group has votes, so nothing was converted: vote first, or convert unvoted groups.',
    )
  }
  const left = voted.slice(max)
  if (left.length > 0) {
    diagnostics.add(
      'info',
      CONVERSION_CODES.objectiveLimit,
      `${left.length} voted group(s) beyond the first ${max} were not converted: ` +
        left.map((r) => `"${r.group.id}" (${r.votes})`).join(', ') +
        '.',
    )
    const last = voted[max - 1]
    const first = left[0]
    if (last !== undefined && first !== undefined && last.votes === first.votes) {
      diagnostics.add(
        'warning',
        CONVERSION_CODES.voteTieAtLimit,
        `Groups "${last.group.id}" and "${first.group.id}" tie at ${last.votes} vote(s) across ` +
          'the limit; the tie was broken by group id. Raise maxObjectives or break the tie by vote.',
        `obj:${last.group.id}`,
      )
    }
  }
  return chosen
}
