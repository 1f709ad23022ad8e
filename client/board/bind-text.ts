/**
 * `bindText(board, target)`: the Lit element directive that binds an OKR editor's <input> or
 * <textarea> to a Y.Text (text-field-binding.ts): a title, an objective's description, a
 * check-in's note (any TEXT_KEYS field) or a retrospective answer. Views never hold the
 * Y.Text; they name it, and this directive finds it and writes through the core `editText`
 * (or `editRetroAnswer`) command as the session. The field's value belongs to the binding, so
 * the template must not also bind `.value` (a re-render would put the caret at the end).
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
import {
  editRetroAnswer,
  getRetroAnswerText,
  openRetroAnswers,
  readRetroAnswers,
  type RetroQuestionId,
} from '../../core/board/commands/retro'
import { editText, type TextDeltaOp, type TextTarget } from '../../core/board/commands/text'
import { getEntity, getText, TEXT_KEYS } from '../../core/board/schema'
import type { BoardController } from './board-controller'
import { docFor } from './private-view'
import { commandMessage } from './command-messages'
import { TextFieldBinding, type TextField } from './text-field-binding'

/** One retrospective answer: the timeframe's label and the question. */
export interface RetroAnswerTarget {
  readonly retro: { readonly timeframe: string; readonly question: RetroQuestionId }
}

export type BoundTextTarget = TextTarget | RetroAnswerTarget

/** Fields with lines: a note, a description, a check-in's note and a retrospective answer. */
const MULTILINE = new Set(['notes.text', 'objectives.description', 'checkIns.note'])

function lookup(doc: Y.Doc, target: BoundTextTarget): Y.Text | null {
  if ('retro' in target)
    return getRetroAnswerText(doc, target.retro.timeframe, target.retro.question)
  return getText(doc, target.collection, target.id, target.field)
}

/** The origin of creating a retro's answer texts: not the session's, so undo leaves them be. */
const RETRO_OPEN_ORIGIN = 'stretchboard:retro-open'

/**
 * A retrospective's answer texts must exist before a textarea can bind one. Every peer
 * creates them identically (core openRetroAnswers), so two people opening the retro at once
 * share them. Not `board.run`: undo must never take them away from under everyone's answers.
 * After the render, so the write's re-render is an ordinary one.
 */
function openAnswers(board: BoardController, target: RetroAnswerTarget): void {
  const { timeframe } = target.retro
  queueMicrotask(() => {
    if (getRetroAnswerText(board.session.doc, timeframe, target.retro.question) !== null) return
    openRetroAnswers(board.session.doc, { timeframe }, RETRO_OPEN_ORIGIN)
  })
}

function plainValue(doc: Y.Doc, target: BoundTextTarget): string {
  if ('retro' in target) return readRetroAnswers(doc, target.retro.timeframe)[target.retro.question]
  const value = getEntity(doc, target.collection, target.id)?.get(
    target.field ?? TEXT_KEYS[target.collection][0],
  )
  return typeof value === 'string' ? value : ''
}

function isSingleLine(target: BoundTextTarget): boolean {
  if ('retro' in target) return false
  return !MULTILINE.has(
    `${target.collection}.${target.field ?? (target.collection === 'notes' ? 'text' : 'title')}`,
  )
}

function write(board: BoardController, target: BoundTextTarget, delta: TextDeltaOp[]): void {
  if ('retro' in target) board.perform(editRetroAnswer, { ...target.retro, delta })
  else board.perform(editText, { ...target, delta })
}

export interface BindTextOptions {
  /** Whether a typed value may be written; see TextFieldBindingOptions.accept. */
  readonly accept?: (value: string) => boolean
}

class BindTextDirective extends AsyncDirective {
  private binding: TextFieldBinding | null = null
  private key: { board: BoardController; target: BoundTextTarget; text: Y.Text } | null = null
  private field: TextField | null = null
  private options: BindTextOptions = {}

  constructor(part: PartInfo) {
    super(part)
    if (part.type !== PartType.ELEMENT) throw new Error('bindText goes on an <input> or <textarea>')
  }

  render(
    _board: BoardController | undefined,
    _target: BoundTextTarget,
    _options?: BindTextOptions,
  ) {
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
    // A hidden note's text is in this person's private room (client/board/private-view.ts).
    const doc =
      board && ('retro' in target ? board.session.doc : docFor(board, target.collection, target.id))
    const text = doc ? lookup(doc, target) : null
    if (text !== this.key?.text || field !== this.field) {
      this.field = field
      this.key = board && text ? { board, target: { ...target }, text } : null
      this.bind()
    }
    // Nothing to bind yet (a schema-1 board a viewer opens, which is never migrated, or an
    // answer nobody opened): show the stored value as readers see it, read-only, because what
    // was typed into an unbound field would be replaced when the binding arrives.
    ;(part.element as HTMLInputElement).readOnly = text === null
    if (text === null && board) {
      field.value = plainValue(board.session.doc, target)
      if ('retro' in target && board.canEdit) openAnswers(board, target)
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
      singleLine: isSingleLine(target),
      newUndoStep: () => board.newUndoStep(),
      accept: (value) => this.options.accept?.(value) ?? true,
      // `perform` throws the refusal instead of turning it into a notice by itself: the
      // binding must know the write failed (and keeps what was typed).
      apply: (delta) => write(board, target, delta),
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
