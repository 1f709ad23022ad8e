/**
 * The one commit-on-change contract every OKR editor field follows: the typed text is parsed,
 * a good value is written at once (everyone on the board sees it live), and a bad one stays in
 * the field with its message beside it while the document keeps the last good value. Each
 * editor element owns one form; the field templates (editor-fields.ts) read and write it.
 */
import { html, type ReactiveControllerHost } from 'lit'
import { afterParse, shownText, type FieldErrors } from './field-errors'
import type { Parsed } from './parse-input'

export class FieldForm {
  #errors: FieldErrors = new Map()

  /** @param host Repaints when a field's error comes or goes. */
  constructor(private readonly host: Pick<ReactiveControllerHost, 'requestUpdate'>) {}

  shown(key: string, value: string): string {
    return shownText(this.#errors, key, value)
  }

  invalid(key: string): boolean {
    return this.#errors.has(key)
  }

  /** Parses `text` for `key`; writes the value only when it parsed. */
  commit<T>(
    key: string,
    text: string,
    parse: (text: string) => Parsed<T>,
    write: (value: T) => void,
  ): void {
    const parsed = parse(text)
    this.#errors = afterParse(this.#errors, key, text, parsed)
    this.host.requestUpdate()
    if (parsed.ok) write(parsed.value)
  }

  error(key: string) {
    const error = this.#errors.get(key)
    return error
      ? html`<span class="error" role="alert" data-testid=${`error-${key}`}>${error.message}</span>`
      : null
  }
}
