/**
 * `bindText(board, target)`: the Lit element directive that binds an OKR editor's <input> or
 * <textarea> to a title's Y.Text (text-field-binding.ts). Views never hold the Y.Text; they
 * name the item, and this folder finds its text and writes through the core `editText`
 * command as the session. The field's value belongs to the binding, so the template must not
 * also bind `.value` (a re-render would put the caret at the end).
 */
import type * as Y from 'yjs'
import { noChange } from 'lit'
import {
  AsyncDirective,
  directive,
  type ElementPart,
  type PartInfo,
  PartType,
} from 'lit/async-directive.js'
import { editText, type TextTarget } from '../../core/board/commands/text'
import { getText } from '../../core/board/schema'
import type { BoardController } from './board-controller'
import { commandMessage } from './command-messages'
import { TextFieldBinding, type TextField } from './text-field-binding'

export interface BindTextOptions {
  /** Whether a typed value may be written; see TextFieldBindingOptions.accept. */
  readonly accept?: (value: string) => boolean
}

class BindTextDirective extends AsyncDirective {
  private binding: TextFieldBinding | null = null
  private key: { board: BoardController; target: TextTarget; text: Y.Text } | null = null
  private field: TextField | null = null
  private options: BindTextOptions = {}

  constructor(part: PartInfo) {
    super(part)
    if (part.type !== PartType.ELEMENT) throw new Error('bindText goes on an <input> or <textarea>')
  }

  render(_board: BoardController | undefined, _target: TextTarget, _options?: BindTextOptions) {
    return noChange
  }

  override update(
    part: ElementPart,
    [board, target, options]: Parameters<this['render']>,
  ): typeof noChange {
    // The latest callbacks are read through `this.options`, so a re-render need not rebind.
    this.options = options ?? {}
    const field = part.element as unknown as TextField
    // Looked up on every render: an undone delete brings the item back with a new Y.Text.
    const text = board ? getText(board.session.doc, target.collection, target.id) : null
    if (text !== this.key?.text || field !== this.field) {
      this.field = field
      this.key = board && text ? { board, target: { ...target }, text } : null
      this.bind()
    }
    return noChange
  }

  private bind(): void {
    this.binding?.destroy()
    this.binding = null
    const key = this.key
    const field = this.field
    if (key === null || field === null || !this.isConnected) return
    const { board, target, text } = key
    this.binding = new TextFieldBinding(field, {
      text,
      localOrigin: board.session.origin,
      singleLine: target.collection !== 'notes',
      newUndoStep: () => board.newUndoStep(),
      accept: (value) => this.options.accept?.(value) ?? true,
      // `perform` throws the refusal instead of turning it into a notice by itself: the
      // binding must know the write failed (and keeps what was typed).
      apply: (delta) => board.perform(editText, { ...target, delta }),
      onRefused: (error) => board.notify(commandMessage(error)),
    })
  }

  protected override disconnected(): void {
    this.binding?.destroy()
    this.binding = null
  }

  protected override reconnected(): void {
    this.bind()
  }
}

export const bindText = directive(BindTextDirective)
