/**
 * Which document a command writes (docs/private-brainstorm.md): while notes are hidden a new
 * note goes to this person's private room, and every later edit, move, recolour or delete of a
 * note that lives there stays there; while votes are sealed, dots go there too. Everything
 * else, and everything once revealed, goes to the shared board as before.
 *
 * A selection may hold both kinds of note: the shared part runs first (it is the part the relay
 * may refuse), then the private part, each whole in its own document.
 */
import type * as Y from 'yjs'
import { readMeta } from '../../core/board/read'
import { getEntity } from '../../core/board/schema'
import { BoardCommandError } from '../../core/board/errors'
import {
  applyNoteTextDelta,
  castVote,
  createNote,
  deleteNotes,
  deleteSelection,
  dropNotes,
  duplicateNotes,
  editText,
  frameSelection,
  acceptGroupingProposal,
  acceptGroupingProposals,
  insertNoteText,
  deleteNoteText,
  moveNotes,
  placeNotes,
  recolourNotes,
  recolourSelection,
  retractVote,
  setNoteText,
  setText,
} from '../../core/board/commands/index'
import { castPrivateVote, retractPrivateVote } from '../../core/board/commands/private-votes'

/** This person's private room as the router needs it. */
export interface PrivateSide {
  readonly doc: Y.Doc
  /** The member the room is bound to: the author of its notes. */
  readonly member: string
  /** The personal link that opens this room on the person's other device. */
  readonly link?: string
}

type AnyCommand = (doc: Y.Doc, args: never, origin: unknown) => unknown
type Args = Record<string, unknown>

const ID_BATCH = new Set<AnyCommand>([moveNotes, recolourNotes, deleteNotes])
const SELECTION = new Set<AnyCommand>([dropNotes, deleteSelection, recolourSelection])
const NOTE_TEXT = new Set<AnyCommand>([
  setNoteText,
  insertNoteText,
  deleteNoteText,
  applyNoteTextDelta,
])
const TEXT = new Set<AnyCommand>([editText, setText])
const GROUPING = new Set<AnyCommand>([frameSelection, acceptGroupingProposal])

/**
 * Runs `command` on the document it belongs to. With no private room (a view link, or before
 * the room is open) it is simply the shared board.
 */
export function runRouted<A, R>(
  command: (doc: Y.Doc, args: A, origin: unknown) => R,
  args: A,
  shared: Y.Doc,
  side: PrivateSide | null,
  origin: unknown,
): R {
  if (side === null) return command(shared, args, origin)
  const c = command as unknown as AnyCommand
  const a = args as unknown as Args
  const run = command as unknown as (doc: Y.Doc, args: Args, origin: unknown) => R
  const isPrivate = (id: unknown): boolean =>
    typeof id === 'string' && getEntity(side.doc, 'notes', id) !== null
  const meta = readMeta(shared)
  if (c === createNote && !meta.notesRevealed) {
    // No frames live in the private room: the note joins one after the reveal.
    return run(side.doc, { ...a, author: side.member, groupId: null }, origin)
  }
  if (c === castVote && !meta.votesRevealed) {
    return castPrivateVote(side.doc, voteArgs(a, meta.voteBudget), origin) as R
  }
  if (c === retractVote && !meta.votesRevealed) {
    const removed = retractPrivateVote(side.doc, voteArgs(a, meta.voteBudget), origin)
    // A dot cast while votes were revealed is public already: it is taken back there.
    return (removed > 0 ? removed : run(shared, a, origin)) as R
  }
  if (NOTE_TEXT.has(c)) return run(isPrivate(a.id) ? side.doc : shared, a, origin)
  if (TEXT.has(c)) {
    return run(a.collection === 'notes' && isPrivate(a.id) ? side.doc : shared, a, origin)
  }
  if (ID_BATCH.has(c) || c === placeNotes)
    return splitBatch(run, a, shared, side, isPrivate, origin)
  if (SELECTION.has(c)) return splitSelection(run, a, shared, side, isPrivate, origin)
  if (c === duplicateNotes) return splitCopies(run, a, shared, side, isPrivate, origin)
  if (GROUPING.has(c)) return run(shared, withoutPrivate(a, isPrivate), origin)
  if (c === acceptGroupingProposals) {
    const proposals = listOf(a.proposals).map((p) => withoutPrivate((p ?? {}) as Args, isPrivate))
    return run(shared, { ...a, proposals }, origin)
  }
  return command(shared, args, origin)
}

