/**
 * How figures read wherever they are shown: the workspace, the Markdown table and the CSV use
 * these, so a number on screen and the same number in an export are the same string.
 */
import type { Unit } from '../okr/okr-model'
import { scoreText } from '../okr/score'

/**
 * Scores read with one decimal (0.7), the way OKR scores are spoken: core/okr/score's
 * `scoreText`, the same rounding the colour band is decided on.
 */
export function formatScore(score: number | null): string {
  return scoreText(score)
}

/**
 * A plain number without binary noise and without locale grouping, so that it pastes back into
 * a spreadsheet or a form field as the same number.
 *
 * @example
 * formatNumber(286.00000000000006) // '286'
 */
export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–'
  const rounded = Math.round(value * 100) / 100
  return String(Object.is(rounded, -0) ? 0 : rounded)
}

/**
 * A number as people read it: thousands grouped with commas, at most two decimals (40000 →
 * '40,000', 1234.5 → '1,234.5'). For screens and documents people read; anything a program
 * or a form field reads back (CSV cells, inputs) uses `formatNumber`. The grouping is fixed to
 * en-US so every peer and every export shows the same string, whatever the device's locale.
 *
 * @example
 * formatAmount(40000) // '40,000'
 */
export function formatAmount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–'
  const rounded = Math.round(value * 100) / 100
  return (Object.is(rounded, -0) ? 0 : rounded).toLocaleString('en-US', {
    maximumFractionDigits: 2,
  })
}

/** The unit's short label: `%`, `EUR`, `ms`; empty for plain counts. */
export function unitLabel(unit: Unit): string {
  switch (unit.kind) {
    case 'percent':
      return '%'
    case 'currency':
      return unit.code ?? '$'
    case 'count':
      return ''
    case 'text':
      return unit.label
  }
}

/**
 * A value with its unit, as a person writes it, thousands grouped (`formatAmount`).
 *
 * @example
 * formatValue(45, { kind: 'percent' }) // '45%'
 * formatValue(40000, { kind: 'currency', code: 'USD' }) // '40,000 USD'
 */
export function formatValue(value: number | null, unit: Unit): string {
  const number = formatAmount(value)
  if (value === null || !Number.isFinite(value)) return number
  const label = unitLabel(unit)
  if (label === '') return number
  if (unit.kind === 'percent') return `${number}%`
  return `${number} ${label}`
}

/** Progress as a whole percentage (0.456 → '46 %'). */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–'
  return `${Math.round(fraction * 100)}%`
}

/** A UTC calendar date (2026-10-01) for exports that must not depend on the reader's zone. */
export function formatDate(time: number | null): string {
  if (time === null || !Number.isFinite(time)) return ''
  return new Date(time).toISOString().slice(0, 10)
}

/**
 * The board's timeframe is stored as a plain range; read it as the quarter or year it exactly
 * covers when it does, so it is labelled `2026-Q4` and "next" means the next quarter. The one
 * reading is core/okr/cycles.ts's, which the cycle picker and "Carry forward" use too.
 *
 * @example
 * timeframeOfRange(quarterTimeframe(2026, 4)).kind // 'quarter'
 */
export { timeframeOfPeriod as timeframeOfRange } from '../okr/cycles'
