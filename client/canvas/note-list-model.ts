/**
 * What the list view of the board shows a person: the groups in board order with their notes,
 * then the ungrouped notes, each row with the words, counts and attributes the view and the
 * browser tests read. Pure, so the private brainstorm and the vote's secrecy are tested here.
 */
import type { BoardSnapshot, Group, Note, VoteTally } from '../../core/board/board-model'
import { colorOr } from '../../core/board/colors'
import { DEFAULT_NOTE_COLOR, NOTE_SIZE } from '../../core/board/schema'
import { newNoteSpot } from '../../core/board/tidy'
import { visibleTally } from '../../core/board/visibility'
import { remainingVotes } from '../../core/board/vote-tally'
import { dotsLeftLabel, noteLabel } from '../board/board-labels'

/** Where the first note made from the list goes on an empty board (its top-left corner). */
const FIRST_NOTE = { x: 80, y: 80 }

const dots = (n: number): string => `${n} ${n === 1 ? 'dot' : 'dots'}`
const groupName = (title: string): string => title.trim() || 'Untitled group'

/**
 * Where a note made from the list lands: the free spot (clear of every note and frame) nearest
 * to the last loose note, so notes added one after another gather in a block beside each
 * other, never on top of anything (core/board/tidy.ts newNoteSpot).
 */
export function nextNotePosition(
  notes: readonly Pick<Note, 'id' | 'x' | 'y' | 'groupId'>[],
  groups: readonly Pick<Group, 'id' | 'x' | 'y' | 'w' | 'h'>[] = [],
): { x: number; y: number } {
  const last = notes.findLast((n) => n.groupId === null) ?? notes.at(-1)
  const corner = last ?? FIRST_NOTE
  const near = { x: corner.x + NOTE_SIZE.w / 2, y: corner.y + NOTE_SIZE.h / 2 }
  const { x, y } = newNoteSpot(notes, groups, near, false)
  return { x, y }
}

export interface NoteRow {
  readonly id: string
  readonly groupId: string | null
  /** What the row reads (others' hidden notes are not on this device: nothing to blank). */
  readonly text: string
  /** What the editor starts from. */
  readonly editText: string
  /** How buttons name the note ("Edit note: …"). */
  readonly label: string
  readonly color: string
  readonly votes: number
  readonly myVotes: number
  readonly mine: boolean
  readonly x: number
  readonly y: number
  /** Hidden notes cannot be edited: their text is not this person's to see. */
  readonly editable: boolean
  /** "In <group> · 2 dots", with "(yours)" while only this person's dots are counted. */
  readonly detail: string
}

export interface GroupSection {
  readonly group: Group
  readonly name: string
  readonly votes: number
  readonly heading: string
  readonly notes: readonly NoteRow[]
}

export interface NoteListView {
  readonly noteCount: number
  readonly groupCount: number
  readonly canEdit: boolean
  /** Dots are cast from the list in the vote and review phases, by editors. */
  readonly voting: boolean
  readonly left: number
  readonly budgetLabel: string
  readonly groups: readonly GroupSection[]
  readonly ungroupedHeading: string
  readonly ungrouped: readonly NoteRow[]
}

export function noteListView(board: BoardSnapshot, me: string, canEdit: boolean): NoteListView {
  const tally = visibleTally(board.tally, board.meta, me)
  const groupTitle = new Map(board.groups.map((g) => [g.id, g.title]))
  const rows = board.notes.map((note) => noteRow(note, board, tally, me, canEdit, groupTitle))
  const byGroup = new Map<string | null, NoteRow[]>()
  for (const row of rows) byGroup.set(row.groupId, [...(byGroup.get(row.groupId) ?? []), row])
  const ungrouped = byGroup.get(null) ?? []
  const left = remainingVotes(board.tally, me, board.meta.voteBudget)
  return {
    noteCount: board.notes.length,
    groupCount: board.groups.length,
    canEdit,
    voting: canEdit && (board.meta.phase === 'vote' || board.meta.phase === 'review'),
    left,
    budgetLabel: dotsLeftLabel(left, board.meta.voteBudget),
    groups: board.groups.map((group) => groupSection(group, tally, byGroup.get(group.id) ?? [])),
    ungroupedHeading: `${board.groups.length > 0 ? 'Not in a group' : 'Notes'} (${ungrouped.length})`,
    ungrouped,
  }
}

function groupSection(group: Group, tally: VoteTally, notes: readonly NoteRow[]): GroupSection {
  const name = groupName(group.title)
  const votes = tally.byTarget.get(group.id) ?? 0
  return {
    group,
    name,
    votes,
    heading: `${name} (${notes.length}${votes > 0 ? `, ${dots(votes)}` : ''})`,
    notes,
  }
}

function noteRow(
  note: Note,
  board: BoardSnapshot,
  tally: VoteTally,
  me: string,
  canEdit: boolean,
  groupTitle: ReadonlyMap<string, string>,
): NoteRow {
  const votes = tally.byTarget.get(note.id) ?? 0
  const group = note.groupId === null ? undefined : groupTitle.get(note.groupId)
  const where = group === undefined ? '' : `In ${groupName(group)} · `
  return {
    id: note.id,
    groupId: note.groupId,
    text: note.text,
    editText: note.text,
    label: noteLabel(note),
    color: colorOr(note.color, DEFAULT_NOTE_COLOR),
    votes,
    myVotes: board.tally.byVoter.get(me)?.get(note.id) ?? 0,
    mine: note.author === me,
    x: Math.round(note.x),
    y: Math.round(note.y),
    editable: canEdit,
    detail: `${where}${dots(votes)}${board.meta.votesRevealed ? '' : ' (yours)'}`,
  }
}