function voteArgs(a: Args, budget: number): { targetId: string; budget: number; count?: number } {
  const targetId = typeof a.targetId === 'string' ? a.targetId : ''
  return typeof a.count === 'number' ? { targetId, budget, count: a.count } : { targetId, budget }
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : []
}

/** Both halves' answers as one: the ids acted on, or the shared half's answer. */
function joined<R>(first: R, second: R): R {
  return (Array.isArray(first) && Array.isArray(second) ? [...first, ...second] : first) as R
}

type Run<R> = (doc: Y.Doc, args: Args, origin: unknown) => R
type IsPrivate = (id: unknown) => boolean

function splitBatch<R>(
  run: Run<R>,
  a: Args,
  shared: Y.Doc,
  side: PrivateSide,
  isPrivate: IsPrivate,
  origin: unknown,
): R {
  // placeNotes names its notes in `positions`, the others in `ids`.
  const key = Array.isArray(a.positions) ? 'positions' : 'ids'
  const idOf = (item: unknown): unknown => (key === 'ids' ? item : (item as Args | null)?.id)
  const all = listOf(a[key])
  const own = all.filter((item) => isPrivate(idOf(item)))
  if (own.length === 0) return run(shared, a, origin)
  const rest = all.filter((item) => !isPrivate(idOf(item)))
  const first = rest.length > 0 ? run(shared, { ...a, [key]: rest }, origin) : ([] as R)
  return joined(first, run(side.doc, { ...a, [key]: own }, origin))
}

function splitSelection<R>(
  run: Run<R>,
  a: Args,
  shared: Y.Doc,
  side: PrivateSide,
  isPrivate: IsPrivate,
  origin: unknown,
): R {
  const noteIds = listOf(a.noteIds)
  const own = noteIds.filter(isPrivate)
  if (own.length === 0) return run(shared, a, origin)
  const rest = noteIds.filter((id) => !isPrivate(id))
  const groupIds = listOf(a.groupIds)
  const first =
    rest.length > 0 || groupIds.length > 0
      ? run(shared, { ...a, noteIds: rest }, origin)
      : ([] as R)
  return joined(first, run(side.doc, { ...a, noteIds: own, groupIds: [] }, origin))
}

function splitCopies<R>(
  run: Run<R>,
  a: Args,
  shared: Y.Doc,
  side: PrivateSide,
  isPrivate: IsPrivate,
  origin: unknown,
): R {
  const copies = listOf(a.copies)
  const sourceOf = (copy: unknown): unknown => (copy as Args | null)?.sourceId
  const own = copies.filter((copy) => isPrivate(sourceOf(copy)))
  if (own.length === 0) return run(shared, a, origin)
  const rest = copies.filter((copy) => !isPrivate(sourceOf(copy)))
  const first = rest.length > 0 ? run(shared, { ...a, copies: rest }, origin) : ([] as R)
  return joined(first, run(side.doc, { ...a, copies: own, author: side.member }, origin))
}

/** Frames are shared: a hidden note joins one only after the reveal. */
function withoutPrivate(a: Args, isPrivate: IsPrivate): Args {
  const noteIds = listOf(a.noteIds)
  const rest = noteIds.filter((id) => !isPrivate(id))
  if (rest.length === 0 && noteIds.length > 0) {
    throw new BoardCommandError(
      'invalid-argument',
      'noteIds: hidden notes join a group after the reveal',
      'noteIds',
    )
  }
  return { ...a, noteIds: rest }
}
