/** Sticky-note commands: create, move, recolour, delete, duplicate (text edits: ./text.ts). */
import * as Y from 'yjs'
import type { EpochMs } from '../../okr/okr-model'
import { colorOr } from '../colors'
import { DEFAULT_NOTE_COLOR, getEntity } from '../schema'
import {
  checkArgs,
  checkColor,
  checkCoordinate,
  checkId,
  checkIds,
  checkLine,
  checkNullableId,
  checkNumber,
  checkText,
  optional,
} from '../validate'
import { collection, newEntity, removeReferences, requireAbsent, setIfChanged } from './internal'
import { BoardCommandError } from '../errors'

export interface CreateNoteArgs {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly author: string
  readonly createdAt: EpochMs
  readonly text?: string
  readonly color?: string
  readonly groupId?: string | null
}

/**
 * Adds a sticky note. The id comes from the caller (core has no randomness).
 *
 * @example
 * createNote(doc, { id: 'n1', x: 40, y: 60, author: 'ann', createdAt: now(), text: 'Cut churn' }, origin)
 */
export function createNote(doc: Y.Doc, args: CreateNoteArgs, origin: unknown): void {
  const a = checkArgs(args, 'createNote')
  const fields = {
    text: optional(a, 'text', checkText) ?? '',
    x: checkCoordinate(a.x, 'x'),
    y: checkCoordinate(a.y, 'y'),
    color: optional(a, 'color', checkColor) ?? DEFAULT_NOTE_COLOR,
    author: checkLine(a.author, 'author', 200),
    groupId: optional(a, 'groupId', checkNullableId) ?? null,
    createdAt: checkNumber(a.createdAt, 'createdAt', 0),
  }
  const id = checkId(a.id, 'id')
  requireAbsent(doc, 'notes', id)
  if (fields.groupId !== null && !getEntity(doc, 'groups', fields.groupId)) {
    throw new BoardCommandError('not-found', `groupId: no group "${fields.groupId}"`, 'groupId')
  }
  doc.transact(() => collection(doc, 'notes').set(id, newEntity(fields, 'text')), origin)
}

/**
 * Moves notes by a common offset (a multi-selection drag). Ids that no longer exist (deleted
 * by another peer mid-drag) are skipped; returns the ids moved.
 *
 * @example
 * moveNotes(doc, { ids: ['n1', 'n2'], dx: 12, dy: -4 }, origin)
 */
export function moveNotes(
  doc: Y.Doc,
  args: { readonly ids: readonly string[]; readonly dx: number; readonly dy: number },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'moveNotes')
  const ids = checkIds(a.ids, 'ids')
  const dx = checkCoordinate(a.dx, 'dx')
  const dy = checkCoordinate(a.dy, 'dy')
  return placeEach(doc, ids, origin, (note) => ({
    x: numberOr(note.get('x')) + dx,
    y: numberOr(note.get('y')) + dy,
  }))
}

/**
 * Puts notes at absolute positions (e.g. after an auto-layout). Missing ids are skipped.
 *
 * @example
 * placeNotes(doc, { positions: [{ id: 'n1', x: 0, y: 0 }] }, origin)
 */
export function placeNotes(
  doc: Y.Doc,
  args: { readonly positions: readonly { id: string; x: number; y: number }[] },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'placeNotes')
  if (!Array.isArray(a.positions)) {
    throw new BoardCommandError('invalid-argument', 'positions: must be an array', 'positions')
  }
  const positions = new Map<string, { x: number; y: number }>()
  a.positions.forEach((p: unknown, i) => {
    const q = checkArgs(p, `positions[${i}]`)
    positions.set(checkId(q.id, `positions[${i}].id`), {
      x: checkCoordinate(q.x, `positions[${i}].x`),
      y: checkCoordinate(q.y, `positions[${i}].y`),
    })
  })
  return placeEach(doc, [...positions.keys()], origin, (_note, id) => positions.get(id) ?? null)
}

