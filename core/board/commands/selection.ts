/**
 * Commands for what a person does to a selection on the canvas: drop it, delete it, recolour
 * it, frame it, accept a grouping proposal. Each is one gesture over several entities, so each
 * checks every argument and every derived position first and then writes in ONE transaction:
 * a peer never sees half a gesture, a rejected gesture writes nothing, and one undo step takes
 * the whole gesture back.
 *
 * Selections follow one rule. An id naming nothing is skipped: another peer deleted it while
 * the gesture was under way, and the rest still means what the person meant. An id naming an
 * entity of another kind (a group among the notes) is the caller's mix-up and is refused.
 */
import type * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import type { Note } from '../board-model'
import type { Box, Placed } from '../layout'
import { assignmentsAfterDrop, byTarget, layoutProposal, noteBox } from '../layout'
import { readGroups, readNote, readNotes } from '../read'
import type { EntityRoot } from '../schema'
import { ENTITY_ROOTS, getCollection, getEntity } from '../schema'
import { flowAfterDrop, frameForSelection } from '../tidy'
import {
  checkArgs,
  checkBoolean,
  checkColor,
  checkCoordinate,
  checkId,
  checkLine,
  checkNumber,
  MAX_COORDINATE,
  optional,
} from '../validate'
import {
  assignNotes,
  createGroup,
  deleteGroup,
  recolourGroup,
  setGroupBounds,
  unassignNotes,
} from './groups'
import { collection, requireAbsent } from './internal'
import { deleteNotes, moveNotes, placeNotes, recolourNotes } from './notes'

/**
 * The most ids one gesture may list. Far above any selection a person makes; it bounds the
 * work a malformed or hostile caller can make validation do.
 */
export const MAX_SELECTION = 100_000
/** Same cap as createGroup's title. */
const MAX_TITLE_LENGTH = 500
/** More frames than a board's notes could fill is a hostile or broken caller. */
const MAX_PROPOSALS = 500

function invalid(field: string, message: string): never {
  throw new BoardCommandError('invalid-argument', `${field}: ${message}`, field)
}

/**
 * The listed ids that name a `kind` entity, in list order without repeats; ids naming nothing
 * are skipped, ids naming another kind are refused (see the module comment).
 */
function selectionOf(doc: Y.Doc, value: unknown, kind: EntityRoot, field: string): string[] {
  if (!Array.isArray(value)) invalid(field, 'must be an array of ids')
  if (value.length > MAX_SELECTION) invalid(field, `must list at most ${MAX_SELECTION} ids`)
  const out = new Set<string>()
  // Indexed, not forEach/map: a sparse array's holes must be checked (and refused) too.
  for (let i = 0; i < value.length; i++) {
    const id = checkId(value[i], `${field}[${i}]`)
    if (getEntity(doc, kind, id)) {
      out.add(id)
      continue
    }
    const other = ENTITY_ROOTS.find((name) => name !== kind && getCollection(doc, name)?.has(id))
    if (other !== undefined) invalid(`${field}[${i}]`, `"${id}" is one of the ${other}`)
  }
  return [...out]
}

/**
 * Refuses a gesture that would write to a root another tool took for a different Y type, so
 * the nested commands' own root lookups cannot throw halfway through the transaction.
 */
function requireWritable(doc: Y.Doc, ...names: EntityRoot[]): void {
  for (const name of names) collection(doc, name)
}

/** Refuses positions past MAX_COORDINATE, which every command that stores a position refuses. */
function requireOnBoard(boxes: readonly Box[], xField: string, yField = xField): void {
  for (const b of boxes) {
    checkCoordinate(b.x, xField)
    checkCoordinate(b.y, yField)
    checkNumber(b.w, xField, 0, MAX_COORDINATE)
    checkNumber(b.h, yField, 0, MAX_COORDINATE)
  }
}

export interface DropNotesArgs {
  /** The dragged notes. Notes inside a dragged frame move with it and keep their group. */
  readonly noteIds: readonly string[]
  /** The dragged frames; each carries the notes assigned to it. */
  readonly groupIds?: readonly string[]
  readonly dx: number
  readonly dy: number
  /**
   * Notes landing in a frame flow into its grid (the default). False for an arrow-key nudge,
   * which moves exactly by the offset, so a note can be nudged within or out of its frame.
   */
  readonly flow?: boolean
}

