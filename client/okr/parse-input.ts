/**
 * Reading what people type into the workspace's fields. Every parser returns the value or a
 * message for the field; nothing throws, and the caller keeps the typed text on an error so
 * nothing is lost.
 */
import type { GradingPoint, Timeframe } from '../../core/okr/okr-model'
import { parseTimeframe } from '../../core/okr/timeframe'

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

/**
 * A number as people write it: `1200`, `1,200`, `12.5`, `-3`, `45 %`. A comma followed by
 * three digits groups thousands; otherwise it is a decimal comma (12,5).
 */
export function parseNumberInput(
  text: string,
  options: { min?: number; max?: number } = {},
): Parsed<number> {
  const trimmed = text.trim().replace(/\s*%$/, '').replace(/\s/g, '')
  if (trimmed === '') return { ok: false, message: 'Enter a number.' }
  const normalised = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)
    ? trimmed.replace(/,/g, '')
    : trimmed.replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised)) {
    return { ok: false, message: `"${text.trim()}" is not a number.` }
  }
  const value = Number(normalised)
  if (!Number.isFinite(value)) return { ok: false, message: 'That number is too large.' }
  if (options.min !== undefined && value < options.min)
    return { ok: false, message: `Must be at least ${options.min}.` }
  if (options.max !== undefined && value > options.max)
    return { ok: false, message: `Must be at most ${options.max}.` }
  return { ok: true, value }
}

/** An optional number: empty means null (e.g. no predicted score given). */
export function parseOptionalNumber(
  text: string,
  options: { min?: number; max?: number } = {},
): Parsed<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseNumberInput(text, options)
}

/** A timeframe as typed (`2026-Q4`, `2026`, `2026-01-15/2026-03-31`); empty means none. */
export function parseTimeframeInput(text: string): Parsed<Timeframe | null> {
  if (text.trim() === '') return { ok: true, value: null }
  const result = parseTimeframe(text)
  if (result.timeframe) return { ok: true, value: result.timeframe }
  return { ok: false, message: result.diagnostics[0]?.message ?? 'Not a timeframe.' }
}

/**
 * Grading points as `value: score` pairs separated by commas or semicolons
 * (`0: 0, 500: 0.5, 1000: 1`); empty means linear scoring.
 */
export function parseGradingInput(text: string): Parsed<GradingPoint[] | null> {
  if (text.trim() === '') return { ok: true, value: null }
  const points: GradingPoint[] = []
  for (const part of text.split(/[;,]\s*(?=[-+.\d])|;/)) {
    const match = /^\s*([-+]?[\d.]+)\s*[:=→]\s*([\d.]+)\s*$/.exec(part)
    if (!match) return { ok: false, message: `"${part.trim()}" is not "value: score".` }
    const value = Number(match[1])
    const score = Number(match[2])
    if (!Number.isFinite(value) || !Number.isFinite(score) || score < 0 || score > 1) {
      return { ok: false, message: `"${part.trim()}": the score must be between 0 and 1.` }
    }
    points.push({ value, score })
  }
  if (points.length < 2) return { ok: false, message: 'A grading scale needs at least 2 points.' }
  return { ok: true, value: points }
}

export function formatGrading(points: readonly GradingPoint[] | null): string {
  return points === null ? '' : points.map((p) => `${p.value}: ${p.score}`).join(', ')
}

/** Free text (a description, a metric): anything goes. */
export function parseAnyText(text: string): Parsed<string> {
  return { ok: true, value: text }
}

/** A title: kept as typed, but never blank (`message` says whose title it is). */
export function parseTitle(message: string): (text: string) => Parsed<string> {
  return (text) => (text.trim() === '' ? { ok: false, message } : { ok: true, value: text })
}
