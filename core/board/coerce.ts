/**
 * Defensive field readers: every stored value is untrusted (another tool, an old version or a
 * hand edit may have written it), so each reader returns a well-typed value or the fallback
 * and never throws.
 */
import * as Y from 'yjs'

/** A plain JSON view of a stored value: Y types become their JSON, the rest passes through. */
export function plain(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString()
  if (value instanceof Y.AbstractType) return value.toJSON() as unknown
  return value
}

/** Field access on either a Y.Map (the normal case) or a plain object written by another tool. */
export function fieldsOf(value: unknown): ((key: string) => unknown) | null {
  if (value instanceof Y.Map) return (key) => (value as Y.Map<unknown>).get(key)
  if (isRecord(value)) return (key) => (Object.hasOwn(value, key) ? value[key] : undefined)
  return null
}

/** A plain JSON object: not an array, and not a Y type or other class instance. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export function asString(value: unknown, fallback: string): string {
  const v = plain(value)
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return fallback
}

export function asNullableString(value: unknown): string | null {
  const v = plain(value)
  return typeof v === 'string' && v !== '' ? v : null
}

/** Finite numbers, and numeric strings (a common hand-edit), else the fallback. */
export function asNumber(value: unknown, fallback: number): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : fallback
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : fallback
  }
  return fallback
}

export function asNullableNumber(value: unknown): number | null {
  const n = asNumber(value, Number.NaN)
  return Number.isNaN(n) ? null : n
}

export function asBoolean(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 1) return true
  if (value === 'false' || value === 0) return false
  return fallback
}

export function asEnum<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback
}

/** A list of non-empty strings, deduplicated in first-seen order; anything else is dropped. */
export function asStringList(value: unknown): string[] {
  const v = plain(value)
  if (!Array.isArray(v)) return []
  const out: string[] = []
  for (const item of v)
    if (typeof item === 'string' && item !== '' && !out.includes(item)) out.push(item)
  return out
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** Structural equality of plain JSON values, used to tell user edits from converted values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  return canonical(plain(a)) === canonical(plain(b))
}

function canonical(value: unknown): string {
  // Yjs can store BigInt, which JSON.stringify refuses: tag it instead of throwing.
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint'
      ? `bigint:${v}`
      : isRecord(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, v[k]]),
          )
        : v === undefined
          ? null
          : v,
  )
}

/** A short, never-throwing description of a stored value for repair reports. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value instanceof Y.AbstractType) return `a ${value.constructor.name}`
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Uint8Array) return `${value.length} bytes`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch (_error) {
    return typeof value
  }
}
