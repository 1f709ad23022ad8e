/** Group commands: create, rename, move / resize (carrying its notes), recolour, delete, assign. */
import * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import { DEFAULT_GROUP_COLOR, DEFAULT_GROUP_SIZE, getEntity } from '../schema'
import {
  checkArgs,
  checkColor,
  checkCoordinate,
  checkId,
  checkIds,
  checkLine,
  checkNumber,
  MAX_COORDINATE,
  optional,
} from '../validate'
import {
  collection,
  newEntity,
  removeReferences,
  replaceText,
  requireAbsent,
  requireEntity,
  setIfChanged,
  textOf,
} from './internal'

export interface CreateGroupArgs {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly title?: string
  readonly w?: number
  readonly h?: number
  readonly color?: string
}

const checkSize = (value: unknown, field: string): number =>
  checkNumber(value, field, 0, MAX_COORDINATE)

/**
 * Adds a group frame. Notes join it with `assignNotes`.
 *
 * @example
 * createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Retention' }, origin)
 */
export function createGroup(doc: Y.Doc, args: CreateGroupArgs, origin: unknown): void {
  const a = checkArgs(args, 'createGroup')
  const id = checkId(a.id, 'id')
  const fields = {
    title: optional(a, 'title', (v, f) => checkLine(v, f, 500)) ?? '',
    x: checkCoordinate(a.x, 'x'),
    y: checkCoordinate(a.y, 'y'),
    w: optional(a, 'w', checkSize) ?? DEFAULT_GROUP_SIZE.w,
    h: optional(a, 'h', checkSize) ?? DEFAULT_GROUP_SIZE.h,
    color: optional(a, 'color', checkColor) ?? DEFAULT_GROUP_COLOR,
  }
  requireAbsent(doc, 'groups', id)
  doc.transact(() => collection(doc, 'groups').set(id, newEntity(fields, 'title')), origin)
}

/**
 * Renames a group (minimal text edit, so a concurrent edit of the title merges).
 *
 * @example
 * renameGroup(doc, { id: 'g1', title: 'Reduce churn' }, origin)
 */
export function renameGroup(
  doc: Y.Doc,
  args: { readonly id: string; readonly title: string },
  origin: unknown,
): void {
  const a = checkArgs(args, 'renameGroup')
  const id = checkId(a.id, 'id')
  const title = checkLine(a.title, 'title', 500)
  const group = requireEntity(doc, 'groups', id)
  doc.transact(() => replaceText(textOf(group, 'groups'), title), origin)
}

export interface SetGroupBoundsArgs {
  readonly id: string
  readonly x?: number
  readonly y?: number
  readonly w?: number
  readonly h?: number
}

/**
 * Moves and/or resizes a group. Moving carries the group's notes by the same offset, in the
 * same transaction, so the group and its notes never drift apart on any peer.
 *
 * @example
 * setGroupBounds(doc, { id: 'g1', x: 100, y: 40 }, origin) // notes in g1 move along
 */
export function setGroupBounds(doc: Y.Doc, args: SetGroupBoundsArgs, origin: unknown): void {
  const a = checkArgs(args, 'setGroupBounds')
  const id = checkId(a.id, 'id')
  const x = optional(a, 'x', checkCoordinate)
  const y = optional(a, 'y', checkCoordinate)
  const w = optional(a, 'w', checkSize)
  const h = optional(a, 'h', checkSize)
  const group = requireEntity(doc, 'groups', id)
  doc.transact(() => {
    const oldX = numberOr(group.get('x'))
    const oldY = numberOr(group.get('y'))
    const dx = x === undefined ? 0 : x - oldX
    const dy = y === undefined ? 0 : y - oldY
    if (x !== undefined) setIfChanged(group, 'x', x)
    if (y !== undefined) setIfChanged(group, 'y', y)
    if (w !== undefined) setIfChanged(group, 'w', w)
    if (h !== undefined) setIfChanged(group, 'h', h)
    if (dx === 0 && dy === 0) return
    for (const note of collection(doc, 'notes').values()) {
      if (!(note instanceof Y.Map) || note.get('groupId') !== id) continue
      note.set('x', numberOr(note.get('x')) + dx)
      note.set('y', numberOr(note.get('y')) + dy)
    }
  }, origin)
}

function numberOr(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/**
 * Gives a group a new colour.
 *
 * @example
 * recolourGroup(doc, { id: 'g1', color: '#bfdbfe' }, origin)
 */
export function recolourGroup(
  doc: Y.Doc,
  args: { readonly id: string; readonly color: string },
  origin: unknown,
): void {
  const a = checkArgs(args, 'recolourGroup')
  const id = checkId(a.id, 'id')
  const color = checkColor(a.color, 'color')
  const group = requireEntity(doc, 'groups', id)
  doc.transact(() => setIfChanged(group, 'color', color), origin)
}

/**
 * Deletes a group. Its notes stay on the board, unassigned; dots on the group are dropped and
 * objectives converted from it lose their `sourceGroupId`. Returns false if it was missing.
 *
 * @example
 * deleteGroup(doc, { id: 'g1' }, origin)
 */
export function deleteGroup(doc: Y.Doc, args: { readonly id: string }, origin: unknown): boolean {
  const a = checkArgs(args, 'deleteGroup')
  const id = checkId(a.id, 'id')
  const groups = collection(doc, 'groups')
  if (!groups.has(id)) return false
  doc.transact(() => {
    groups.delete(id)
    for (const note of collection(doc, 'notes').values()) {
      if (note instanceof Y.Map && note.get('groupId') === id) note.set('groupId', null)
    }
    for (const objective of collection(doc, 'objectives').values()) {
      if (objective instanceof Y.Map && objective.get('sourceGroupId') === id) {
        objective.set('sourceGroupId', null)
      }
    }
    removeReferences(doc, new Set([id]))
  }, origin)
  return true
}

/**
 * Puts notes into a group (moving them out of any other). Missing notes are skipped; returns
 * the ids assigned.
 *
 * @example
 * assignNotes(doc, { noteIds: ['n1', 'n2'], groupId: 'g1' }, origin)
 */
export function assignNotes(
  doc: Y.Doc,
  args: { readonly noteIds: readonly string[]; readonly groupId: string },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'assignNotes')
  const noteIds = checkIds(a.noteIds, 'noteIds')
  const groupId = checkId(a.groupId, 'groupId')
  if (!getEntity(doc, 'groups', groupId)) {
    throw new BoardCommandError('not-found', `groupId: no group "${groupId}"`, 'groupId')
  }
  return setGroupOf(doc, noteIds, groupId, origin)
}

/**
 * Takes notes out of their group. Missing notes are skipped; returns the ids unassigned.
 *
 * @example
 * unassignNotes(doc, { noteIds: ['n1'] }, origin)
 */
export function unassignNotes(
  doc: Y.Doc,
  args: { readonly noteIds: readonly string[] },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'unassignNotes')
  return setGroupOf(doc, checkIds(a.noteIds, 'noteIds'), null, origin)
}

function setGroupOf(
  doc: Y.Doc,
  noteIds: readonly string[],
  groupId: string | null,
  origin: unknown,
): string[] {
  const done: string[] = []
  doc.transact(() => {
    for (const id of noteIds) {
      const note = getEntity(doc, 'notes', id)
      if (!note) continue
      setIfChanged(note, 'groupId', groupId)
      done.push(id)
    }
  }, origin)
  return done
}
