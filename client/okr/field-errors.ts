/**
 * What a person typed into a field that did not parse, with the reason. The field keeps showing
 * the typed text (so nothing is lost) until it is corrected or the person discards it.
 */
import type { Parsed } from './parse-input'

export interface FieldError {
  readonly text: string
  readonly message: string
}

export type FieldErrors = ReadonlyMap<string, FieldError>

export function withError(errors: FieldErrors, key: string, error: FieldError | null): FieldErrors {
  const next = new Map(errors)
  if (error === null) next.delete(key)
  else next.set(key, error)
  return next
}

/** The errors after `text` was typed into `key` and parsed: kept text on failure, none on success. */
export function afterParse<T>(
  errors: FieldErrors,
  key: string,
  text: string,
  parsed: Parsed<T>,
): FieldErrors {
  return withError(errors, key, parsed.ok ? null : { text, message: parsed.message })
}

/** What a field shows: the text that did not parse, else the document's value. */
export function shownText(errors: FieldErrors, key: string, value: string): string {
  return errors.get(key)?.text ?? value
}
