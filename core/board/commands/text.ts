/**
 * Commands that edit the collaborative text fields: note text, group, objective, KR and
 * initiative titles, objective descriptions and check-in notes (schema.ts TEXT_KEYS). Editors
 * either send the whole new value (`setText`, diffed to a minimal edit) or a Quill-style delta
 * (`editText`); both go through one transaction with the caller's origin.
 */
import type * as Y from 'yjs'
import { BoardCommandError } from '../errors'
import type { EntityRoot } from '../schema'
import { ENTITY_ROOTS, isTextKey, TEXT_KEYS } from '../schema'
import { materializeText } from '../text-materialize'
import {
  checkArgs,
  checkEnum,
  checkId,
  checkInteger,
  checkLine,
  checkText,
  MAX_TEXT_LENGTH,
} from '../validate'
import { fieldLength, replaceText, requireEntity } from './internal'
import { checkDelta, tooLong, type TextDeltaOp } from './text-delta'

export type { TextDeltaOp } from './text-delta'

export interface TextTarget {
  readonly collection: EntityRoot
  readonly id: string
  /** Which of the collection's text fields (TEXT_KEYS); the first (a title, a note's text) if absent. */
  readonly field?: string
}

interface CheckedTarget {
  readonly collection: EntityRoot
  readonly id: string
  readonly field: string
}

/** Note text, descriptions and check-in notes have lines; titles are one line. */
const MULTILINE = new Set(['notes.text', 'objectives.description', 'checkIns.note'])
const multiline = (t: CheckedTarget): boolean => MULTILINE.has(`${t.collection}.${t.field}`)

/**
 * The longest text each field may hold: every title keeps the limit its create and update
 * commands set, so typing into a bound field cannot grow it past what they accept.
 */
const TITLE_LIMIT = 1000
const maxLength = (t: CheckedTarget): number =>
  t.field === 'title' && t.collection !== 'groups' ? TITLE_LIMIT : MAX_TEXT_LENGTH

function checkTarget(args: Record<string, unknown>): CheckedTarget {
  const collection = checkEnum(args.collection, ENTITY_ROOTS, 'collection')
  const field = args.field === undefined ? TEXT_KEYS[collection][0] : args.field
  if (typeof field !== 'string' || !isTextKey(collection, field)) {
    throw new BoardCommandError(
      'invalid-argument',
      `field: ${collection} has the text fields ${TEXT_KEYS[collection].join(', ')}`,
      'field',
    )
  }
  return { collection, id: checkId(args.id, 'id'), field }
}

/**
 * Applies a delta (retain / insert / delete) to a text field, e.g. from an inline editor.
 *
 * @example
 * editText(doc, { collection: 'notes', id: 'n1', delta: [{ retain: 5 }, { insert: '!' }] }, origin)
 */
export function editText(
  doc: Y.Doc,
  args: TextTarget & { readonly delta: readonly TextDeltaOp[] },
  origin: unknown,
): void {
  const a = checkArgs(args, 'editText')
  const target = checkTarget(a)
  const entity = requireEntity(doc, target.collection, target.id)
  const delta = checkDelta(a.delta, fieldLength(entity, target.field), {
    multiline: multiline(target),
    max: maxLength(target),
  })
  doc.transact(() => materializeText(entity, target.field).applyDelta(delta), origin)
}

/**
 * Sets a text field to a whole new value; only the changed span is written, so concurrent
 * edits to other parts of the text merge.
 *
 * @example
 * setText(doc, { collection: 'groups', id: 'g1', text: 'Activation' }, origin)
 */
export function setText(
  doc: Y.Doc,
  args: TextTarget & { readonly text: string },
  origin: unknown,
): void {
  const a = checkArgs(args, 'setText')
  const target = checkTarget(a)
  const max = maxLength(target)
  const text = multiline(target) ? checkText(a.text, 'text', max) : checkLine(a.text, 'text', max)
  const entity = requireEntity(doc, target.collection, target.id)
  doc.transact(() => replaceText(materializeText(entity, target.field), text), origin)
}

/**
 * Inserts text into a note at a UTF-16 index (clamped to the text's length).
 *
 * @example
 * insertNoteText(doc, { id: 'n1', index: 0, text: 'Q3: ' }, origin)
 */
export function insertNoteText(
  doc: Y.Doc,
  args: { readonly id: string; readonly index: number; readonly text: string },
  origin: unknown,
): void {
  const a = checkArgs(args, 'insertNoteText')
  const id = checkId(a.id, 'id')
  const index = checkInteger(a.index, 'index', 0, MAX_TEXT_LENGTH)
  const inserted = checkText(a.text, 'text')
  const entity = requireEntity(doc, 'notes', id)
  const length = fieldLength(entity, 'text')
  if (length + inserted.length > MAX_TEXT_LENGTH) tooLong('text', MAX_TEXT_LENGTH)
  doc.transact(
    () => materializeText(entity, 'text').insert(Math.min(index, length), inserted),
    origin,
  )
}

/**
 * Deletes `length` UTF-16 units of a note's text from `index` (clamped to the text).
 *
 * @example
 * deleteNoteText(doc, { id: 'n1', index: 0, length: 4 }, origin)
 */
export function deleteNoteText(
  doc: Y.Doc,
  args: { readonly id: string; readonly index: number; readonly length: number },
  origin: unknown,
): void {
  const a = checkArgs(args, 'deleteNoteText')
  const id = checkId(a.id, 'id')
  const index = checkInteger(a.index, 'index', 0, MAX_TEXT_LENGTH)
  const count = checkInteger(a.length, 'length', 0, MAX_TEXT_LENGTH)
  const entity = requireEntity(doc, 'notes', id)
  doc.transact(() => {
    const text = materializeText(entity, 'text')
    const from = Math.min(index, text.length)
    const n = Math.min(count, text.length - from)
    if (n > 0) text.delete(from, n)
  }, origin)
}

/**
 * Sets a note's whole text (minimal edit).
 *
 * @example
 * setNoteText(doc, { id: 'n1', text: 'Grow NPS from 30 to 45' }, origin)
 */
export function setNoteText(
  doc: Y.Doc,
  args: { readonly id: string; readonly text: string },
  origin: unknown,
): void {
  const a = checkArgs(args, 'setNoteText')
  setText(doc, { collection: 'notes', id: a.id as string, text: a.text as string }, origin)
}

/**
 * Applies an editor delta to a note's text.
 *
 * @example
 * applyNoteTextDelta(doc, { id: 'n1', delta: [{ delete: 3 }] }, origin)
 */
export function applyNoteTextDelta(
  doc: Y.Doc,
  args: { readonly id: string; readonly delta: readonly TextDeltaOp[] },
  origin: unknown,
): void {
  const a = checkArgs(args, 'applyNoteTextDelta')
  editText(
    doc,
    { collection: 'notes', id: a.id as string, delta: a.delta as TextDeltaOp[] },
    origin,
  )
}