/**
 * Commits a drag: frames move (carrying their notes), loose notes move, and each loose note
 * joins the frame its centre lands in, or leaves its frame when dropped outside every frame.
 * A zero offset is a click, not a drop, and writes nothing. Returns the frames and loose notes
 * moved.
 *
 * @example
 * dropNotes(doc, { noteIds: ['n1', 'n2'], groupIds: [], dx: 400, dy: 0 }, origin)
 */
export function dropNotes(doc: Y.Doc, args: DropNotesArgs, origin: unknown): string[] {
  const a = checkArgs(args, 'dropNotes')
  const noteIds = selectionOf(doc, a.noteIds, 'notes', 'noteIds')
  const groupIds =
    a.groupIds === undefined ? [] : selectionOf(doc, a.groupIds, 'groups', 'groupIds')
  const dx = checkCoordinate(a.dx, 'dx')
  const dy = checkCoordinate(a.dy, 'dy')
  const flow = optional(a, 'flow', checkBoolean) ?? true
  if (dx === 0 && dy === 0) return []
  const carried = new Set(groupIds)
  const shift = <T extends Placed>(p: T): T => ({ ...p, x: p.x + dx, y: p.y + dy })
  const inCarried = (n: Note): boolean => n.groupId !== null && carried.has(n.groupId)
  // Only frames a command can write are drop targets: a group still stored as plain JSON
  // (before migrate repairs it) could not be assigned to.
  const frames = readGroups(doc)
    .filter((g) => getEntity(doc, 'groups', g.id) !== null)
    .map((g) => (carried.has(g.id) ? shift(g) : g))
  const loose = noteIds.flatMap((id) => {
    const n = readNote(doc, id)
    return n && !inCarried(n) ? [shift(n)] : []
  })
  const riders = carried.size === 0 ? [] : readNotes(doc).filter(inCarried).map(shift)
  const movedFrames = frames.filter((f) => carried.has(f.id))
  requireOnBoard([...movedFrames, ...[...loose, ...riders].map(noteBox)], 'dx', 'dy')
  requireWritable(doc, 'notes', 'groups')
  const regroup = byTarget(assignmentsAfterDrop(loose, frames))
  // Notes dropped into a frame flow into its grid, and the frame grows to hold them.
  const flows = flowAfterDrop(flow ? loose : [], frames, () =>
    readNotes(doc).map((n) => (inCarried(n) ? shift(n) : n)),
  )
  requireOnBoard(
    flows.flatMap((f) => [f.frame, ...f.positions.map(noteBox)]),
    'dx',
    'dy',
  )
  doc.transact(() => {
    // Every argument these commands check was checked above, so none of them throws midway.
    for (const f of movedFrames) setGroupBounds(doc, { id: f.id, x: f.x, y: f.y }, origin)
    if (loose.length > 0) moveNotes(doc, { ids: loose.map((n) => n.id), dx, dy }, origin)
    for (const [groupId, ids] of regroup) {
      if (groupId === null) unassignNotes(doc, { noteIds: ids }, origin)
      else assignNotes(doc, { noteIds: ids, groupId }, origin)
    }
    for (const { frame, positions } of flows) {
      setGroupBounds(doc, { id: frame.id, w: frame.w, h: frame.h }, origin)
      placeNotes(doc, { positions: [...positions] }, origin)
    }
  }, origin)
  return [...groupIds, ...loose.map((n) => n.id)]
}

export interface SelectionArgs {
  readonly noteIds: readonly string[]
  readonly groupIds: readonly string[]
}

/**
 * Deletes the selected notes and frames together. Notes go with their dots and source links
 * (as deleteNotes); a deleted frame's unselected notes stay on the board, unassigned (as
 * deleteGroup). Returns the ids deleted.
 *
 * @example
 * deleteSelection(doc, { noteIds: ['n1'], groupIds: ['g1'] }, origin)
 */
