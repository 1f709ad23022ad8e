/**
 * Binding a <textarea> to a Y.Text without clobbering concurrent typists: each input event
 * becomes the smallest splice between the old and new value (applied to the Y.Text as
 * insert/delete), and each remote change is a delta through which the local caret is mapped.
 * Replacing the whole text instead would turn two people typing in one note into last-writer-wins.
 */

/** One contiguous edit: remove `remove` characters at `index`, then insert `insert` there. */
export interface Splice {
  readonly index: number
  readonly remove: number
  readonly insert: string
}

/** The Yjs text delta format (`Y.YTextEvent.delta`), attributes ignored. */
export type TextDelta = readonly {
  readonly insert?: string | object | undefined
  readonly retain?: number | undefined
  readonly delete?: number | undefined
}[]

/**
 * The splice turning `before` into `after`, or null when they are equal. `caret` (the caret in
 * `after`) resolves ambiguity: typing "a" into "aa" at the start must insert at 0, not at 2,
 * or a concurrent edit between would land on the wrong side.
 */
export function diffText(before: string, after: string, caret = after.length): Splice | null {
  if (before === after) return null
  const maxCommon = Math.min(before.length, after.length)
  let suffix = 0
  // An edit ends at the caret, so whatever follows the caret is the common suffix at most.
  const suffixLimit = Math.min(maxCommon, Math.max(0, after.length - caret))
  while (
    suffix < suffixLimit &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++
  }
  let prefix = 0
  const prefixLimit = maxCommon - suffix
  while (prefix < prefixLimit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  // Never split a surrogate pair: Y.Text counts UTF-16 units, and half an emoji is corrupt text.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

export function applySplice(text: string, s: Splice): string {
  return text.slice(0, s.index) + s.insert + text.slice(s.index + s.remove)
}

/**
 * Where a position ends up after a remote delta. An insertion exactly at the position goes
 * before it (the local caret stays put relative to what the local user typed), so two people
 * typing at the same spot don't push each other's caret around.
 */
export function mapPosition(position: number, delta: TextDelta): number {
  let consumed = 0 // characters of the old text the delta has walked past
  let shift = 0
  for (const op of delta) {
    if (consumed >= position) break
    if (op.retain !== undefined) {
      consumed += op.retain
    } else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, position - consumed)
      consumed += op.delete
    } else if (op.insert !== undefined) {
      shift += typeof op.insert === 'string' ? op.insert.length : 1
    }
  }
  return position + shift
}

/** Applies a delta to a plain string: the textarea's value after a remote change. */
export function applyDelta(text: string, delta: TextDelta): string {
  let out = ''
  let i = 0
  for (const op of delta) {
    if (op.retain !== undefined) {
      out += text.slice(i, i + op.retain)
      i += op.retain
    } else if (op.delete !== undefined) {
      i += op.delete
    } else if (typeof op.insert === 'string') {
      out += op.insert
    }
  }
  return out + text.slice(i)
}

/** A splice as the retain/delete/insert delta the core `editText` command takes (no empty ops). */
export function spliceToDelta(
  s: Splice,
): ({ retain: number } | { delete: number } | { insert: string })[] {
  const ops: ({ retain: number } | { delete: number } | { insert: string })[] = []
  if (s.index > 0) ops.push({ retain: s.index })
  if (s.remove > 0) ops.push({ delete: s.remove })
  if (s.insert !== '') ops.push({ insert: s.insert })
  return ops
}
