/**
 * Binds one <input> or <textarea> to a Y.Text so several people can type in it at once: each
 * local input becomes the smallest splice, sent as a delta through a core command (which
 * sanitises it and writes it with the session's origin); each remote change rewrites the
 * field's value and puts the caret and selection back where they were in the text, anchored by
 * Y.RelativePosition. Every text field bound to a Y.Text uses it: the note and frame-title
 * editor on the canvas and the objective and KR titles in the OKR editor.
 *
 * Not the npm `y-textarea` binding: it writes the Y.Text directly (no core command, so no
 * sanitising and no session origin for undo), writes half-composed IME text, and diffs against
 * the Y.Text rather than what the field last showed. Its RelativePosition idea is kept.
 */
import * as Y from 'yjs'
import type { TextDeltaOp } from '../../core/board/commands/text'
import { sanitizeLine, sanitizeMultiline } from '../../core/text/sanitize'
import type { Splice, TextDelta } from './text-diff'
import { diffText, mapPosition, spliceToDelta } from './text-diff'

/** The members of <input> and <textarea> the binding uses. */
export interface TextField {
  value: string
  readonly selectionStart: number | null
  readonly selectionEnd: number | null
  readonly selectionDirection?: 'forward' | 'backward' | 'none' | null
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void
  addEventListener(type: string, listener: () => void): void
  removeEventListener(type: string, listener: () => void): void
}

export interface TextFieldBindingOptions {
  readonly text: Y.Text
  /** Runs the core command with the session's origin; throws when it is refused. */
  readonly apply: (delta: TextDeltaOp[]) => void
  readonly localOrigin: unknown
  /** One-line fields (titles) turn pasted line breaks into spaces, as the command does. */
  readonly singleLine: boolean
  /** Ends the current undo step, so undo takes back a word rather than a whole burst. */
  readonly newUndoStep?: () => void
  /**
   * Whether the typed value may be written (an empty title may not): when false nothing is
   * written and the field keeps what was typed; the caller shows why.
   */
  readonly accept?: (value: string) => boolean
  /** The command refused the edit (the item was deleted by a peer). */
  readonly onRefused?: (error: unknown) => void
}

type EditKind = 'insert' | 'delete'

export class TextFieldBinding {
  /** What the field showed when it last agreed with the Y.Text. */
  private last: string
  /** Remote deltas that arrived while the field could not show them (mid-composition). */
  private pending: TextDelta[] = []
  private composing = false
  private lastKind: EditKind | null = null
  private anchor: { start: Y.RelativePosition; end: Y.RelativePosition } | null = null
  private destroyed = false

  constructor(
    readonly field: TextField,
    private readonly opts: TextFieldBindingOptions,
  ) {
    this.last = opts.text.toString()
    field.value = this.last
    field.addEventListener('input', this.onInput)
    field.addEventListener('compositionstart', this.onCompositionStart)
    field.addEventListener('compositionend', this.onCompositionEnd)
    opts.text.observe(this.onChange)
    opts.text.doc?.on('beforeAllTransactions', this.onBeforeChanges)
    opts.text.doc?.on('afterAllTransactions', this.onAfterChanges)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    const { field, opts } = this
    field.removeEventListener('input', this.onInput)
    field.removeEventListener('compositionstart', this.onCompositionStart)
    field.removeEventListener('compositionend', this.onCompositionEnd)
    opts.text.unobserve(this.onChange)
    opts.text.doc?.off('beforeAllTransactions', this.onBeforeChanges)
    opts.text.doc?.off('afterAllTransactions', this.onAfterChanges)
  }

  private readonly onInput = (): void => {
    // An IME composes in several steps; writing each intermediate state would interleave
    // half-composed characters with a concurrent typist's edits. compositionend writes it.
    if (this.composing || this.destroyed) return
    const value = this.field.value
    const caret = this.field.selectionEnd ?? value.length
    if (this.opts.accept?.(value) === false) return
    const splice = diffText(this.last, value, caret)
    if (splice === null) return
    this.wordBoundary(splice)
    const delta = this.throughPending(splice)
    this.pending = []
    this.last = value
    try {
      if (delta.length > 0) this.opts.apply(delta)
    } catch (error) {
      this.opts.onRefused?.(error)
      return
    }
    this.showStored(value, delta)
  }

