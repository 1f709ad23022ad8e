/** Words the workspace shows for the model's enums, in one place. */
import type { Band } from '../../core/okr/score'
import type { Trend } from '../../core/okr/time'
import type { Unit } from '../../core/okr/okr-model'

/**
 * The trend compares progress with the calendar, not with the 0.7 line: labelled as pace so a
 * green "on track" beside a red 0.3 score reads as two different things (docs/scoring.md).
 */
export const TREND_LABELS: Readonly<Record<Trend, string>> = {
  'on-track': 'Pace: on track',
  'at-risk': 'Pace: at risk',
  behind: 'Pace: behind',
}

/** What the pace badge measures, for its tooltip. */
export const PACE_HINT = 'Pace: progress against the time elapsed in the period, not the score'

export const BAND_LABELS: Readonly<Record<Band, string>> = {
  red: 'Off track',
  yellow: 'Progressing',
  green: 'Success',
}

export const CALCULATION_LABELS = {
  'absolute-target': 'Reach a value',
  'percentage-lift': 'Lift by %',
  'absolute-lift': 'Lift by amount',
} as const

export const UNIT_KINDS = ['count', 'percent', 'currency', 'text'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

/** The unit's kind and its free-text part (currency code or label), for a select + input pair. */
export function unitParts(unit: Unit): { kind: UnitKind; extra: string } {
  if (unit.kind === 'currency') return { kind: 'currency', extra: unit.code ?? '' }
  if (unit.kind === 'text') return { kind: 'text', extra: unit.label }
  return { kind: unit.kind, extra: '' }
}

export function unitFrom(kind: UnitKind, extra: string): Unit {
  const text = extra.trim()
  if (kind === 'currency') return text ? { kind, code: text.toUpperCase().slice(0, 3) } : { kind }
  if (kind === 'text') return text ? { kind, label: text.slice(0, 40) } : { kind: 'count' }
  return { kind }
}

export function formatDay(time: number | null): string {
  if (time === null || !Number.isFinite(time)) return '–'
  return new Date(time).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  })
}

/** "1 dot", "3 dots": a count with its noun. */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** The free-text part of a unit has a field only for currencies and labelled units. */
export function unitExtraLabel(kind: UnitKind): string | null {
  if (kind === 'currency') return 'Currency code'
  if (kind === 'text') return 'Unit label'
  return null
}
