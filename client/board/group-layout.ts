/**
 * Accepting a grouping proposal: a frame sized for its notes, the notes tidied into a grid
 * inside it, and the notes assigned, as one transaction (one undo step, one update on the wire).
 */
import type * as Y from 'yjs'
import type { BoardSnapshot, Note } from '../../core/board/board-model'
import type { GroupSuggestion } from '../../core/convert/drafts'
import { assignNotes, createGroup, placeNotes } from '../../core/board/commands'
import { NOTE_HEIGHT, NOTE_WIDTH } from '../canvas/hit-test'

const GAP = 20
/** Room for the frame's title above the first row. */
const TITLE_SPACE = 44

export interface ProposalLayout {
  readonly frame: { readonly x: number; readonly y: number; readonly w: number; readonly h: number }
  readonly positions: readonly { id: string; x: number; y: number }[]
}

type Box = { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/**
 * A near-square grid in the proposal's note order, in a frame placed right of everything else
 * on the board (so it never lands on other notes or frames), top-aligned with that content.
 */
export function layoutProposal(
  notes: readonly Pick<Note, 'id' | 'x' | 'y'>[],
  others: readonly Box[] = [],
): ProposalLayout {
  const columns = Math.max(1, Math.ceil(Math.sqrt(notes.length)))
  const rows = Math.max(1, Math.ceil(notes.length / columns))
  const finite = (value: number) => (Number.isFinite(value) ? value : 0)
  // Alone on the board: the frame goes where the notes already are.
  const x =
    others.length > 0
      ? finite(Math.max(...others.map((b) => b.x + b.w))) + 3 * GAP
      : finite(Math.min(...notes.map((n) => n.x))) - GAP
  const y =
    others.length > 0
      ? finite(Math.min(...others.map((b) => b.y)))
      : finite(Math.min(...notes.map((n) => n.y))) - TITLE_SPACE
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
  board: Pick<BoardSnapshot, 'notes' | 'groups'>,
  groupId: string,
  origin: unknown,
): string | null {
  const byId = new Map(board.notes.map((note) => [note.id, note]))
  const members = proposal.noteIds.flatMap((id) => {
    const note = byId.get(id)
    return note !== undefined && note.groupId === null ? [note] : []
  })
  if (members.length === 0) return null
  const memberIds = new Set(members.map((n) => n.id))
  const others: Box[] = [
    ...board.groups,
    ...board.notes
      .filter((n) => !memberIds.has(n.id))
      .map((n) => ({ x: n.x, y: n.y, w: NOTE_WIDTH, h: NOTE_HEIGHT })),
  ]
  const { frame, positions } = layoutProposal(members, others)
  // The three commands nest in one outer transaction: Yjs runs nested `transact` calls inside
  // the outer one, so peers and the undo manager see a single change.
  doc.transact(() => {
    createGroup(doc, { id: groupId, title: proposal.title, ...frame }, origin)
    placeNotes(doc, { positions: [...positions] }, origin)
    assignNotes(doc, { noteIds: members.map((n) => n.id), groupId }, origin)
  }, origin)
  return groupId
}
