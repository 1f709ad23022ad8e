/**
 * A <textarea> laid over a note (or a frame title) and bound to its Y.Text. Local input goes to
 * the document as the minimal splice through the core `editText` command; remote edits update
 * the textarea with the caret mapped through their delta, so two people can type in one note.
 * It lives beside the board controller because it holds a Y.Text; the canvas only places it.
 */
import type * as Y from 'yjs'
import { getText } from '../../core/board/schema'
import { editText, type TextTarget } from '../../core/board/commands/text'
import { sanitizeLine, sanitizeMultiline } from '../../core/text/sanitize'
import type { BoardController } from './board-controller'
import type { Rect } from '../canvas/geometry'
import type { TextDelta } from './text-diff'
import { diffText, mapPosition, spliceToDelta } from './text-diff'

export interface InlineEditorOptions {
  readonly text: Y.Text
  /** Runs the core command; throws if the target vanished (deleted by another peer). */
  readonly apply: (delta: ReturnType<typeof spliceToDelta>) => void
  readonly localOrigin: unknown
  /** Frame titles are one line: Enter finishes instead of breaking the line. */
  readonly singleLine: boolean
  readonly onClose: () => void
}

export class InlineEditor {
  readonly textarea: HTMLTextAreaElement
  private last: string
  private composing = false
  private closed = false

  constructor(
    parent: ParentNode,
    private readonly opts: InlineEditorOptions,
  ) {
    const ta = document.createElement('textarea')
    ta.className = 'inline-editor'
    ta.spellcheck = true
    ta.setAttribute('aria-label', opts.singleLine ? 'Group title' : 'Note text')
    this.last = opts.text.toString()
    ta.value = this.last
    this.textarea = ta
    parent.append(ta)
    ta.addEventListener('input', this.onInput)
    ta.addEventListener('compositionstart', this.onCompositionStart)
    ta.addEventListener('compositionend', this.onCompositionEnd)
    ta.addEventListener('keydown', this.onKeyDown)
    ta.addEventListener('blur', this.close)
    opts.text.observe(this.onRemote)
    ta.focus()
    ta.setSelectionRange(ta.value.length, ta.value.length)
  }

  /** Places the textarea over `screen` (CSS pixels) with text scaled like the note's. */
  position(screen: Rect, scale: number, padding: number, fontSize: number): void {
    const s = this.textarea.style
    s.left = `${screen.x}px`
    s.top = `${screen.y}px`
    s.width = `${screen.w}px`
    s.height = `${screen.h}px`
    s.padding = `${padding * scale}px`
    s.fontSize = `${fontSize * scale}px`
  }

  readonly close = (): void => {
    if (this.closed) return
    this.closed = true
    this.opts.text.unobserve(this.onRemote)
    this.textarea.removeEventListener('blur', this.close)
    this.textarea.remove()
    this.opts.onClose()
  }

  private readonly onInput = (): void => {
    // An IME composes in several steps; sending each intermediate state would interleave
    // half-composed characters with a concurrent typist's edits.
    if (this.composing) return
    const value = this.textarea.value
    const caret = this.textarea.selectionEnd
    const splice = diffText(this.last, value, caret)
    if (!splice) return
    this.last = value
    try {
      this.opts.apply(spliceToDelta(splice))
    } catch (_error) {
      this.close()
      return
    }
    // The command drops control and invisible characters (a pasted zero-width space, a bidi
    // override). When nothing else changed the document emits no event, so show what it holds
    // here; otherwise the next splice would be measured against text the document never had.
    const stored = this.opts.text.toString()
    if (stored !== value) {
      const clean = this.opts.singleLine ? sanitizeLine : sanitizeMultiline
      const at = Math.min(stored.length, clean(value.slice(0, caret)).length)
      this.last = stored
      this.textarea.value = stored
      this.textarea.setSelectionRange(at, at)
    }
  }

  private readonly onCompositionStart = (): void => {
    this.composing = true
  }

  private readonly onCompositionEnd = (): void => {
    this.composing = false
    this.onInput()
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    // The canvas's shortcuts must not see typing (Backspace would delete the note).
    e.stopPropagation()
    if (
      e.key === 'Escape' ||
      (e.key === 'Enter' && (this.opts.singleLine || e.metaKey || e.ctrlKey))
    ) {
      e.preventDefault()
      this.close()
    }
  }

  private readonly onRemote = (event: Y.YTextEvent, txn: Y.Transaction): void => {
    const now = this.opts.text.toString()
    if (txn.origin === this.opts.localOrigin && now === this.textarea.value) {
      this.last = now
      return
    }
    const ta = this.textarea
    const delta = event.delta as TextDelta
    const start = mapPosition(ta.selectionStart, delta)
    const end = mapPosition(ta.selectionEnd, delta)
    this.last = now
    ta.value = now
    ta.setSelectionRange(start, end)
  }
}

/**
 * Opens an editor on a note's text or a frame's title, bound to the live document; null when
 * the entity is gone. Frame titles are one line.
 */
export function openTextEditor(
  board: BoardController,
  parent: ParentNode,
  target: TextTarget & { readonly collection: 'notes' | 'groups' },
  onClose: () => void,
): InlineEditor | null {
  const { doc, origin } = board.session
  const text = getText(doc, target.collection, target.id)
  if (text === null) return null
  return new InlineEditor(parent, {
    text,
    localOrigin: origin,
    singleLine: target.collection === 'groups',
    // Straight to the command, not through `board.run`: a refusal (the note was deleted by a
    // peer) must throw so the editor closes, rather than become a notice.
    apply: (delta) => editText(doc, { ...target, delta }, origin),
    onClose,
  })
}
