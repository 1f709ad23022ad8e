/**
 * The one check for an editor's text delta, shared by every command that applies one (entity
 * text fields in text.ts, retrospective answers in retro.ts).
 */
import { isRecord } from '../coerce'
import { BoardCommandError } from '../errors'
import { sanitizeLine, sanitizeMultiline } from '../../text/sanitize'
import { checkInteger, MAX_TEXT_LENGTH } from '../validate'

/** A plain-text delta op (formatting attributes are not part of the board's text). */
export type TextDeltaOp =
  { readonly insert: string } | { readonly delete: number } | { readonly retain: number }

export function tooLong(field: string, max: number): never {
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
export function checkDelta(
  value: unknown,
  length: number,
  rules: { readonly multiline: boolean; readonly max: number },
): TextDeltaOp[] {
  const clean = rules.multiline ? sanitizeMultiline : sanitizeLine
  const max = rules.max
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
