/**
 * Numeric guards shared by the OKR engine. Inbound data is untrusted (a peer may write NaN,
 * Infinity or a string into a field), so every figure the engine returns passes through these
 * to keep the promise "never NaN, never a throw".
 */
import type { Diagnostic, EpochMs, Score, Severity } from './okr-model'

/** True for a real, finite number (rejects NaN, ±Infinity and non-numbers). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/**
 * Forces a value into the finite doubles: NaN → `fallback`, ±Infinity → ±Number.MAX_VALUE,
 * −0 → 0.
 *
 * @example
 * finite(Infinity) // 1.7976931348623157e308
 * finite(NaN, 0) // 0
 */
export function finite(value: number, fallback = 0): number {
  if (Number.isNaN(value)) return fallback
  if (value === Infinity) return Number.MAX_VALUE
  if (value === -Infinity) return -Number.MAX_VALUE
  // −0 + 0 is +0: a "−0" progress in an export helps nobody.
  return value + 0
}

/** Clamps into [lo, hi]; NaN becomes `lo`. */
export function clamp(value: number, lo: number, hi: number): number {
  if (Number.isNaN(value)) return lo
  return Math.min(hi, Math.max(lo, value))
}

/**
 * Brands a number as a `Score`, clamping it into [0, 1] (NaN → 0).
 *
 * @example
 * toScore(1.3) // 1
 */
export function toScore(value: number): Score {
  return clamp(value, 0, 1) as Score
}

/** Brands a number as `EpochMs` (the caller has checked it is a finite time). */
export function toEpochMs(value: number): EpochMs {
  return value as EpochMs
}

/**
 * `(a − b) / (c − d)` without overflow: when a difference leaves the doubles, the operands are
 * halved first (exact in binary), so 1e308 − (−1e308) still divides correctly.
 */
export function ratioOfDifferences(a: number, b: number, c: number, d: number): number {
  let numerator = a - b
  let denominator = c - d
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) {
    numerator = a / 2 - b / 2
    denominator = c / 2 - d / 2
  }
  return finite(numerator / denominator)
}

/** Builds a diagnostic; keeps call sites to one line. */
export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  targetId: string | null,
): Diagnostic {
  return { code, severity, message, targetId }
}

/** A readable id for messages even when the id field itself is missing or not a string. */
export function idOf(item: { readonly id?: unknown } | null | undefined): string | null {
  return typeof item?.id === 'string' ? item.id : null
}

/** A string field as text, or '' when missing or not a string. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