export function deleteSelection(doc: Y.Doc, args: SelectionArgs, origin: unknown): string[] {
  const a = checkArgs(args, 'deleteSelection')
  const noteIds = selectionOf(doc, a.noteIds, 'notes', 'noteIds')
  const groupIds = selectionOf(doc, a.groupIds, 'groups', 'groupIds')
  if (noteIds.length === 0 && groupIds.length === 0) return []
  requireWritable(doc, 'notes', 'groups', 'objectives', 'keyResults', 'initiatives')
  doc.transact(() => {
    if (noteIds.length > 0) deleteNotes(doc, { ids: noteIds }, origin)
    for (const id of groupIds) deleteGroup(doc, { id }, origin)
  }, origin)
  return [...noteIds, ...groupIds]
}

/**
 * Gives the selected notes and frames one colour. Returns the ids recoloured.
 *
 * @example
 * recolourSelection(doc, { noteIds: ['n1'], groupIds: ['g1'], color: '#bbf7d0' }, origin)
 */
export function recolourSelection(
  doc: Y.Doc,
  args: SelectionArgs & { readonly color: string },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'recolourSelection')
  const color = checkColor(a.color, 'color')
  const noteIds = selectionOf(doc, a.noteIds, 'notes', 'noteIds')
  const groupIds = selectionOf(doc, a.groupIds, 'groups', 'groupIds')
  if (noteIds.length === 0 && groupIds.length === 0) return []
  doc.transact(() => {
    if (noteIds.length > 0) recolourNotes(doc, { ids: noteIds, color }, origin)
    for (const id of groupIds) recolourGroup(doc, { id, color }, origin)
  }, origin)
  return [...noteIds, ...groupIds]
}

export interface FrameSelectionArgs {
  /** The new frame's id (core has no randomness). */
  readonly groupId: string
  readonly noteIds: readonly string[]
  readonly title?: string
}

/**
 * Draws a frame at the selected notes, lays them in its grid and puts them in it (taking them
 * out of any other); notes that are not selected but lie under the new frame move to the free
 * spot nearest to them, so the frame holds exactly its members (../tidy.ts frameForSelection).
 * Refused when none of the notes exists any more. Returns the frame's id.
 *
 * @example
 * frameSelection(doc, { groupId: 'g9', noteIds: ['n1', 'n2'], title: 'Churn' }, origin)
 */
export function frameSelection(doc: Y.Doc, args: FrameSelectionArgs, origin: unknown): string {
  const a = checkArgs(args, 'frameSelection')
  const groupId = checkId(a.groupId, 'groupId')
  const title = optional(a, 'title', (v, f) => checkLine(v, f, MAX_TITLE_LENGTH)) ?? ''
  const noteIds = selectionOf(doc, a.noteIds, 'notes', 'noteIds')
  requireAbsent(doc, 'groups', groupId, 'groupId')
  const selected = new Set(noteIds)
  const notes = readNotes(doc)
  const members = noteIds.flatMap((id) => readNote(doc, id) ?? [])
  const others = notes.filter((n) => !selected.has(n.id))
  const laid = frameForSelection(members, others, readGroups(doc))
  if (laid === null) {
    throw new BoardCommandError('not-found', 'noteIds: none of these notes exists', 'noteIds')
  }
  const { frame, positions, evicted } = laid
  requireOnBoard([frame, ...[...positions, ...evicted].map(noteBox)], 'noteIds')
  requireWritable(doc, 'notes')
  doc.transact(() => {
    createGroup(doc, { id: groupId, title, ...frame }, origin)
    placeNotes(doc, { positions: [...positions, ...evicted] }, origin)
    assignNotes(doc, { noteIds, groupId }, origin)
  }, origin)
  return groupId
}

export interface AcceptGroupingProposalArgs {
  /** The new frame's id. */
  readonly groupId: string
  readonly title: string
  /** The proposal's notes, in the order the grid is filled. */
  readonly noteIds: readonly string[]
}

interface ProposalPlan {
  readonly groupId: string
  readonly title: string
  readonly frame: Box
  readonly positions: readonly Placed[]
  readonly memberIds: readonly string[]
}

/** Checks one proposal's arguments (nothing is written). */
function checkProposal(doc: Y.Doc, args: unknown, command: string, prefix = '') {
  const a = checkArgs(args, command)
  const groupId = checkId(a.groupId, `${prefix}groupId`)
  const title = checkLine(a.title, `${prefix}title`, MAX_TITLE_LENGTH)
  const noteIds = selectionOf(doc, a.noteIds, 'notes', `${prefix}noteIds`)
  requireAbsent(doc, 'groups', groupId, `${prefix}groupId`)
  return { groupId, title, noteIds }
}

