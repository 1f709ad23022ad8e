/**
 * What a person typed into a field that did not parse, with the reason. The field keeps showing
 * the typed text (so nothing is lost) until it is corrected or the person discards it.
 */
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
