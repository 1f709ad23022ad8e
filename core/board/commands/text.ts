/**
 * Commands that edit the collaborative text fields: note text, group title, objective title and
 * KR title. Editors either send the whole new value (`setText`, diffed to a minimal edit) or a
 * Quill-style delta (`editText`); both go through one transaction with the caller's origin.
 */
import type * as Y from 'yjs'
import { isRecord } from '../coerce'
import { BoardCommandError } from '../errors'
import type { TextRoot } from '../schema'
import { TEXT_FIELDS } from '../schema'
import { sanitizeLine, sanitizeMultiline } from '../../text/sanitize'
import {
  checkArgs,
  checkEnum,
  checkId,
  checkInteger,
  checkLine,
  checkText,
  MAX_TEXT_LENGTH,
} from '../validate'
import { replaceText, requireEntity, textLength, textOf } from './internal'

/** A plain-text delta op (formatting attributes are not part of the board's text). */
export type TextDeltaOp =
  { readonly insert: string } | { readonly delete: number } | { readonly retain: number }

export interface TextTarget {
  readonly collection: TextRoot
  readonly id: string
}

const TEXT_ROOTS = Object.keys(TEXT_FIELDS) as TextRoot[]

/** A note's text has lines; a group, objective or KR title is one line. */
const multiline = (collection: TextRoot): boolean => collection === 'notes'

/**
 * The longest text each root may hold: objective and KR titles keep the limit their create and
 * update commands set, so typing into a bound field cannot grow a title past what they accept.
 */
const TITLE_LIMIT = 1000
const maxLength = (collection: TextRoot): number =>
  collection === 'objectives' || collection === 'keyResults' ? TITLE_LIMIT : MAX_TEXT_LENGTH

function checkTarget(args: Record<string, unknown>): TextTarget {
  return {
    collection: checkEnum(args.collection, TEXT_ROOTS, 'collection'),
    id: checkId(args.id, 'id'),
  }
}

function tooLong(field: string, max = MAX_TEXT_LENGTH): never {
  throw new BoardCommandError(
    'invalid-argument',
    `${field}: the text would exceed ${max} characters`,
    field,
  )
}

/**
 * Inserts are sanitised like whole values, so a delta cannot smuggle in what `setText` would
 * drop. Lengths are counted after sanitising: they are what the text will really hold.
 */
function checkDelta(value: unknown, length: number, collection: TextRoot): TextDeltaOp[] {
  const clean = multiline(collection) ? sanitizeMultiline : sanitizeLine
  const max = maxLength(collection)
  if (!Array.isArray(value)) {
    throw new BoardCommandError('invalid-argument', 'delta: must be an array of ops', 'delta')
  }
  let cursor = 0
  let grown = length
  return value.map((op: unknown, i): TextDeltaOp => {
    const field = `delta[${i}]`
    if (!isRecord(op)) throw new BoardCommandError('invalid-argument', `${field}: not an op`, field)
    if (typeof op.insert === 'string') {
      if (op.insert.length > max) tooLong(field, max)
      const insert = clean(op.insert)
      grown += insert.length
      cursor += insert.length
      if (grown > max) tooLong(field, max)
      return { insert }
    }
    const isDelete = op.delete !== undefined
    const n = checkInteger(isDelete ? op.delete : op.retain, field, 1, MAX_TEXT_LENGTH)
    if (cursor + n > grown) {
      throw new BoardCommandError(
        'invalid-argument',
        `${field}: runs past the end of the text`,
        field,
      )
    }
    if (isDelete) {
      grown -= n
      return { delete: n }
    }
    cursor += n
    return { retain: n }
  })
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
  const { collection, id } = checkTarget(a)
  const entity = requireEntity(doc, collection, id)
  const delta = checkDelta(a.delta, textLength(entity, collection), collection)
  doc.transact(() => textOf(entity, collection).applyDelta(delta), origin)
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
  const { collection, id } = checkTarget(a)
  const text = multiline(collection) ? checkText(a.text, 'text') : checkLine(a.text, 'text')
  const entity = requireEntity(doc, collection, id)
  doc.transact(() => replaceText(textOf(entity, collection), text), origin)
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
  const length = textLength(entity, 'notes')
  if (length + inserted.length > MAX_TEXT_LENGTH) tooLong('text')
  doc.transact(() => textOf(entity, 'notes').insert(Math.min(index, length), inserted), origin)
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
    const text = textOf(entity, 'notes')
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