function numberOr(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

function placeEach(
  doc: Y.Doc,
  ids: readonly string[],
  origin: unknown,
  where: (note: Y.Map<unknown>, id: string) => { x: number; y: number } | null,
): string[] {
  const moved: string[] = []
  doc.transact(() => {
    for (const id of ids) {
      const note = getEntity(doc, 'notes', id)
      const to = note && where(note, id)
      if (!note || !to) continue
      setIfChanged(note, 'x', to.x)
      setIfChanged(note, 'y', to.y)
      moved.push(id)
    }
  }, origin)
  return moved
}

/**
 * Gives notes a new colour. Missing ids are skipped; returns the ids recoloured.
 *
 * @example
 * recolourNotes(doc, { ids: ['n1'], color: '#a7f3d0' }, origin)
 */
export function recolourNotes(
  doc: Y.Doc,
  args: { readonly ids: readonly string[]; readonly color: string },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'recolourNotes')
  const ids = checkIds(a.ids, 'ids')
  const color = checkColor(a.color, 'color')
  const done: string[] = []
  doc.transact(() => {
    for (const id of ids) {
      const note = getEntity(doc, 'notes', id)
      if (!note) continue
      setIfChanged(note, 'color', color)
      done.push(id)
    }
  }, origin)
  return done
}

/**
 * Deletes notes together with everything that points at them: their dots in every voter's
 * votes and their ids in every KR's and initiative's `sourceNoteIds`. Missing ids are skipped;
 * returns the ids deleted. (References written concurrently elsewhere are filtered by the
 * readers, so the outcome is the same on every peer.)
 *
 * @example
 * deleteNotes(doc, { ids: ['n1', 'n2'] }, origin)
 */
export function deleteNotes(
  doc: Y.Doc,
  args: { readonly ids: readonly string[] },
  origin: unknown,
): string[] {
  const a = checkArgs(args, 'deleteNotes')
  const ids = checkIds(a.ids, 'ids')
  const deleted: string[] = []
  doc.transact(() => {
    const notes = collection(doc, 'notes')
    for (const id of ids) {
      if (!notes.has(id)) continue
      notes.delete(id)
      deleted.push(id)
    }
    removeReferences(doc, new Set(deleted))
  }, origin)
  return deleted
}

export interface DuplicateNotesArgs {
  /** One entry per copy: the note to copy and the new note's id. */
  readonly copies: readonly { readonly sourceId: string; readonly id: string }[]
  readonly dx: number
  readonly dy: number
  readonly author: string
  readonly createdAt: EpochMs
}

/**
 * Copies notes (text, colour, group) offset by `dx`/`dy`, authored by the duplicating user.
 * Copies of missing sources are skipped; returns the new ids created.
 *
 * @example
 * duplicateNotes(doc, { copies: [{ sourceId: 'n1', id: 'n9' }], dx: 16, dy: 16, author: 'ann', createdAt: now() }, origin)
 */
export function duplicateNotes(doc: Y.Doc, args: DuplicateNotesArgs, origin: unknown): string[] {
  const a = checkArgs(args, 'duplicateNotes')
  if (!Array.isArray(a.copies)) {
    throw new BoardCommandError('invalid-argument', 'copies: must be an array', 'copies')
  }
  const copies = a.copies.map((c: unknown, i) => {
    const q = checkArgs(c, `copies[${i}]`)
    return {
      sourceId: checkId(q.sourceId, `copies[${i}].sourceId`),
      id: checkId(q.id, `copies[${i}].id`),
    }
  })
  const dx = checkCoordinate(a.dx, 'dx')
  const dy = checkCoordinate(a.dy, 'dy')
  const author = checkLine(a.author, 'author', 200)
  const createdAt = checkNumber(a.createdAt, 'createdAt', 0)
  const newIds = new Set<string>()
  copies.forEach(({ id }, i) => {
    requireAbsent(doc, 'notes', id, `copies[${i}].id`)
    if (newIds.has(id)) {
      throw new BoardCommandError(
        'already-exists',
        `copies[${i}].id: "${id}" used twice`,
        `copies[${i}].id`,
      )
    }
    newIds.add(id)
  })
  const created: string[] = []
  doc.transact(() => {
    const notes = collection(doc, 'notes')
    for (const { sourceId, id } of copies) {
      const source = getEntity(doc, 'notes', sourceId)
      if (!source) continue
      const text = source.get('text')
      notes.set(
        id,
        newEntity(
          {
            text: text instanceof Y.Text || typeof text === 'string' ? text.toString() : '',
            x: numberOr(source.get('x')) + dx,
            y: numberOr(source.get('y')) + dy,
            // A copy must not carry on a colour that predates validation.
            color: colorOr(source.get('color'), DEFAULT_NOTE_COLOR),
            author,
            groupId: typeof source.get('groupId') === 'string' ? source.get('groupId') : null,
            createdAt,
          },
          'text',
        ),
      )
      created.push(id)
    }
  }, origin)
  return created
}