/**
 * Where proposals' frames and notes go, each right of everything before it (earlier proposals
 * included). A note already grouped, or taken by an earlier proposal, stays out; a proposal left
 * with no note is dropped.
 */
function planProposals(
  doc: Y.Doc,
  proposals: readonly { groupId: string; title: string; noteIds: readonly string[] }[],
): ProposalPlan[] {
  const groups = readGroups(doc)
  const notes = readNotes(doc, new Set(groups.map((g) => g.id)))
  const free = new Map(notes.filter((n) => n.groupId === null).map((n) => [n.id, n]))
  const placed: Box[] = [...groups]
  const plans: ProposalPlan[] = []
  for (const { groupId, title, noteIds } of proposals) {
    const members = noteIds.flatMap((id) => free.get(id) ?? [])
    if (members.length === 0) continue
    for (const m of members) free.delete(m.id)
    const memberIds = new Set(members.map((n) => n.id))
    const taken = new Set(plans.flatMap((p) => p.memberIds))
    const unplanned = notes.filter((n) => !memberIds.has(n.id) && !taken.has(n.id))
    const { frame, positions } = layoutProposal(members, [...placed, ...unplanned.map(noteBox)])
    requireOnBoard([frame, ...positions.map(noteBox)], 'noteIds')
    placed.push(frame)
    plans.push({ groupId, title, frame, positions, memberIds: [...memberIds] })
  }
  return plans
}

function writeProposals(doc: Y.Doc, plans: readonly ProposalPlan[], origin: unknown): void {
  requireWritable(doc, 'notes')
  doc.transact(() => {
    for (const { groupId, title, frame, positions, memberIds } of plans) {
      createGroup(doc, { id: groupId, title, ...frame }, origin)
      placeNotes(doc, { positions: [...positions] }, origin)
      assignNotes(doc, { noteIds: [...memberIds], groupId }, origin)
    }
  }, origin)
}

/**
 * Accepts a grouping proposal: a frame sized for its notes, right of everything else on the
 * board, the notes tidied into a grid inside it and assigned to it. Only the proposal's notes
 * still ungrouped take part (someone may have grouped some meanwhile); when none is left,
 * nothing is written and the result is null. Otherwise returns the frame's id.
 *
 * @example
 * acceptGroupingProposal(doc, { groupId: 'g9', title: 'Churn', noteIds: ['n1', 'n4'] }, origin)
 */
export function acceptGroupingProposal(
  doc: Y.Doc,
  args: AcceptGroupingProposalArgs,
  origin: unknown,
): string | null {
  const [plan] = planProposals(doc, [checkProposal(doc, args, 'acceptGroupingProposal')])
  if (plan === undefined) return null
  writeProposals(doc, [plan], origin)
  return plan.groupId
}

/**
 * "Apply all": every proposal as its frame, in ONE transaction (one undo step, all or nothing:
 * every proposal is checked and placed before anything is written). A note named by two
 * proposals joins the first. Returns the ids of the frames made.
 *
 * @example
 * acceptGroupingProposals(doc, { proposals: [{ groupId: 'g1', title: 'Churn', noteIds }] }, origin)
 */
export function acceptGroupingProposals(
  doc: Y.Doc,
  args: { readonly proposals: readonly AcceptGroupingProposalArgs[] },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'acceptGroupingProposals')
  if (!Array.isArray(a.proposals) || a.proposals.length > MAX_PROPOSALS) {
    invalid('proposals', `must be an array of at most ${MAX_PROPOSALS} proposals`)
  }
  const checked = a.proposals.map((p, i) =>
    checkProposal(doc, p, 'acceptGroupingProposals', `proposals[${i}].`),
  )
  if (new Set(checked.map((p) => p.groupId)).size !== checked.length) {
    invalid('proposals', 'each proposal needs its own groupId')
  }
  const plans = planProposals(doc, checked)
  if (plans.length > 0) writeProposals(doc, plans, origin)
  return plans.map((p) => p.groupId)
}
