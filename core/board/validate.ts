/**
 * Argument checks for commands. Each returns the checked value or throws BoardCommandError
 * with the argument's name, so a command validates everything before its transaction starts.
 * Text checks return the text sanitised (core/text/sanitize.ts): control characters and bidi
 * overrides are removed here, once, so no command can store them.
 */
import type { Unit } from '../okr/okr-model'
import { sanitizeLine, sanitizeMultiline } from '../text/sanitize'
import { NOTE_PALETTE, normalizeColor } from './colors'
import { isRecord } from './coerce'
import { BoardCommandError } from './errors'

export const MAX_ID_LENGTH = 200
export const MAX_TEXT_LENGTH = 10_000
export const MAX_COORDINATE = 1e7

function invalid(field: string, message: string): never {
  throw new BoardCommandError('invalid-argument', `${field}: ${message}`, field)
}

export function checkArgs(args: unknown, command: string): Record<string, unknown> {
  if (!isRecord(args)) invalid(command, 'arguments must be an object')
  return args
}

export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') invalid(field, 'must be a non-empty string id')
  if (value.length > MAX_ID_LENGTH) invalid(field, `must be at most ${MAX_ID_LENGTH} characters`)
  return value
}

export function checkIds(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) invalid(field, 'must be an array of ids')
  return [...new Set(value.map((id, i) => checkId(id, `${field}[${i}]`)))]
}

export function checkNullableId(value: unknown, field: string): string | null {
  return value === null ? null : checkId(value, field)
}

function checkString(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') invalid(field, 'must be a string')
  // Measured before sanitising, so the cap also bounds the work sanitising does.
  if (value.length > max) invalid(field, `must be at most ${max} characters`)
  return value
}

/**
 * Multi-line text (note text, descriptions, check-in notes, retro answers): keeps line breaks
 * (as `\n`) and tabs, drops other control and invisible characters.
 */
export function checkText(value: unknown, field: string, max = MAX_TEXT_LENGTH): string {
  return sanitizeMultiline(checkString(value, field, max))
}

/**
 * One-line text (titles, names, owners, metrics, tags, labels): line breaks and tabs become
 * spaces, other control and invisible characters are dropped.
 */
export function checkLine(value: unknown, field: string, max = MAX_TEXT_LENGTH): string {
  return sanitizeLine(checkString(value, field, max))
}

/** A name such as an owner: one line, at most an id's length, or null. */
export function checkNullableText(value: unknown, field: string): string | null {
  return value === null ? null : checkLine(value, field, MAX_ID_LENGTH)
}

export function checkNumber(
  value: unknown,
  field: string,
  min = -Infinity,
  max = Infinity,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    invalid(field, 'must be a finite number')
  if (value < min || value > max) invalid(field, `must be between ${min} and ${max}`)
  return value
}

export function checkNullableNumber(
  value: unknown,
  field: string,
  min = -Infinity,
  max = Infinity,
): number | null {
  return value === null ? null : checkNumber(value, field, min, max)
}

export function checkInteger(value: unknown, field: string, min: number, max: number): number {
  const n = checkNumber(value, field, min, max)
  if (!Number.isInteger(n)) invalid(field, 'must be a whole number')
  return n
}

export function checkCoordinate(value: unknown, field: string): number {
  return checkNumber(value, field, -MAX_COORDINATE, MAX_COORDINATE)
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, 'must be true or false')
  return value
}

export function checkEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(field, `must be one of ${allowed.join(', ')}`)
  }
  return value as T
}

/** A colour in its stored form, `#rrggbb` (core/board/colors.ts says what is accepted and why). */
export function checkColor(value: unknown, field: string): string {
  if (typeof value !== 'string') invalid(field, 'must be a colour string')
  const color = value.length <= 16 ? normalizeColor(value) : null
  if (color === null) {
    invalid(
      field,
      `must be a colour written #rrggbb (or #rgb) or one of ${Object.keys(NOTE_PALETTE).join(', ')}`,
    )
  }
  return color
}

export function checkUnit(value: unknown, field: string): Unit {
  if (!isRecord(value)) invalid(field, 'must be a unit object')
  switch (value.kind) {
    case 'percent':
      return { kind: 'percent' }
    case 'count':
      return { kind: 'count' }
    case 'currency':
      return value.code === undefined
        ? { kind: 'currency' }
        : { kind: 'currency', code: checkLine(value.code, `${field}.code`, 16) }
    case 'text': {
      const label = checkLine(value.label, `${field}.label`, 64)
      if (label === '') invalid(`${field}.label`, 'must not be empty')
      return { kind: 'text', label }
    }
    default:
      return invalid(`${field}.kind`, 'must be percent, currency, count or text')
  }
}

/** Runs `check` only when the key is present, so partial updates stay partial. */
export function optional<T>(
  args: Record<string, unknown>,
  key: string,
  check: (value: unknown, field: string) => T,
  prefix = '',
): T | undefined {
  return Object.hasOwn(args, key) && args[key] !== undefined
    ? check(args[key], prefix + key)
    : undefined
}
