/**
 * Accepting a grouping proposal: a frame sized for its notes, the notes tidied into a grid
 * inside it, and the notes assigned, as one transaction (one undo step, one update on the wire).
 */
import type * as Y from 'yjs'
import type { Note } from '../core/board/model'
import type { GroupSuggestion } from '../core/convert/model'
import { assignNotes, createGroup, placeNotes } from '../core/board/commands'
import { NOTE_HEIGHT, NOTE_WIDTH } from './canvas/hit-test'

const GAP = 20
/** Room for the frame's title above the first row. */
const TITLE_SPACE = 44

export interface ProposalLayout {
  readonly frame: { readonly x: number; readonly y: number; readonly w: number; readonly h: number }
  readonly positions: readonly { id: string; x: number; y: number }[]
}

/** A near-square grid anchored at the notes' current top-left, in the proposal's note order. */
export function layoutProposal(notes: readonly Pick<Note, 'id' | 'x' | 'y'>[]): ProposalLayout {
  const columns = Math.max(1, Math.ceil(Math.sqrt(notes.length)))
  const rows = Math.max(1, Math.ceil(notes.length / columns))
  const left = Math.min(...notes.map((n) => n.x), Infinity)
  const top = Math.min(...notes.map((n) => n.y), Infinity)
  const x = Number.isFinite(left) ? left - GAP : 0
  const y = Number.isFinite(top) ? top - TITLE_SPACE : 0
  return {
    frame: {
      x,
      y,
      w: columns * (NOTE_WIDTH + GAP) + GAP,
      h: rows * (NOTE_HEIGHT + GAP) + GAP + TITLE_SPACE,
    },
    positions: notes.map((note, i) => ({
      id: note.id,
      x: x + GAP + (i % columns) * (NOTE_WIDTH + GAP),
      y: y + TITLE_SPACE + Math.floor(i / columns) * (NOTE_HEIGHT + GAP),
    })),
  }
}

/**
 * Applies one proposal. The notes still ungrouped are used (another person may have grouped
 * some meanwhile); returns the new group's id, or null when nothing is left to group.
 */
export function acceptProposal(
  doc: Y.Doc,
  proposal: GroupSuggestion,
  notes: readonly Note[],
  groupId: string,
  origin: unknown,
): string | null {
  const byId = new Map(notes.map((note) => [note.id, note]))
  const members = proposal.noteIds.flatMap((id) => {
    const note = byId.get(id)
    return note !== undefined && note.groupId === null ? [note] : []
  })
  if (members.length === 0) return null
  const { frame, positions } = layoutProposal(members)
  // The three commands nest in one outer transaction: Yjs runs nested `transact` calls inside
  // the outer one, so peers and the undo manager see a single change.
  doc.transact(() => {
    createGroup(doc, { id: groupId, title: proposal.title, ...frame }, origin)
    placeNotes(doc, { positions: [...positions] }, origin)
    assignNotes(doc, { noteIds: members.map((n) => n.id), groupId }, origin)
  }, origin)
  return groupId
}
