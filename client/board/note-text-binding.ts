/**
 * A <textarea> laid over a note (or a frame title) and bound to its Y.Text through the same
 * TextFieldBinding as every other text field: local input goes to the document as the minimal
 * splice through the core `editText` command; remote edits update the textarea with the caret
 * kept between the same characters, so two people can type in one note. It lives beside the
 * board controller because it holds a Y.Text; the canvas only places it.
 */
import type * as Y from 'yjs'
import { getText } from '../../core/board/schema'
import { editText, type TextDeltaOp, type TextTarget } from '../../core/board/commands/text'
import type { BoardController } from './board-controller'
import { docFor } from './private-view'
import type { Rect } from '../canvas/geometry'
import { TextFieldBinding } from './text-field-binding'

export interface InlineEditorOptions {
  readonly text: Y.Text
  /** Runs the core command; throws if the target vanished (deleted by another peer). */
  readonly apply: (delta: TextDeltaOp[]) => void
  readonly localOrigin: unknown
  /** Ends the undo step, so undo takes back a word of the note rather than all of it. */
  readonly newUndoStep?: () => void
  /** Frame titles are one line: Enter finishes instead of breaking the line. */
  readonly singleLine: boolean
  /** `escaped` when the person pressed Esc (cancel), not Enter or a click elsewhere. */
  readonly onClose: (how: { readonly escaped: boolean }) => void
}

export class InlineEditor {
  readonly textarea: HTMLTextAreaElement
  private readonly binding: TextFieldBinding
  private closed = false
  private escaped = false

  constructor(
    parent: ParentNode,
    private readonly opts: InlineEditorOptions,
  ) {
    const ta = document.createElement('textarea')
    ta.className = 'inline-editor'
    ta.spellcheck = true
    ta.setAttribute('aria-label', opts.singleLine ? 'Group title' : 'Note text')
    this.textarea = ta
    this.binding = new TextFieldBinding(ta, {
      text: opts.text,
      apply: opts.apply,
      localOrigin: opts.localOrigin,
      singleLine: opts.singleLine,
      ...(opts.newUndoStep ? { newUndoStep: opts.newUndoStep } : {}),
      // The note was deleted by a peer: there is nothing left to edit.
      onRefused: () => this.close(),
    })
    parent.append(ta)
    ta.addEventListener('keydown', this.onKeyDown)
    ta.addEventListener('blur', this.close)
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
    this.binding.destroy()
    this.textarea.removeEventListener('blur', this.close)
    this.textarea.remove()
    this.opts.onClose({ escaped: this.escaped })
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    // The canvas's shortcuts must not see typing (Backspace would delete the note).
    e.stopPropagation()
    if (
      e.key === 'Escape' ||
      (e.key === 'Enter' && (this.opts.singleLine || e.metaKey || e.ctrlKey))
    ) {
      e.preventDefault()
      this.escaped = e.key === 'Escape'
      this.close()
    }
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
  onClose: InlineEditorOptions['onClose'],
): InlineEditor | null {
  const { origin } = board.session
  // A hidden note's text lives in this person's private room.
  const doc = docFor(board, target.collection, target.id)
  const text = getText(doc, target.collection, target.id)
  if (text === null) return null
  return new InlineEditor(parent, {
    text,
    localOrigin: origin,
    newUndoStep: () => board.newUndoStep(),
    singleLine: target.collection === 'groups',
    // Straight to the command, not through `board.run`: a refusal (the note was deleted by a
    // peer) must throw so the editor closes, rather than become a notice.
    apply: (delta) => editText(doc, { ...target, delta }, origin),
    onClose,
  })
}