  /**
   * Undo steps are word-sized: a new step starts where a word starts after a space, and where
   * typing turns into deleting or back; within a word the undo manager merges the keystrokes.
   */
  private wordBoundary(splice: Splice): void {
    const kind: EditKind = splice.insert === '' ? 'delete' : 'insert'
    const before = this.last.charAt(splice.index - 1)
    const startsWord = kind === 'insert' && /^\S/u.test(splice.insert) && /\s/u.test(before)
    if (this.lastKind !== null && (kind !== this.lastKind || startsWord)) {
      this.opts.newUndoStep?.()
    }
    this.lastKind = kind
  }

  /** The splice as a delta on the Y.Text as it is now, past remote edits the field missed. */
  private throughPending(splice: Splice): TextDeltaOp[] {
    let from = splice.index
    let to = splice.index + splice.remove
    for (const delta of this.pending) {
      from = mapPosition(from, delta)
      to = Math.max(from, mapPosition(to, delta))
    }
    return spliceToDelta({ index: from, remove: to - from, insert: splice.insert })
  }

  /**
   * The command drops control and invisible characters, and a composition may have been
   * written past remote edits: when the Y.Text differs from what was typed, show what it
   * holds, the caret after what was inserted (as the command cleaned it).
   */
  private showStored(typed: string, delta: readonly TextDeltaOp[]): void {
    const stored = this.opts.text.toString()
    if (stored === typed) return
    const clean = this.opts.singleLine ? sanitizeLine : sanitizeMultiline
    let at = 0
    for (const op of delta) {
      if ('retain' in op) at += op.retain
      else if ('insert' in op) at += clean(op.insert).length
    }
    at = Math.min(stored.length, at)
    this.last = stored
    this.field.value = stored
    this.field.setSelectionRange(at, at)
  }

  private readonly onCompositionStart = (): void => {
    this.composing = true
  }

  private readonly onCompositionEnd = (): void => {
    this.composing = false
    this.onInput()
  }

  /**
   * Before any change lands, the selection is anchored to the characters around it, so
   * afterwards it sits between the same characters whatever was inserted or deleted. Once per
   * batch: Yjs runs observers in a nested transaction, by when the text has already changed.
   */
  private readonly onBeforeChanges = (): void => {
    if (!this.inStep()) return
    const { text } = this.opts
    const start = this.field.selectionStart ?? 0
    const end = this.field.selectionEnd ?? start
    // Left-associated: text inserted exactly at the caret goes after it, so a peer typing at
    // the same spot does not push this person's caret along.
    this.anchor = {
      start: Y.createRelativePositionFromTypeIndex(text, start, -1),
      end: Y.createRelativePositionFromTypeIndex(text, end, -1),
    }
  }

  private readonly onAfterChanges = (): void => {
    this.anchor = null
  }

  /** The field shows exactly the Y.Text (not mid-composition, no refused value kept). */
  private inStep(): boolean {
    return !this.composing && this.field.value === this.last && this.pending.length === 0
  }

  private readonly onChange = (event: Y.YTextEvent, txn: Y.Transaction): void => {
    const now = this.opts.text.toString()
    if (txn.origin === this.opts.localOrigin && now === this.field.value) {
      this.last = now
      return
    }
    const delta = event.delta as TextDelta
    if (!this.inStep()) {
      // Rewriting the value mid-composition would cancel the IME, and rewriting a refused
      // value would throw away what the person typed: remember the change and merge it when
      // they write (throughPending).
      this.pending.push(delta)
      return
    }
    this.lastKind = null
    this.show(now, delta)
  }

  private show(now: string, delta: TextDelta): void {
    const field = this.field
    const doc = this.opts.text.doc
    const anchor = this.anchor
    this.anchor = null
    const mapped = (rel: Y.RelativePosition | undefined, index: number): number => {
      const abs = rel && doc ? Y.createAbsolutePositionFromRelativePosition(rel, doc) : null
      return abs?.type === this.opts.text ? abs.index : mapPosition(index, delta)
    }
    const start = mapped(anchor?.start, field.selectionStart ?? 0)
    const end = mapped(anchor?.end, field.selectionEnd ?? 0)
    const direction = field.selectionDirection ?? 'none'
    this.last = now
    field.value = now
    field.setSelectionRange(Math.min(start, end), Math.max(start, end), direction)
  }
}
