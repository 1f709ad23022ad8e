/**
 * The fields the objective and key-result editors are built from. Every field follows the
 * FieldForm contract (parse the typed text, write a good value at once, keep a bad one in the
 * field with its message), so both editors behave alike field for field.
 */
import { html } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'
import type { BoardController } from '../board/board-controller'
import { bindText, type BoundTextTarget } from '../board/bind-text'
import type { FieldForm } from './field-form'
import type { Parsed } from './parse-input'

export interface InputSpec<T> {
  /** Names the field: its error, its `data-field` and its `error-<key>` message. */
  readonly key: string
  /** The document's value, formatted for the field. */
  readonly value: string
  readonly parse: (text: string) => Parsed<T>
  readonly commit: (value: T) => void
  readonly disabled: boolean
  /** Written on every keystroke (titles, descriptions) rather than when the field is left. */
  readonly live?: boolean
  readonly multiline?: boolean
  readonly numeric?: boolean
  readonly testid?: string
  readonly ariaLabel?: string
  readonly placeholder?: string
  readonly className?: string
  /**
   * The Y.Text the field edits in place (titles, descriptions): several people can type in it
   * at once, and `commit` is not called — the binding writes each keystroke as a text edit.
   */
  readonly text?: { readonly board: BoardController | undefined; readonly target: BoundTextTarget }
}

export interface Option<T extends string> {
  readonly value: T
  readonly label: string
}

export interface SelectSpec<T extends string> {
  readonly key: string
  readonly value: T | null
  readonly options: readonly Option<T>[]
  readonly commit: (value: T) => void
  readonly disabled: boolean
}

/** Options for an enum, shown as their own words unless `labels` has better ones. */
export function enumOptions<T extends string>(
  values: readonly T[],
  labels?: Readonly<Record<T, string>>,
): Option<T>[] {
  return values.map((value) => ({ value, label: labels?.[value] ?? value }))
}

export function input<T>(form: FieldForm, spec: InputSpec<T>) {
  if (spec.text !== undefined) return boundInput(form, spec, spec.text)
  const trigger = spec.live === true ? 'input' : 'change'
  const onEdit = (e: Event) => {
    if (e.type !== trigger) return
    const text = (e.target as HTMLInputElement | HTMLTextAreaElement).value
    form.commit(spec.key, text, spec.parse, spec.commit)
  }
  const value = form.shown(spec.key, spec.value)
  const invalid = form.invalid(spec.key) ? 'true' : 'false'
  if (spec.multiline === true) {
    return html`<textarea
      data-field=${spec.key}
      .value=${value}
      aria-invalid=${invalid}
      ?disabled=${spec.disabled}
      @input=${onEdit}
      @change=${onEdit}
    ></textarea>`
  }
  return html`<input
    class=${ifDefined(spec.className)}
    data-field=${spec.key}
    data-testid=${ifDefined(spec.testid)}
    aria-label=${ifDefined(spec.ariaLabel)}
    placeholder=${ifDefined(spec.placeholder)}
    inputmode=${ifDefined(spec.numeric === true ? 'decimal' : undefined)}
    .value=${value}
    aria-invalid=${invalid}
    ?disabled=${spec.disabled}
    @input=${onEdit}
    @change=${onEdit}
  />`
}

/**
 * A field bound to a Y.Text. The binding owns its value (no `.value` here: a repaint would
 * put the caret at the end); the parse still decides whether a value may be written, so an
 * emptied title shows its message and the document keeps the last good one.
 */
function boundInput<T>(
  form: FieldForm,
  spec: InputSpec<T>,
  text: NonNullable<InputSpec<T>['text']>,
) {
  const accept = (value: string): boolean => {
    let ok = false
    form.commit(spec.key, value, spec.parse, () => (ok = true))
    return ok
  }
  const invalid = form.invalid(spec.key) ? 'true' : 'false'
  if (spec.multiline === true) {
    return html`<textarea
      ${bindText(text.board, text.target, { accept })}
      data-field=${spec.key}
      data-testid=${ifDefined(spec.testid)}
      aria-label=${ifDefined(spec.ariaLabel)}
      placeholder=${ifDefined(spec.placeholder)}
      aria-invalid=${invalid}
      ?disabled=${spec.disabled}
    ></textarea>`
  }
  return html`<input
    ${bindText(text.board, text.target, { accept })}
    class=${ifDefined(spec.className)}
    data-field=${spec.key}
    data-testid=${ifDefined(spec.testid)}
    aria-label=${ifDefined(spec.ariaLabel)}
    placeholder=${ifDefined(spec.placeholder)}
    aria-invalid=${invalid}
    ?disabled=${spec.disabled}
  />`
}

export function select<T extends string>(spec: SelectSpec<T>) {
  const onChange = (e: Event) => {
    const text = (e.target as HTMLSelectElement).value
    const option = spec.options.find((o) => o.value === text)
    if (option) spec.commit(option.value)
  }
  return html`<select data-field=${spec.key} ?disabled=${spec.disabled} @change=${onChange}>
    ${spec.options.map(
      (o) => html`<option value=${o.value} ?selected=${o.value === spec.value}>${o.label}</option>`,
    )}
  </select>`
}

/** A labelled input with its message beneath. */
export function field<T>(form: FieldForm, label: unknown, spec: InputSpec<T>, wide = false) {
  return html`<label class=${wide ? 'wide' : ''}
    >${label} ${input(form, spec)} ${form.error(spec.key)}</label
  >`
}

export function selectField<T extends string>(label: unknown, spec: SelectSpec<T>) {
  return html`<label>${label} ${select(spec)}</label>`
}
